using AgentLocator.Api.Calls.Media;
using AgentLocator.Api.Infrastructure.Configuration;
using AgentLocator.Api.Integrations;
using AgentLocator.Grains.Calls;
using AgentLocator.Grains.Calls.Pipeline;

namespace AgentLocator.Api.Calls;

public static class CallPipelineExtensions
{
    /// <summary>
    /// The receptionist: the per-turn pipeline and its limits (<c>Calls:*</c>), the after-call backstop, greetings spoken
    /// ahead, live updates, and the start-up report of which outside services are on. The services themselves (media
    /// storage, Twilio, OpenAI, Whisper, Google TTS, the transcriber choice) are registered by their integrations.
    /// </summary>
    public static IHostApplicationBuilder AddCallPipeline(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CallPipelineOptions>().BindSettings("Calls");
        services.AddSingleton<SignalRCallChangeNotifier>();
        services.AddSingleton<ICallChangeNotifier>(provider => provider.GetRequiredService<SignalRCallChangeNotifier>());
        services.AddHostedService(provider => provider.GetRequiredService<SignalRCallChangeNotifier>());
        services.AddSingleton<CallTurnPipeline>();
        services.AddSingleton<TurnPipelineQueue>();
        services.AddSingleton<CallerLeads>();
        services.AddSingleton<CallReconciler>();
        services.AddHostedService(provider => provider.GetRequiredService<CallReconciler>());
        services.AddSingleton<HoldAudio>();
        services.AddSingleton<GreetingSpeech>();
        services.AddHostedService(provider => provider.GetRequiredService<GreetingSpeech>());
        services.AddHostedService<CallProvidersReport>();
        return builder;
    }
}
