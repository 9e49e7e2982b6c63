using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Account;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tests.Tenancy;

[Collection(ApiCollection.Name)]
public sealed class TenantIsolationTests(AgentLocatorApiFactory api)
{
    [Fact]
    public async Task Each_business_admin_sees_only_their_own_business()
    {
        using var demo = new ApiClient(api);
        using var other = new ApiClient(api);
        await demo.SignInAsync("admin@demo.local");
        await other.SignInAsync("admin@other.local");

        var demoMe = await demo.Http.GetFromJsonAsync<MeResponse>("/api/me", JsonSerializerOptions.Web);
        var otherMe = await other.Http.GetFromJsonAsync<MeResponse>("/api/me", JsonSerializerOptions.Web);

        Assert.Equal(DevelopmentSeed.DemoBusinessName, demoMe!.Business.Name);
        Assert.Equal(DevelopmentSeed.OtherBusinessName, otherMe!.Business.Name);
        Assert.NotEqual(demoMe.Business.Id, otherMe.Business.Id);
    }

    [Fact]
    public async Task Business_owned_rows_are_filtered_by_the_current_tenant_even_without_a_where()
    {
        var demo = await api.BusinessNamedAsync(DevelopmentSeed.DemoBusinessName);
        var other = await api.BusinessNamedAsync(DevelopmentSeed.OtherBusinessName);

        await using var asDemo = api.CreateDbContext(demo.Id);
        await using var asOther = api.CreateDbContext(other.Id);
        await using var asNobody = api.CreateDbContext(null);

        var demoUsers = await asDemo.Users.Select(u => u.Email).ToListAsync();
        var otherUsers = await asOther.Users.Select(u => u.Email).ToListAsync();

        Assert.Contains("agent@demo.local", demoUsers);
        Assert.DoesNotContain("admin@other.local", demoUsers);
        Assert.Equal(["admin@other.local"], otherUsers);
        Assert.Empty(await asNobody.Users.ToListAsync());
        Assert.Empty(await asNobody.AuthSessions.ToListAsync());
    }

    [Fact]
    public async Task A_user_of_another_business_cannot_be_found_by_id()
    {
        var demo = await api.BusinessNamedAsync(DevelopmentSeed.DemoBusinessName);
        await using var asOther = api.CreateDbContext((await api.BusinessNamedAsync(DevelopmentSeed.OtherBusinessName)).Id);
        await using var asDemo = api.CreateDbContext(demo.Id);
        var demoAgentId = await asDemo.Users.Where(u => u.Email == "agent@demo.local").Select(u => u.Id).SingleAsync();

        Assert.Null(await asOther.Users.SingleOrDefaultAsync(u => u.Id == demoAgentId));
        Assert.Null(await asOther.Users.FindAsync(demoAgentId));
    }
}
