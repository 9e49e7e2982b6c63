using System.Reflection;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Features;
using Microsoft.AspNetCore.SignalR;

namespace AgentLocator.Api.Infrastructure.Entitlements;

/// <summary>Marks a hub method as part of a feature; <see cref="FeatureHubFilter"/> refuses it to users without it.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresFeatureAttribute(Feature feature) : Attribute
{
    public Feature Feature { get; } = feature;
}

public sealed class FeatureHubFilter(IGrainFactory grains) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var required = invocation.HubMethod.GetCustomAttribute<RequiresFeatureAttribute>();
        if (required is not null)
        {
            var user = invocation.Context.User!;
            var features = await grains.GetGrain<IBusinessGrain>(user.GetBusinessId()).GetEffectiveFeatures(user.GetUserId());
            if (!features.Contains(required.Feature.ToName()))
            {
                // The same words as the HTTP 403, so clients can treat both alike.
                throw new HubException($"feature-disabled: The '{required.Feature.ToName()}' feature is not enabled for your account.");
            }
        }
        return await next(invocation);
    }
}
