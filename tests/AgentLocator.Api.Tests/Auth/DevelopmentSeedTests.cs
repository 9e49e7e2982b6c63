using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLocator.Api.Tests.Auth;

[Collection(ApiCollection.Name)]
public sealed class DevelopmentSeedTests(AgentLocatorApiFactory api)
{
    [Fact]
    public async Task Seed_is_idempotent_and_creates_the_documented_demo_accounts()
    {
        await using var db = api.CreateDbContext();
        var hasher = api.Services.GetRequiredService<IPasswordHasher<User>>();

        var createdAgain = await DevelopmentSeed.ApplyAsync(db, hasher);

        Assert.False(createdAgain);
        Assert.Equal(1, await db.Businesses.CountAsync(b => b.Name == DevelopmentSeed.DemoBusinessName));
        Assert.Equal(1, await db.Businesses.CountAsync(b => b.Name == DevelopmentSeed.OtherBusinessName));
        var seeded = await db.Users.IgnoreQueryFilters()
            .Where(u => u.Email.EndsWith("@demo.local") || u.Email.EndsWith("@other.local"))
            .OrderBy(u => u.Email).Select(u => new { u.Email, u.Role, Business = u.Business!.Name }).ToListAsync();
        Assert.Equal(
            [
                new { Email = "admin@demo.local", Role = "admin", Business = DevelopmentSeed.DemoBusinessName },
                new { Email = "admin@other.local", Role = "admin", Business = DevelopmentSeed.OtherBusinessName },
                new { Email = "agent@demo.local", Role = "agent", Business = DevelopmentSeed.DemoBusinessName },
            ],
            seeded);
    }
}
