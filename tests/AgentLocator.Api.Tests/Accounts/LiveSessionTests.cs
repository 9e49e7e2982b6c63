using System.Net;
using System.Text.Json;
using AgentLocator.Api.Accounts;
using AgentLocator.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace AgentLocator.Api.Tests.Accounts;

/// <summary>
/// The per-request session check reads Postgres once and then remembers the session for a few seconds
/// (<see cref="LiveSessions"/>); every ending, here or on another instance, is forgotten at once.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class LiveSessionTests(AgentLocatorApiFactory api)
{
    private async Task<(ApiClient Client, Guid SessionId, Guid BusinessId, Guid UserId)> SignedInAsync()
    {
        var (business, _) = await api.CreateBusinessAsync();
        var user = await api.CreateUserAsync(business.Name);
        var client = new ApiClient(api);
        await client.SignInAsync(user.Email);
        await using var db = api.CreateDbContext();
        var sessionId = await db.AuthSessions.IgnoreQueryFilters().Where(s => s.UserId == user.Id).Select(s => s.Id).SingleAsync();
        return (client, sessionId, business.Id, user.Id);
    }

    [Fact]
    public async Task A_live_session_is_read_from_Postgres_once_and_then_remembered()
    {
        var (client, sessionId, _, _) = await SignedInAsync();
        using var _ = client;
        using var recording = api.DatabaseCommands.Record(sessionId);

        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/api/me")).StatusCode);

        Assert.Single(recording.Statements, statement => statement.Contains("auth_sessions", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_session_another_instance_ended_is_refused_once_its_announcement_arrives()
    {
        var (client, sessionId, businessId, userId) = await SignedInAsync();
        using var _ = client;
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/api/me")).StatusCode);

        // What another instance's SessionEnder does: revoke in Postgres, then announce on Redis.
        await using (var db = api.CreateDbContext())
        {
            await db.AuthSessions.IgnoreQueryFilters().Where(s => s.Id == sessionId)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.RevokedAt, DateTimeOffset.UtcNow).SetProperty(s => s.RevokedReason, "test"));
        }
        // Not announced yet: this instance still remembers the session as live (the time to live is the backstop).
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/api/me")).StatusCode);

        var redis = api.Services.GetRequiredService<IConnectionMultiplexer>();
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(SessionsEnded.Channel),
            JsonSerializer.Serialize(new SessionsEnded(businessId, userId, null, "test")));

        var deadline = DateTimeOffset.UtcNow + AccountsTestSupport.Patience;
        HttpStatusCode status;
        do
        {
            await Task.Delay(20);
            status = (await client.Http.GetAsync("/api/me")).StatusCode;
        }
        while (status == HttpStatusCode.OK && DateTimeOffset.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Signing_out_refuses_the_access_token_at_once()
    {
        var (client, _, _, _) = await SignedInAsync();
        using var _ = client;
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/api/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.Http.PostAsync("/api/auth/logout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.Http.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public void A_sign_out_covers_only_its_own_session()
    {
        var (business, user, session) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var signedOut = new SessionsEnded(business, user, null, "signed-out", session);

        Assert.True(signedOut.Covers(business, user, session));
        Assert.False(signedOut.Covers(business, user, Guid.NewGuid()));
        Assert.False(signedOut.Covers(business, user, null));
    }
}
