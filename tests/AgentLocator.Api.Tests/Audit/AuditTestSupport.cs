using System.Text.Json;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tests.Audit;

internal static class AuditTestSupport
{
    public const string UserAgent = "AuditTest/1.0 (+agentlocator)";

    /// <summary>A signed-in admin of a business of its own, whose requests carry a recognisable browser name.</summary>
    public static async Task<(ApiClient Client, Business Business, User Admin)> AdminOfNewBusinessAsync(AgentLocatorApiFactory api)
    {
        var (business, admin) = await api.CreateBusinessAsync();
        var client = new ApiClient(api);
        client.Http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        await client.SignInAsync(admin.Email);
        return (client, business, admin);
    }

    /// <summary>The business's audit rows as the database holds them, oldest first.</summary>
    public static async Task<List<AuditEntry>> RowsAsync(AgentLocatorApiFactory api, Guid businessId, string? action = null)
    {
        await using var db = api.CreateDbContext(businessId);
        return await db.AuditLog.AsNoTracking().Where(row => action == null || row.Action == action)
            .OrderBy(row => row.OccurredAt).ThenBy(row => row.Id).ToListAsync();
    }

    public static JsonElement Details(this AuditEntry row) => JsonDocument.Parse(row.DetailsJson).RootElement.Clone();
}
