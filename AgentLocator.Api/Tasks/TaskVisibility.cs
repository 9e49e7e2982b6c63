using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Features;

namespace AgentLocator.Api.Tasks;

/// <summary>
/// Tasks are every user's, but what a task links to is not: its customer (name, phone) is CRM data and its call
/// (the caller's number) is call data. A user without the feature gets the task with those fields null, the same
/// shape as a task that has none, over HTTP, SignalR and Web Push alike.
/// </summary>
public static class TaskVisibility
{
    public static TaskResponse ShownTo(this TaskResponse task, IReadOnlyCollection<string> features)
    {
        var crm = features.Contains(Feature.Crm.ToName());
        var calls = features.Contains(Feature.Calls.ToName());
        return crm && calls ? task : task with
        {
            CustomerId = crm ? task.CustomerId : null,
            Customer = crm ? task.Customer : null,
            Call = calls ? task.Call : null,
        };
    }

    /// <summary>The signed-in caller's effective features, from the business's grain like every feature check.</summary>
    public static Task<IReadOnlyList<string>> FeaturesOfAsync(HttpContext context, IGrainFactory grains) =>
        FeaturesOfAsync(grains, context.User.GetBusinessId(), context.User.GetUserId());

    public static Task<IReadOnlyList<string>> FeaturesOfAsync(IGrainFactory grains, Guid businessId, Guid userId) =>
        grains.GetGrain<IBusinessGrain>(businessId).GetEffectiveFeatures(userId);
}
