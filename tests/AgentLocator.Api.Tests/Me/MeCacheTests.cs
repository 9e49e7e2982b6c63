using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Account;
using AgentLocator.Api.Accounts;
using AgentLocator.Api.Tests.Accounts;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace AgentLocator.Api.Tests.Me;

/// <summary>
/// /api/me answers from the token's claims and a per-instance cache (<see cref="MeCache"/>); a feature change is seen
/// on the next call here at once, and on every other instance once the business-changed message arrives.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class MeCacheTests(AgentLocatorApiFactory api)
{
    private static readonly string[] Narrow = ["crm", "calls"];

    private async Task<(ApiClient Admin, Guid BusinessId, Guid UserId)> SignedInAdminAsync()
    {
        var (business, owner) = await api.CreateBusinessAsync();
        var admin = new ApiClient(api);
        await admin.SignInAsync(owner.Email);
        return (admin, business.Id, owner.Id);
    }

    private static async Task<MeResponse> MeAsync(ApiClient client) =>
        (await client.Http.GetFromJsonAsync<MeResponse>("/api/me", JsonSerializerOptions.Web))!;

    [Fact]
    public async Task A_warm_me_sends_nothing_to_Postgres()
    {
        var (admin, businessId, userId) = await SignedInAdminAsync();
        using var _ = admin;
        var first = await MeAsync(admin);

        using var recording = api.DatabaseCommands.Record(businessId, userId);
        var second = await MeAsync(admin);

        Assert.Empty(recording.Statements);
        Assert.Equal((first.User, first.Business), (second.User, second.Business));
        Assert.Equal(first.Features, second.Features);
        Assert.Equal((userId, businessId), (second.User.Id, second.User.BusinessId));
    }

    [Fact]
    public async Task An_admins_feature_change_shows_on_the_next_me_at_once()
    {
        var (admin, _, _) = await SignedInAdminAsync();
        using var _ = admin;
        Assert.NotEqual(Narrow, (await MeAsync(admin)).Features);

        (await admin.Http.PutAsJsonAsync("/api/admin/features", new { features = Narrow })).EnsureSuccessStatusCode();

        Assert.Equal(Narrow, (await MeAsync(admin)).Features);
    }

    [Fact]
    public async Task A_change_another_instance_made_shows_once_its_message_arrives()
    {
        var (admin, businessId, _) = await SignedInAdminAsync();
        using var _ = admin;
        var before = (await MeAsync(admin)).Features;

        // What another instance's admin endpoint does: the change through the business grain, then the announcement.
        var change = await api.Services.GetRequiredService<IGrainFactory>().GetGrain<IBusinessGrain>(businessId).SetEnabledFeatures(Narrow);
        Assert.True(change.Saved);
        // Not announced yet: this instance still answers from its cache (the time to live is the backstop).
        Assert.Equal(before, (await MeAsync(admin)).Features);

        var redis = api.Services.GetRequiredService<IConnectionMultiplexer>();
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(BusinessChanges.Channel), businessId.ToString("D"));

        var deadline = DateTimeOffset.UtcNow + AccountsTestSupport.Patience;
        IReadOnlyList<string> features;
        do
        {
            await Task.Delay(20);
            features = (await MeAsync(admin)).Features;
        }
        while (!features.SequenceEqual(Narrow) && DateTimeOffset.UtcNow < deadline);
        Assert.Equal(Narrow, features);
    }

    [Fact]
    public void A_user_whose_sessions_end_is_forgotten()
    {
        var cache = new MeCache(TimeProvider.System);
        var (business, user, other) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var entry = new BusinessResponse(business, "b", "Asia/Jerusalem", null);
        cache.Remember(business, user, entry, Narrow, cache.Generation);
        cache.Remember(business, other, entry, Narrow, cache.Generation);

        cache.Forget(new SessionsEnded(business, user, null, "user-disabled"));

        Assert.Null(cache.Find(business, user));
        Assert.NotNull(cache.Find(business, other));
    }
}
