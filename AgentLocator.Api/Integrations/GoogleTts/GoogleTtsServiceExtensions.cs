using AgentLocator.Api.Infrastructure.Configuration;
using AgentLocator.Api.Integrations.GoogleTts;
using AgentLocator.Grains.Calls.Providers;

// In the hosting namespace, like the service defaults, so the service wiring needs only the call.
namespace Microsoft.Extensions.Hosting;

public static class GoogleTtsServiceExtensions
{
    /// <summary>
    /// Google Text-to-Speech over REST, on when GOOGLE_APPLICATION_CREDENTIALS is set (else replies use Twilio's
    /// <c>&lt;Say&gt;</c>). Needs an <see cref="IMediaStore"/>: speech is stored as public media for Twilio to play.
    /// </summary>
    public static IHostApplicationBuilder AddGoogleTts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GoogleSpeechOptions>().BindSettings(GoogleSpeechOptions.SectionName);
        // The synthesizer has its own timeout, fitted to a caller waiting on the line; the service defaults' standard
        // resilience handler would add retries and a 30 s budget on top, so it is removed.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental.
        services.AddHttpClient(GoogleSpeechSynthesizer.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        services.AddSingleton<ISpeechSynthesizer, GoogleSpeechSynthesizer>();
        return builder;
    }
}
