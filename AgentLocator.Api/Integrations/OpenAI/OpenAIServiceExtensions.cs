using System.ClientModel;
using System.ClientModel.Primitives;
using AgentLocator.Api.Infrastructure.Configuration;
using AgentLocator.Api.Integrations;
using AgentLocator.Api.Integrations.OpenAI;
using AgentLocator.Grains.Calls.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

// In the hosting namespace, like the service defaults, so the service wiring needs only the call.
namespace Microsoft.Extensions.Hosting;

public static class OpenAIServiceExtensions
{
    /// <summary>
    /// OpenAI, or the OpenAI-compatible server at OPENAI_BASE_URL: replies and call summaries, and the client the
    /// transcriber choice uses first (<see cref="OpenAIConnection"/>). On only when OPENAI_API_KEY is set; otherwise the
    /// reply writer is unconfigured and the pipeline plays the fallback message.
    /// </summary>
    public static IHostApplicationBuilder AddOpenAI(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OpenAIOptions>().BindSettings(OpenAIOptions.SectionName);
        services.AddSingleton(provider => OpenAIConnection.From(provider.GetRequiredService<IOptions<OpenAIOptions>>().Value));
        services.AddSingleton<ICallReplyWriter>(provider => provider.GetRequiredService<OpenAIConnection>() is { Client: { } client } connection
            ? new OpenAICallReplyWriter(
                client.GetChatClient(connection.Options.ChatModel).AsIChatClient(),
                provider.GetRequiredService<ILogger<OpenAICallReplyWriter>>())
            : new UnconfiguredCallReplyWriter());
        return builder;
    }
}

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
