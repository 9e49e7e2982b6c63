using AgentLocator.Api.Infrastructure.Configuration;
using AgentLocator.Api.Integrations.WebPush;
using AgentLocator.Grains.Notifications;
using Microsoft.Extensions.Options;

// In the hosting namespace, like the service defaults, so Program.cs and the service wiring need only the call.
namespace Microsoft.Extensions.Hosting;

public static class WebPushHostingExtensions
{
    /// <summary>
    /// Web Push (RFC 8030/8291/8292) through Lib.Net.Http.WebPush: the VAPID pair, checked now so a bad pair stops the
    /// start rather than every later push; the outbox pushes are recorded in (<see cref="PushOutbox"/>); and the sender that
    /// delivers them on every instance, whose library client gets its HttpClient from the factory (so it has the service
    /// defaults' telemetry).
    /// </summary>
    public static IHostApplicationBuilder AddWebPush(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var vapidSection = builder.Configuration.GetSection(VapidOptions.SectionName);
        services.Configure<VapidOptions>(vapidSection);
        services.AddOptions<WebPushOptions>().BindSettings(WebPushOptions.SectionName);

        var vapid = vapidSection.Get<VapidOptions>() ?? new VapidOptions();
        VapidKeysLoader.ValidateSubject(vapid.Subject);
        var keys = VapidKeysLoader.Load(vapid, builder.Environment);
        services.AddSingleton<VapidKeys>(_ => keys ?? throw new InvalidOperationException(
            "Web Push is not configured: set VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY."));
        services.AddSingleton<VapidTokenCache>();

        services.AddSingleton<PushOutbox>();
        services.AddHostedService<PushOutboxSender>();
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental.
        services.AddHttpClient<RetryingPushClient>(RetryingPushClient.HttpClientName, (provider, http) =>
                http.Timeout = provider.GetRequiredService<IOptions<WebPushOptions>>().Value.RequestTimeout)
            .AddHttpMessageHandler(() => new ExplicitNormalUrgencyHandler())
            // The service defaults give every client the standard resilience handler, which would retry 429/5xx itself
            // on top of (and unlike) the push-specific policy in RetryingPushClient. The Notifications tests count
            // attempts, so a change in this experimental API's behaviour would show there.
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        return builder;
    }
}
