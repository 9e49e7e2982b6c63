using System.Net;
using System.Net.Http.Json;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Data.Migrations;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AgentLocator.Api.Tests.Audit;

/// <summary>Nobody rewrites history: no route can, and the database itself refuses to.</summary>
[Collection(ApiCollection.Name)]
public sealed class AuditAppendOnlyTests(AgentLocatorApiFactory api)
{
    [Fact]
    public void Every_mapped_route_of_the_audit_log_only_reads()
    {
        var endpoints = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/admin/audit", StringComparison.OrdinalIgnoreCase) == true)
            .ToList();

        Assert.Equal(2, endpoints.Count);
        Assert.All(endpoints, endpoint =>
            Assert.Equal(["GET"], endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["any method"]));
    }

    [Fact]
    public async Task Writing_methods_on_audit_urls_change_nothing()
    {
        var (client, business, _) = await AuditTestSupport.AdminOfNewBusinessAsync(api);
        var row = Assert.Single(await AuditTestSupport.RowsAsync(api, business.Id));

        var attempts = new[]
        {
            await client.Http.DeleteAsync("/api/admin/audit"),
            await client.Http.DeleteAsync($"/api/admin/audit/{row.Id}"),
            await client.Http.PutAsJsonAsync($"/api/admin/audit/{row.Id}", new { action = "sign-out" }),
            await client.Http.PatchAsJsonAsync($"/api/admin/audit/{row.Id}", new { actorName = "someone else" }),
            await client.Http.PostAsJsonAsync("/api/admin/audit", new { action = "sign-in" }),
        };

        Assert.All(attempts, response => Assert.Contains(response.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed }));
        var after = Assert.Single(await AuditTestSupport.RowsAsync(api, business.Id));
        Assert.Equal(row.Action, after.Action);
        Assert.Equal(row.ActorName, after.ActorName);
        client.Dispose();
    }

    [Theory]
    [InlineData("UPDATE audit_log SET actor_name = 'rewritten' WHERE id = {0}")]
    [InlineData("DELETE FROM audit_log WHERE id = {0}")]
    public async Task The_database_refuses_to_update_or_delete_a_row(string statement)
    {
        var (client, business, _) = await AuditTestSupport.AdminOfNewBusinessAsync(api);
        var row = Assert.Single(await AuditTestSupport.RowsAsync(api, business.Id));
        await using var db = api.CreateDbContext(business.Id);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync(statement, row.Id));

        Assert.Contains(AuditLogSql.AppendOnlyError, refused.MessageText);
        var after = Assert.Single(await AuditTestSupport.RowsAsync(api, business.Id));
        Assert.Equal(row.ActorName, after.ActorName);
        client.Dispose();
    }

    [Fact]
    public async Task The_database_refuses_to_truncate_the_log()
    {
        await using var db = api.CreateDbContext();

        var refused = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE audit_log"));

        Assert.Contains(AuditLogSql.AppendOnlyError, refused.MessageText);
    }
}
