using AgentLocator.Grains.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Timeline;

public static class TimelineServiceExtensions
{
    /// <summary>Live pushes of timeline events: every context's saves are watched, and a background sender pushes them.</summary>
    public static IServiceCollection AddTimelinePushes(this IServiceCollection services)
    {
        services.AddSingleton<TimelineChanges>();
        services.AddSingleton<TimelineSaveInterceptor>();
        services.ConfigureDbContext<AgentLocatorDbContext>(
            (provider, options) => options.AddInterceptors(provider.GetRequiredService<TimelineSaveInterceptor>()), ServiceLifetime.Singleton);
        services.AddHostedService<SignalRTimelinePublisher>();
        return services;
    }
}
