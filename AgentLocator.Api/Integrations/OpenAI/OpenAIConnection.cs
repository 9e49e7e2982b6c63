using System.ClientModel;
using System.ClientModel.Primitives;
using AgentLocator.Grains.Calls.Providers;
using Microsoft.Extensions.AI;
using OpenAI;

namespace AgentLocator.Api.Integrations.OpenAI;

/// <summary>The one OpenAI client of the process, or none (<see cref="Client"/> null) when OPENAI_API_KEY is not set.</summary>
public sealed class OpenAIConnection
{
    private OpenAIConnection(OpenAIClient? client, OpenAIOptions options)
    {
        Client = client;
        Options = options;
    }

    public OpenAIClient? Client { get; }

    public OpenAIOptions Options { get; }

    public static OpenAIConnection From(OpenAIOptions options)
    {
        if (!options.IsConfigured)
        {
            return new OpenAIConnection(null, options);
        }
        var clientOptions = new OpenAIClientOptions
        {
            NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
            // No retries: a second attempt would outlast what Twilio waits for, and the pipeline falls back instead.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        };
        if (options.EndpointUri is { } endpoint)
        {
            clientOptions.Endpoint = endpoint;
        }
        return new OpenAIConnection(new OpenAIClient(new ApiKeyCredential(options.ApiKey!), clientOptions), options);
    }

    /// <summary>Speech-to-text through this client, or null when OpenAI is off.</summary>
    public ICallTranscriber? Transcriber(ILogger<OpenAICallTranscriber> logger) => Client is { } client
        ? new OpenAICallTranscriber(client.GetAudioClient(Options.TranscriptionModel).AsISpeechToTextClient(), logger)
        : null;
}
