using AgentLocator.Api.Infrastructure.Configuration;
using AgentLocator.Api.Integrations.Twilio;
using AgentLocator.Grains.Calls.Providers;
using Microsoft.Extensions.DependencyInjection.Extensions;

// In the hosting namespace, like the service defaults, so the service wiring needs only the call.
namespace Microsoft.Extensions.Hosting;

public static class TwilioServiceExtensions
{
    /// <summary>
    /// Twilio: what the webhooks need to check signatures and answer (<see cref="TwilioOptions"/>), and the recording
    /// download through Twilio's REST client (<see cref="ICallRecordingSource"/>), and WhatsApp sends through its Messages API.
    /// </summary>
    public static IHostApplicationBuilder AddTwilio(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TwilioOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            options.AuthToken = configuration["Twilio:AuthToken"];
            options.PublicHost = configuration["Public:Host"]?.Trim().TrimEnd('/');
            if (configuration["Twilio:SayVoice"] is { Length: > 0 } voice)
            {
                options.SayVoice = voice;
            }
        });

        services.AddOptions<RecordingDownloadOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            options.AccountSid = configuration["Twilio:AccountSid"];
            options.AuthToken = configuration["Twilio:AuthToken"];
            options.Attempts = configuration.GetWholeNumber("Calls:RecordingDownloadAttempts", options.Attempts);
        });
        services.TryAddSingleton(TimeProvider.System);
        // The download has its own attempt timeout and retries, fitted to a caller waiting on the line; the service
        // defaults' standard resilience handler would add its own retries and a 30 s budget on top, so it is removed.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental.
        services.AddHttpClient(TwilioRecordingSource.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        services.AddSingleton<ICallRecordingSource, TwilioRecordingSource>();

        services.AddOptions<WhatsAppSendOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            options.AccountSid = configuration["Twilio:AccountSid"];
            options.AuthToken = configuration["Twilio:AuthToken"];
            options.PublicHost = configuration["Public:Host"]?.Trim().TrimEnd('/');
            options.ApiBaseUrl = configuration["Twilio:ApiBaseUrl"] is { Length: > 0 } api ? new Uri(api.TrimEnd('/') + "/") : null;
        });
        // A send is a POST that may have reached Twilio even when its answer did not: no automatic retries (a second
        // message to the customer is worse than a failed one the agent can retry).
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental.
        services.AddHttpClient(TwilioWhatsAppSender.HttpClientName)
            .AddHttpMessageHandler(provider => new TwilioApiAddress(provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<WhatsAppSendOptions>>().Value.ApiBaseUrl))
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        services.AddSingleton<AgentLocator.Grains.WhatsApp.IWhatsAppSender, TwilioWhatsAppSender>();
        return builder;
    }
}
