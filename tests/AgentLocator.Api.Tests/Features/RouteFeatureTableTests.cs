using System.Net;
using AgentLocator.Api.Infrastructure.Entitlements;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLocator.Api.Tests.Features;

/// <summary>The one route-feature table covers every route the running app maps, and gated rows really gate.</summary>
[Collection(ApiCollection.Name)]
public sealed class RouteFeatureTableTests(AgentLocatorApiFactory api)
{
    private List<RouteEndpoint> MappedEndpoints() =>
        api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    [Fact]
    public void Every_mapped_endpoint_is_in_the_table_as_gated_or_explicitly_ungated()
    {
        var endpoints = MappedEndpoints();

        var unlisted = endpoints.Where(e => RouteFeatures.Find(e.RoutePattern.RawText) is null)
            .Select(e => $"{e.DisplayName} ({e.RoutePattern.RawText})").ToList();

        Assert.True(endpoints.Count > 40, $"only {endpoints.Count} endpoints found: the enumeration is not seeing the app");
        Assert.Empty(unlisted);
    }

    [Fact]
    public void Every_ungated_row_gives_a_reason_and_every_gated_route_requires_a_signed_in_user()
    {
        Assert.All(RouteFeatures.Table.Where(row => row.Feature is null), row => Assert.False(string.IsNullOrWhiteSpace(row.UngatedReason), row.Pattern));
        var anonymousGated = MappedEndpoints()
            .Where(e => RouteFeatures.Find(e.RoutePattern.RawText)?.Feature is not null)
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null || e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0)
            .Select(e => e.RoutePattern.RawText).ToList();
        Assert.Empty(anonymousGated);
    }

    [Theory]
    [InlineData("/api/crm/customers", Feature.Crm)]
    [InlineData("/api/crm/customers/{id:guid}/timeline", Feature.Crm)]
    [InlineData("/api/admin/call-settings/hold-clip", Feature.Calls)]
    [InlineData("/api/calls/{id:guid}/recording", Feature.Calls)]
    [InlineData("api/invoices/{**rest}", Feature.Invoices)]
    public void A_gated_area_covers_its_routes_and_wins_over_a_broader_ungated_row(string pattern, Feature feature) =>
        Assert.Equal(feature, RouteFeatures.Find(pattern)?.Feature);

    [Fact]
    public void A_route_nobody_classified_is_not_in_the_table()
    {
        Assert.Null(RouteFeatures.Find("/api/tasks/{id:guid}/export"));
        Assert.Null(RouteFeatures.Find("/api/reports"));
    }

    [Fact]
    public async Task The_gate_applies_the_table_to_a_route_that_carries_no_gate_of_its_own()
    {
        // Call settings are mapped with the admin policy only; the calls feature comes from the table.
        var (_, owner) = await api.CreateBusinessAsync(plan: [Feature.Crm]);
        using var admin = new ApiClient(api);
        await admin.SignInAsync(owner.Email);

        var response = await admin.Http.GetAsync("/api/admin/call-settings");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("calls", (await response.ProblemAsync()).GetProperty("feature").GetString());
    }
}
