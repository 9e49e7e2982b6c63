using AgentLocator.Api.Integrations.OpenAI;
using AgentLocator.Api.Integrations.Whisper;
using AgentLocator.Grains.Calls.Providers;
using Microsoft.Extensions.Options;

namespace AgentLocator.Api.Integrations;

public static class TranscriberChoice
{
    /// <summary>
    /// The speech-to-text, decided once: an OpenAI key set → OpenAI (or the OpenAI-compatible server at
    /// OPENAI_BASE_URL); else a ggml model at Whisper:ModelPath that loads → local Whisper; else none. A model path that
    /// does not exist or does not load is an error in the start-up log, and transcription is then off, not a crash.
    /// Needs <c>AddOpenAI()</c> and <c>AddWhisper()</c>. The choice is shown in /health.
    /// </summary>
    public static IHostApplicationBuilder AddTranscriberChoice(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(Choose);
        builder.Services.AddHealthChecks().AddCheck<TranscriptionHealthCheck>("transcription");
        return builder;
    }

    private static ICallTranscriber Choose(IServiceProvider provider)
    {
        var whisper = provider.GetRequiredService<IOptions<WhisperOptions>>().Value;
        var loggers = provider.GetRequiredService<ILoggerFactory>();
        var logger = loggers.CreateLogger(typeof(TranscriberChoice));
        if (provider.GetRequiredService<OpenAIConnection>().Transcriber(loggers.CreateLogger<OpenAICallTranscriber>()) is { } openAI)
        {
            if (whisper.IsConfigured)
            {
                logger.LogInformation("Whisper:ModelPath is set, but OPENAI_API_KEY comes first: the local model is not loaded.");
            }
            return openAI;
        }
        if (!whisper.IsConfigured)
        {
            return new UnconfiguredCallTranscriber();
        }
        if (WhisperCallTranscriber.TryLoad(whisper, loggers, out var problem) is { } local)
        {
            return local;
        }
        logger.LogError("The Whisper model at {ModelPath} (Whisper:ModelPath) cannot be used: {Problem}. Calls are not transcribed.",
            whisper.ModelPath, problem);
        return new UnconfiguredCallTranscriber($"the Whisper model at Whisper:ModelPath cannot be used: {problem}");
    }
}
