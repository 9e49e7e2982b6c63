using System.Collections.Concurrent;
using System.Text.Json;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Infrastructure.Realtime;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace AgentLocator.Api.Accounts;

/// <summary>
/// The hub connections open on this instance, by user and session, so ended sessions can be closed here and now:
/// the client is told (<c>session:ended</c>, which it obeys by signing out), and the server aborts the connection in
/// any case, since a client that ignores the message must not keep receiving.
/// </summary>
public sealed class HubConnections(IConnectionMultiplexer redis, IHubContext<AgentHub> hub, LiveSessions live, Account.MeCache me, ILogger<HubConnections> logger) : IHostedService
{
    public const string SessionEndedEvent = HubEvents.SessionEnded;

    private sealed record Open(Guid BusinessId, Guid UserId, Guid? SessionId, HubCallerContext Context);

    private readonly ConcurrentDictionary<string, Open> open = new();

    public void Add(HubCallerContext context)
    {
        var user = context.User;
        if (user?.Identity?.IsAuthenticated != true)
        {
            return;
        }
        open[context.ConnectionId] = new Open(user.GetBusinessId(), user.GetUserId(), user.FindSessionId(), context);
    }

    public void Remove(string connectionId) => open.TryRemove(connectionId, out _);

    public async Task CloseAsync(SessionsEnded ended)
    {
        foreach (var (id, connection) in open)
        {
            if (!ended.Covers(connection.BusinessId, connection.UserId, connection.SessionId))
            {
                continue;
            }
            try
            {
                await hub.Clients.Client(id).SendAsync(SessionEndedEvent, new { reason = ended.Reason });
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                logger.LogDebug(error, "Could not tell connection {ConnectionId} its session ended", id);
            }
            connection.Context.Abort();
            open.TryRemove(id, out _);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var channel = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(SessionsEnded.Channel));
            channel.OnMessage(async message =>
            {
                if (message.Message.HasValue && JsonSerializer.Deserialize<SessionsEnded>(message.Message.ToString()) is { } ended)
                {
                    // Forgotten before the tabs are told, so a tab that reacts at once is already checked against Postgres.
                    live.Forget(ended);
                    me.Forget(ended);
                    await CloseAsync(ended);
                }
            });
        }
        catch (Exception error) when (error is RedisException or TimeoutException)
        {
            // Connections of ended sessions still fail at their next reconnect (ActiveSessionCheck).
            logger.LogWarning(error, "Could not subscribe to ended sessions; live connections close only on reconnect");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
