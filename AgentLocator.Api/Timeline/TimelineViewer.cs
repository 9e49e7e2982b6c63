using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Features;
using AgentLocator.Grains.Timeline;

namespace AgentLocator.Api.Timeline;

/// <summary>Who reads the timeline: which kinds their features let them see, and whose notes they may change.</summary>
public sealed record TimelineViewer(Guid UserId, bool IsAdmin, IReadOnlyList<string> Features)
{
    public IReadOnlyList<string> VisibleKinds { get; } = TimelineKinds.VisibleWith(Features);

    public bool Has(Feature feature) => Features.Contains(feature.ToName());

    public static async Task<TimelineViewer> ForAsync(HttpContext context)
    {
        var user = context.User;
        var grains = context.RequestServices.GetRequiredService<IGrainFactory>();
        var features = await grains.GetGrain<IBusinessGrain>(user.GetBusinessId()).GetEffectiveFeatures(user.GetUserId());
        return new TimelineViewer(user.GetUserId(), user.IsInRole(UserRoles.Admin), features);
    }
}
