using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Calls;
using AgentLocator.Api.Customers;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Features;

namespace AgentLocator.Api.Tests.Calls;

/// <summary>The call log and call page: paging, filters, validation, tenancy and the feature gate.</summary>
[Collection(ApiCollection.Name)]
public sealed class CallsApiTests(AgentLocatorApiFactory api)
{
    [Fact]
    public async Task The_log_lists_a_business_calls_newest_first_and_filters_by_disposition_and_customer()
    {
        var (_, admin, first) = await api.NewBusinessCallAsync();
        await first.IncomingAsync();
        await first.StatusAsync("completed", 5);
        var second = new TwilioCaller(api, CustomerApiExtensions.NextMobile(), first.To);
        await second.IncomingAsync();
        await api.ProcessedAsync(first);

        using var client = await api.SignedInAsync(admin);
        var all = await client.Http.GetFromJsonAsync<PagedResponse<CallListItem>>("/api/calls?limit=1");
        Assert.Equal(2, all!.Page.Total);
        Assert.True(all.Page.HasNext);
        var newest = Assert.Single(all.Items);
        Assert.Equal((second.From, CallDisposition.InProgress), (newest.From, newest.Disposition));
        Assert.NotNull(newest.Customer);
        Assert.StartsWith("מתקשר חדש", newest.Customer!.Name);

        var noMessage = await client.Http.GetFromJsonAsync<PagedResponse<CallListItem>>("/api/calls?disposition=no-message");
        Assert.Equal([first.From], noMessage!.Items.Select(c => c.From));

        var firstCall = await api.CallAsync(first);
        var byCustomer = await client.Http.GetFromJsonAsync<PagedResponse<CallListItem>>($"/api/calls?customerId={firstCall.CustomerId}");
        Assert.Equal([firstCall.Id], byCustomer!.Items.Select(c => c.Id));

        var tomorrow = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd");
        var future = await client.Http.GetFromJsonAsync<PagedResponse<CallListItem>>($"/api/calls?from={tomorrow}");
        Assert.Empty(future!.Items);
    }

    [Theory]
    [InlineData("disposition=answered", "disposition")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-02-10&to=2026-02-01", "to")]
    [InlineData("customerId=42", "customerId")]
    [InlineData("limit=500", "limit")]
    public async Task Bad_filters_are_a_400_naming_the_field(string query, string field)
    {
        var (_, admin) = await api.CreateBusinessAsync();
        using var client = await api.SignedInAsync(admin);

        using var response = await client.Http.GetAsync("/api/calls?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Another_business_call_is_404_and_so_is_its_recording()
    {
        var (_, _, caller) = await api.NewBusinessCallAsync();
        await caller.IncomingAsync();
        var call = await api.CallAsync(caller);
        var (_, stranger) = await api.CreateBusinessAsync();
        using var client = await api.SignedInAsync(stranger);

        using var detail = await client.Http.GetAsync($"/api/calls/{call.Id}");
        using var recording = await client.Http.GetAsync($"/api/calls/{call.Id}/recording");
        var log = await client.Http.GetFromJsonAsync<PagedResponse<CallListItem>>("/api/calls");

        Assert.Equal(HttpStatusCode.NotFound, detail.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, recording.StatusCode);
        Assert.Empty(log!.Items);
    }

    [Fact]
    public async Task A_call_without_a_stored_recording_answers_404_for_it()
    {
        var (_, admin, caller) = await api.NewBusinessCallAsync();
        await caller.IncomingAsync();
        var call = await api.CallAsync(caller);
        using var client = await api.SignedInAsync(admin);

        using var response = await client.Http.GetAsync($"/api/calls/{call.Id}/recording?turn=1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Without_the_calls_feature_the_log_is_403()
    {
        var (business, _) = await api.CreateBusinessAsync();
        var agent = await api.CreateUserAsync(business.Name, UserRoles.Agent, featureLimits: [Feature.Crm]);
        using var client = await api.SignedInAsync(agent);

        using var response = await client.Http.GetAsync("/api/calls");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
