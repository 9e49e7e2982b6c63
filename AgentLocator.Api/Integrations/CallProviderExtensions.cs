using System.ClientModel;
using System.ClientModel.Primitives;
using AgentLocator.Api.Integrations;
using AgentLocator.Api.Integrations.GoogleTts;
using AgentLocator.Api.Integrations.OpenAI;
using AgentLocator.Api.Integrations.Twilio;
using AgentLocator.Api.Integrations.Whisper;
using AgentLocator.Grains.Calls.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

// In the hosting namespace, like the service defaults, so the service wiring needs only the call.
namespace Microsoft.Extensions.Hosting;

public static class CallProviderExtensions
{
    /// <summary>
    /// The outside services a call goes through: the Twilio recording download, transcription (OpenAI, else a local
    /// Whisper model), OpenAI replies, and Google speech. Each is on only when configured; otherwise its IsConfigured is
    /// false and the pipeline falls back.
    /// Needs an <see cref="IMediaStore"/> registered beside it (speech is stored as public media).
    /// </summary>
    public static IHostApplicationBuilder AddCallProviders(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.TryAddTimeProvider();

        services.AddOptions<OpenAIOptions>().Bind(configuration.GetSection(OpenAIOptions.SectionName))
            .Validate(o => string.IsNullOrWhiteSpace(o.Endpoint) || IsHttpUrl(o.Endpoint), "OpenAI:Endpoint (OPENAI_BASE_URL) must be an http(s) URL.")
            .Validate(o => o.TimeoutSeconds > 0, "OpenAI:TimeoutSeconds must be positive.")
            .ValidateOnStart();
        services.AddOptions<GoogleSpeechOptions>().Bind(configuration.GetSection(GoogleSpeechOptions.SectionName))
            .Validate(o => IsHttpUrl(o.TextToSpeechEndpoint), "Google:TextToSpeechEndpoint must be an http(s) URL.")
            .Validate(o => o.TimeoutSeconds > 0, "Google:TimeoutSeconds must be positive.")
            .ValidateOnStart();
        services.AddOptions<WhisperOptions>().Bind(configuration.GetSection(WhisperOptions.SectionName))
            .Validate(o => o.LoadTimeoutSeconds > 0, "Whisper:LoadTimeoutSeconds must be positive.")
            .Validate(o => o.Threads >= 0, "Whisper:Threads must be 0 (all cores but one) or more.")
            .ValidateOnStart();
        services.AddOptions<RecordingDownloadOptions>().Configure<IConfiguration>((options, config) =>
        {
            options.AccountSid = config["Twilio:AccountSid"];
            options.AuthToken = config["Twilio:AuthToken"];
            if (int.TryParse(config["Calls:RecordingDownloadAttempts"], out var attempts) && attempts > 0)
            {
                options.Attempts = attempts;
            }
        });

        // Each adapter has its own timeouts and retries, fitted to a caller waiting on the line; the service defaults'
        // standard resilience handler would add its own retries and a 30 s budget on top, so it is removed.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental.
        services.AddHttpClient(TwilioRecordingSource.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan).RemoveAllResilienceHandlers();
        services.AddHttpClient(GoogleSpeechSynthesizer.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001

        services.AddSingleton<ICallRecordingSource, TwilioRecordingSource>();
        services.AddSingleton<ISpeechSynthesizer, GoogleSpeechSynthesizer>();
        services.AddSingleton(ChooseTranscriber);
        services.AddSingleton<ICallReplyWriter>(provider => OpenAIClientFrom(provider) is { } openAI
            ? new OpenAICallReplyWriter(
                openAI.Client.GetChatClient(openAI.Options.ChatModel).AsIChatClient(),
                provider.GetRequiredService<ILogger<OpenAICallReplyWriter>>())
            : new UnconfiguredCallReplyWriter());
        services.AddHostedService<CallProvidersReport>();
        services.AddHealthChecks().AddCheck<TranscriptionHealthCheck>("transcription");
        return builder;
    }

    /// <summary>
    /// The speech-to-text order, decided once: an OpenAI key set → OpenAI (or the OpenAI-compatible server at
    /// OPENAI_BASE_URL); else a ggml model at Whisper:ModelPath that loads → local Whisper; else none. A model path that
    /// does not exist or does not load is an error in the start-up log, and transcription is then off, not a crash.
    /// </summary>
    private static ICallTranscriber ChooseTranscriber(IServiceProvider provider)
    {
        var whisper = provider.GetRequiredService<IOptions<WhisperOptions>>().Value;
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CallProviderExtensions));
        if (OpenAIClientFrom(provider) is { } openAI)
        {
            if (whisper.IsConfigured)
            {
                logger.LogInformation("Whisper:ModelPath is set, but OPENAI_API_KEY comes first: the local model is not loaded.");
            }
            return new OpenAICallTranscriber(
                openAI.Client.GetAudioClient(openAI.Options.TranscriptionModel).AsISpeechToTextClient(),
                provider.GetRequiredService<ILogger<OpenAICallTranscriber>>());
        }
        if (!whisper.IsConfigured)
        {
            return new UnconfiguredCallTranscriber();
        }
        if (WhisperCallTranscriber.TryLoad(whisper, provider.GetRequiredService<ILoggerFactory>(), out var problem) is { } local)
        {
            return local;
        }
        logger.LogError("The Whisper model at {ModelPath} (Whisper:ModelPath) cannot be used: {Problem}. Calls are not transcribed.",
            whisper.ModelPath, problem);
        return new UnconfiguredCallTranscriber($"the Whisper model at Whisper:ModelPath cannot be used: {problem}");
    }

    private static (OpenAIClient Client, OpenAIOptions Options)? OpenAIClientFrom(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<OpenAIOptions>>().Value;
        if (!options.IsConfigured)
        {
            return null;
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
        return (new OpenAIClient(new ApiKeyCredential(options.ApiKey!), clientOptions), options);
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(service => service.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
