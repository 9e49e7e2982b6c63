using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Infrastructure.Entitlements;
using AgentLocator.Grains.Abstractions;
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
public sealed class AgentHub(TenantDbContextFactory contexts, IGrainFactory grains, Accounts.HubConnections connections) : Hub
{
    public const string Path = "/ws";

    /// <summary>Tracked so that ending the user's session (disabled, suspended, signed out elsewhere) closes this connection at once.</summary>
    public override Task OnConnectedAsync()
    {
        connections.Add(Context);
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

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

    /// <summary>
    /// Live events of one customer's timeline (<c>timeline:item</c>). Joins one group per feature the user has, after
    /// the tenancy check; false (and no subscription) for a customer the caller cannot see.
    /// </summary>
    [RequiresFeature(Feature.Crm)]
    public async Task<bool> WatchTimeline(Guid customerId)
    {
        await using var db = contexts.For(Context.User!.GetBusinessId());
        if (!await db.Customers.AnyAsync(c => c.Id == customerId))
        {
            return false;
        }
        foreach (var feature in await FeaturesAsync())
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, RealtimeGroups.Timeline(customerId, feature));
        }
        return true;
    }

    public async Task UnwatchTimeline(Guid customerId)
    {
        foreach (var feature in Enum.GetValues<Feature>())
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, RealtimeGroups.Timeline(customerId, feature));
        }
    }

    /// <summary>Live events of the whole business (the home page's feed), again one group per feature the user has.</summary>
    [RequiresFeature(Feature.Crm)]
    public async Task<bool> WatchBusinessTimeline()
    {
        var business = Context.User!.GetBusinessId();
        foreach (var feature in await FeaturesAsync())
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, RealtimeGroups.BusinessTimeline(business, feature));
        }
        return true;
    }

    public async Task UnwatchBusinessTimeline()
    {
        var business = Context.User!.GetBusinessId();
        foreach (var feature in Enum.GetValues<Feature>())
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, RealtimeGroups.BusinessTimeline(business, feature));
        }
    }

    /// <summary>Live WhatsApp messages of the business (<c>whatsapp:message</c>): new ones and their status ticks.</summary>
    [RequiresFeature(Feature.WhatsApp)]
    public async Task<bool> WatchWhatsApp()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, RealtimeGroups.WhatsApp(Context.User!.GetBusinessId()));
        return true;
    }

    public Task UnwatchWhatsApp() =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, RealtimeGroups.WhatsApp(Context.User!.GetBusinessId()));

    private async Task<IEnumerable<Feature>> FeaturesAsync()
    {
        var user = Context.User!;
        var names = await grains.GetGrain<IBusinessGrain>(user.GetBusinessId()).GetEffectiveFeatures(user.GetUserId());
        return names.Select(name => FeatureNames.TryParse(name, out var feature) ? (Feature?)feature : null)
            .Where(feature => feature is not null).Select(feature => feature!.Value);
    }
}

/// <summary>SignalR's user id is our user id, so grains can address <c>Clients.User(id)</c>.</summary>
public sealed class UserIdFromSubject : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => connection.User?.FindFirst(AgentClaims.UserId)?.Value;
}
