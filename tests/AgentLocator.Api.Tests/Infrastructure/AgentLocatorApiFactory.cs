using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Features;
using AgentLocator.Grains.Tenancy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLocator.Api.Tests.Infrastructure;

/// <summary>
/// The whole API, silo included, on real Kestrel against the real Postgres and Redis, in Development so that
/// migrations and the demo seed run exactly as they do for a developer. Each instance has its own database
/// and its own Orleans cluster id and ports.
/// </summary>
public class AgentLocatorApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly Dictionary<string, string?> settings = [];

    /// <summary>Another instance's database, which this one neither creates nor drops (a restart, a second instance).</summary>
    private string? sharedDatabase;

    public AgentLocatorApiFactory()
    {
        UseKestrel(0);
    }

    public string DatabaseName { get; private set; } = "";
    public string ClusterId { get; } = "test-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The statements sent to Postgres by the API and its grains, for tests that count round trips.</summary>
    public DatabaseCommandLog DatabaseCommands { get; } = new();

    /// <summary>Overrides for one fixture, applied before start-up (e.g. a shorter lockout).</summary>
    public AgentLocatorApiFactory WithSetting(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    /// <summary>Starts on the database of another factory, as a restarted or second API process on the same Postgres would.</summary>
    public AgentLocatorApiFactory OnDatabase(string database)
    {
        sharedDatabase = database;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:agentlocator", TestServices.ConnectionStringFor(DatabaseName));
        builder.UseSetting("ConnectionStrings:redis", TestServices.Redis);
        builder.UseSetting("Orleans:ClusterId", ClusterId);
        builder.UseSetting("Orleans:SiloPort", TestServices.FreePort().ToString());
        builder.UseSetting("Orleans:GatewayPort", TestServices.FreePort().ToString());
        builder.UseSetting("Auth:SignInAttemptsPerMinutePerAddress", "10000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Orleans", "Warning");
        // A developer's own Whisper__ModelPath (set for the real-model test) must not turn transcription on here.
        builder.UseSetting("Whisper:ModelPath", "");
        builder.UseSetting("Media:Path", Path.Combine(Path.GetTempPath(), "agentlocator-tests", ClusterId, "media"));
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        // The options are a singleton (grains make their own contexts from them), so the log sees grains' statements too.
        builder.ConfigureTestServices(services => services.ConfigureDbContext<AgentLocatorDbContext>(
            (_, options) => options.AddInterceptors(DatabaseCommands), ServiceLifetime.Singleton));
    }

    public virtual async Task InitializeAsync()
    {
        DatabaseName = sharedDatabase ?? await TestServices.CreateDatabaseAsync();
        StartServer();
        using var client = CreateClient();
        ServerAddress = client.BaseAddress!;
    }

    /// <summary>Where Kestrel listens (a free port chosen at start).</summary>
    public Uri ServerAddress { get; private set; } = null!;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (sharedDatabase is null)
        {
            await TestServices.DropDatabaseAsync(DatabaseName);
        }
    }

    /// <summary>A database context seeing all tenants' rows through the given tenant's filter (null: none).</summary>
    public AgentLocatorDbContext CreateDbContext(Guid? tenant = null)
    {
        var options = new DbContextOptionsBuilder<AgentLocatorDbContext>()
            .UseNpgsql(TestServices.ConnectionStringFor(DatabaseName))
            .UseSnakeCaseNamingConvention()
            .Options;
        return new AgentLocatorDbContext(options, new FixedTenantContext(tenant));
    }

    public async Task<Business> BusinessNamedAsync(string name)
    {
        await using var db = CreateDbContext();
        return await db.Businesses.SingleAsync(b => b.Name == name);
    }

    /// <summary>A business of its own for a test that counts or orders rows, with one admin and all features unless a plan is given.</summary>
    public async Task<(Business Business, User Admin)> CreateBusinessAsync(IEnumerable<Feature>? plan = null)
    {
        var business = new Business
        {
            Id = Guid.CreateVersion7(),
            Name = "עסק בדיקה " + Guid.NewGuid().ToString("N")[..6],
            PlanFeatures = plan is null ? [.. FeatureNames.All] : [.. plan.Select(feature => feature.ToName())],
            CreatedAt = DateTimeOffset.UtcNow,
        };
        await using (var db = CreateDbContext())
        {
            db.Businesses.Add(business);
            await db.SaveChangesAsync();
        }
        return (business, await CreateUserAsync(business.Name, UserRoles.Admin));
    }

    /// <summary>A fresh user for a test that changes user state (lockouts, limits), so tests never disturb each other.</summary>
    public async Task<User> CreateUserAsync(string businessName, string role = UserRoles.Agent, string password = DevelopmentSeed.DemoPassword,
        IEnumerable<Feature>? featureLimits = null)
    {
        var business = await BusinessNamedAsync(businessName);
        await using var db = CreateDbContext();
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            BusinessId = business.Id,
            Email = $"user-{Guid.NewGuid():N}@test.local",
            DisplayName = "משתמש בדיקה",
            Role = role,
            PasswordHash = "",
            FeatureLimits = featureLimits?.Select(feature => feature.ToName()).ToList(),
            CreatedAt = DateTimeOffset.UtcNow,
        };
        user.PasswordHash = Services.GetRequiredService<IPasswordHasher<User>>().HashPassword(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<AgentLocatorApiFactory>
{
    public const string Name = "api";
}
