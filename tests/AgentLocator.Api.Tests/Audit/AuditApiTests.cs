using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AgentLocator.Api.Audit;
using AgentLocator.Api.Customers;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Audit;

namespace AgentLocator.Api.Tests.Audit;

/// <summary>The admin's view of the log: newest first, filtered, paged, exported; a business sees only its own rows.</summary>
[Collection(ApiCollection.Name)]
public sealed class AuditApiTests(AgentLocatorApiFactory api)
{
    private static async Task<PagedResponse<AuditEntryResponse>> PageAsync(ApiClient client, string query = "")
    {
        var response = await client.Http.GetAsync("/api/admin/audit?" + query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PagedResponse<AuditEntryResponse>>(JsonSerializerOptions.Web))!;
    }

    [Fact]
    public async Task The_log_is_newest_first_and_paged()
    {
        var (client, _, _) = await AuditTestSupport.AdminOfNewBusinessAsync(api);
        foreach (var features in new[] { new[] { "crm" }, ["crm", "calls"], ["calls"] })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.Http.PutAsJsonAsync("/api/admin/features", new { features })).StatusCode);
        }

        var first = await PageAsync(client, "limit=2");
        var second = await PageAsync(client, "limit=2&page=2");

        // The sign-in and three feature changes.
        Assert.Equal(4, first.Page.Total);
        Assert.True(first.Page.HasNext);
        Assert.False(second.Page.HasNext);
        var all = first.Items.Concat(second.Items).ToList();
        Assert.Equal([AuditActions.BusinessFeaturesChanged.Name, AuditActions.BusinessFeaturesChanged.Name,
            AuditActions.BusinessFeaturesChanged.Name, AuditActions.SignIn.Name], all.Select(row => row.Action));
        Assert.Equal(all.OrderByDescending(row => row.OccurredAt).ThenByDescending(row => row.Id).Select(row => row.Id), all.Select(row => row.Id));
        Assert.Equal(["calls"], all[0].Details.GetProperty("new").EnumerateArray().Select(f => f.GetString()));
        client.Dispose();
    }

    [Fact]
    public async Task Filters_narrow_by_action_actor_dates_and_target()
    {
        var (client, business, admin) = await AuditTestSupport.AdminOfNewBusinessAsync(api);
        var agent = await api.CreateUserAsync(business.Name);
        using (var agentClient = new ApiClient(api))
        {
            await agentClient.SignInAsync(agent.Email);
        }
        await client.Http.PutAsJsonAsync($"/api/admin/users/{agent.Id}/features", new { features = new[] { "crm" } });
        await client.Http.PutAsJsonAsync("/api/admin/features", new { features = new[] { "crm" } });

        var signIns = await PageAsync(client, "action=sign-in");
        var byAgent = await PageAsync(client, $"actor={agent.Id}");
        var aboutAgent = await PageAsync(client, $"targetType=user&targetId={agent.Id}");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        var inRange = await PageAsync(client, $"from={today}&to={DateTime.UtcNow.AddDays(1):yyyy-MM-dd}");
        var later = await PageAsync(client, $"from={DateTime.UtcNow.AddDays(2):yyyy-MM-dd}");

        Assert.Equal([agent.Id, admin.Id], signIns.Items.Select(row => row.ActorId!.Value));
        Assert.Equal([AuditActions.SignIn.Name], byAgent.Items.Select(row => row.Action));
        Assert.Equal([AuditActions.UserFeaturesChanged.Name, AuditActions.SignIn.Name], aboutAgent.Items.Select(row => row.Action));
        Assert.Equal(4, inRange.Page.Total);
        Assert.Equal(0, later.Page.Total);
        client.Dispose();
    }

    [Theory]
    [InlineData("action=teleport", "action")]
    [InlineData("actor=someone", "actor")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-12-05&to=2026-12-01", "to")]
    [InlineData("targetId=abc", "targetId")]
    [InlineData("targetType=planet", "targetType")]
    [InlineData("limit=1000", "limit")]
    public async Task Bad_filters_are_400_naming_the_parameter(string query, string parameter)
    {
        using var admin = new ApiClient(api);
        await admin.SignInAsync("admin@demo.local");

        foreach (var path in new[] { "/api/admin/audit?", "/api/admin/audit/export.csv?" })
        {
            var response = await admin.Http.GetAsync(path + query);
            if (parameter == "limit" && path.Contains("export"))
            {
                continue;
            }
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty(parameter, out _), query);
        }
    }

    [Fact]
    public async Task A_business_sees_only_its_own_rows()
    {
        var (first, firstBusiness, _) = await AuditTestSupport.AdminOfNewBusinessAsync(api);
        var (second, _, _) = await AuditTestSupport.AdminOfNewBusinessAsync(api);
        await first.Http.PutAsJsonAsync("/api/admin/features", new { features = new[] { "crm" } });

        var seenBySecond = await PageAsync(second);
        var firstRows = await AuditTestSupport.RowsAsync(api, firstBusiness.Id);

        Assert.Single(seenBySecond.Items);
        Assert.DoesNotContain(seenBySecond.Items, row => firstRows.Any(own => own.Id == row.Id));
        Assert.Equal(2, (await PageAsync(first)).Page.Total);
        first.Dispose();
        second.Dispose();
    }

    [Fact]
    public async Task Agents_are_refused_the_log_and_its_export()
    {
        using var agent = new ApiClient(api);
        await agent.SignInAsync("agent@demo.local");

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.Http.GetAsync("/api/admin/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.Http.GetAsync("/api/admin/audit/export.csv")).StatusCode);
    }

    [Fact]
    public async Task The_export_is_CSV_with_a_BOM_for_Excel_holds_the_filtered_rows_and_is_itself_recorded()
    {
        var (client, business, admin) = await AuditTestSupport.AdminOfNewBusinessAsync(api);
        await client.Http.PutAsJsonAsync("/api/admin/features", new { features = new[] { "crm" } });

        var response = await client.Http.GetAsync("/api/admin/audit/export.csv?action=business-features-changed");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("זמן,פעולה,", lines[0]);
        // A person reads the action's Hebrew name, not its code.
        Assert.Contains(",שינוי תכונות העסק,", lines[1]);
        Assert.DoesNotContain("business-features-changed", lines[1]);
        Assert.Contains(admin.Id.ToString(), lines[1]);
        var exported = Assert.Single(await AuditTestSupport.RowsAsync(api, business.Id, AuditActions.AuditExported.Name));
        Assert.Equal(1, exported.Details().GetProperty("rows").GetInt32());
        client.Dispose();
    }
}
