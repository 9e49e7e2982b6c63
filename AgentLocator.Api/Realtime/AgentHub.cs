using AgentLocator.Api.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace AgentLocator.Api.Realtime;

/// <summary>
/// The one real-time channel to agents' browsers, at <c>/ws</c>. Messages are addressed per user (the token's
/// <c>sub</c>), so every open tab of an agent receives them, on whichever API instance it is connected to.
/// </summary>
[Authorize]
public sealed class AgentHub : Hub
{
    public const string Path = "/ws";

    /// <summary>A round trip clients use to check the connection is authenticated and alive.</summary>
    public string Ping() => Context.User?.FindFirst(AgentClaims.UserId)?.Value ?? "";
}

/// <summary>SignalR's user id is our user id, so grains can address <c>Clients.User(id)</c>.</summary>
public sealed class UserIdFromSubject : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => connection.User?.FindFirst(AgentClaims.UserId)?.Value;
}
