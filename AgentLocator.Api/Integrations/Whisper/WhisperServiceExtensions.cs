using AgentLocator.Api.Infrastructure.Configuration;
using AgentLocator.Api.Integrations.Whisper;

// In the hosting namespace, like the service defaults, so the service wiring needs only the call.
namespace Microsoft.Extensions.Hosting;

public static class WhisperServiceExtensions
{
    /// <summary>
    /// Local speech-to-text (whisper.cpp through Whisper.net) from the ggml model at Whisper:ModelPath. Only its
    /// settings are registered here: the model is loaded by the transcriber choice, and only when OpenAI is off.
    /// </summary>
    public static IHostApplicationBuilder AddWhisper(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WhisperOptions>().BindSettings(WhisperOptions.SectionName);
        return builder;
    }
}
