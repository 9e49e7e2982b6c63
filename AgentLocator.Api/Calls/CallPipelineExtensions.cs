using AgentLocator.Api.Calls.Media;
using AgentLocator.Api.Integrations.MediaStorage;
using AgentLocator.Grains.Calls;
using AgentLocator.Grains.Calls.Pipeline;
using AgentLocator.Grains.Calls.Providers;

namespace AgentLocator.Api.Calls;

public static class CallPipelineExtensions
{
    /// <summary>The receptionist: media storage, the outside services (each optional), the per-turn pipeline and its limits.</summary>
    public static IHostApplicationBuilder AddCallPipeline(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var mediaRoot = builder.Configuration["Media:Path"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(builder.Environment.ContentRootPath, ".agentlocator", "media");
        services.AddSingleton<IMediaStore>(new FileMediaStore(mediaRoot));
        services.AddOptions<CallPipelineOptions>().Bind(builder.Configuration.GetSection("Calls"));
        services.AddSingleton<SignalRCallChangeNotifier>();
        services.AddSingleton<ICallChangeNotifier>(provider => provider.GetRequiredService<SignalRCallChangeNotifier>());
        services.AddHostedService(provider => provider.GetRequiredService<SignalRCallChangeNotifier>());
        services.AddSingleton<CallTurnPipeline>();
        services.AddSingleton<CallerLeads>();
        services.AddSingleton<CallReconciler>();
        services.AddHostedService(provider => provider.GetRequiredService<CallReconciler>());
        services.AddSingleton<HoldAudio>();
        services.AddSingleton<GreetingSpeech>();
        services.AddHostedService(provider => provider.GetRequiredService<GreetingSpeech>());
        builder.AddCallProviders();
        return builder;
    }
}
