using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Infrastructure.Entitlements;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Infrastructure.Realtime;

/// <summary>
/// The one real-time channel to agents' browsers, at <c>/ws</c>. Messages are addressed per user (the token's
/// <c>sub</c>), so every open tab of an agent receives them, on whichever API instance it is connected to.
/// Methods that belong to a feature carry <see cref="RequiresFeatureAttribute"/>.
/// </summary>
[Authorize]
public sealed class AgentHub(TenantDbContextFactory contexts) : Hub
{
    public const string Path = "/ws";

    /// <summary>A round trip clients use to check the connection is authenticated and alive.</summary>
    public string Ping() => Context.User?.FindFirst(AgentClaims.UserId)?.Value ?? "";

    /// <summary>Live updates of one customer's page. False (and no subscription) for a customer the caller cannot see.</summary>
    [RequiresFeature(Feature.Crm)]
    public async Task<bool> WatchCustomer(Guid customerId)
    {
        await using var db = contexts.For(Context.User!.GetBusinessId());
        if (!await db.Customers.AnyAsync(c => c.Id == customerId))
        {
            return false;
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, RealtimeGroups.Customer(customerId));
        return true;
    }

    public Task UnwatchCustomer(Guid customerId) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, RealtimeGroups.Customer(customerId));

    /// <summary>Live updates of the business's call log and call pages (a call in progress appears as it happens).</summary>
    [RequiresFeature(Feature.Calls)]
    public async Task<bool> WatchCalls()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, RealtimeGroups.Calls(Context.User!.GetBusinessId()));
        return true;
    }

    public Task UnwatchCalls() =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, RealtimeGroups.Calls(Context.User!.GetBusinessId()));
}

/// <summary>SignalR's user id is our user id, so grains can address <c>Clients.User(id)</c>.</summary>
public sealed class UserIdFromSubject : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => connection.User?.FindFirst(AgentClaims.UserId)?.Value;
}
