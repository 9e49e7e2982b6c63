using AgentLocator.Api.Integrations.Twilio;
using AgentLocator.Grains.WhatsApp;

namespace AgentLocator.Api.WhatsApp;

public static class WhatsAppServiceExtensions
{
    /// <summary>
    /// The WhatsApp channel's own services: the live push of messages, the durable media copy from Twilio (with voice
    /// notes' transcription), and the template list. The Twilio sender (<see cref="IWhatsAppSender"/>) is registered with
    /// the rest of Twilio in <c>AddTwilio</c>.
    /// </summary>
    public static IServiceCollection AddWhatsApp(this IServiceCollection services)
    {
        services.AddSingleton<SignalRWhatsAppNotifier>();
        services.AddSingleton<IWhatsAppChangeNotifier>(provider => provider.GetRequiredService<SignalRWhatsAppNotifier>());
        services.AddHostedService(provider => provider.GetRequiredService<SignalRWhatsAppNotifier>());
        services.AddOptions<WhatsAppMediaOptions>().BindConfiguration("WhatsApp:Media");
        services.AddSingleton<WhatsAppMediaWork>();
        services.AddSingleton<WhatsAppMediaCopier>();
        services.AddHostedService(provider => provider.GetRequiredService<WhatsAppMediaCopier>());
        services.AddMemoryCache();
        services.AddSingleton<TwilioContentTemplates>();
        services.AddSingleton<WhatsAppTemplateCatalog>();
        services.AddSingleton<WhatsAppLinks>();
        return services;
    }
}
