using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Tasks;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Api.Timeline;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace AgentLocator.Api.Tests.Timeline;

/// <summary>Reading and writing the timeline over HTTP as the web app does, and watching it over /ws.</summary>
public static class TimelineTestSupport
{
    public static async Task<TimelinePage> TimelineAsync(this ApiClient client, Guid customerId, string query = "")
    {
        var response = await client.Http.GetAsync($"/api/crm/customers/{customerId}/timeline?{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TimelinePage>(JsonSerializerOptions.Web))!;
    }

    public static async Task<TimelinePage> BusinessTimelineAsync(this ApiClient client, string query = "")
    {
        var response = await client.Http.GetAsync($"/api/crm/timeline?{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TimelinePage>(JsonSerializerOptions.Web))!;
    }

    public static async Task<TimelineItem> AddNoteAsync(this ApiClient client, Guid customerId, string text)
    {
        var response = await client.Http.PostAsJsonAsync($"/api/crm/customers/{customerId}/notes", new { text });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TimelineItem>(JsonSerializerOptions.Web))!;
    }

    public static async Task<TaskResponse> CreateTaskAsync(this ApiClient client, Guid customerId, string title, DateTimeOffset? dueAt = null)
    {
        var response = await client.Http.PostAsJsonAsync("/api/tasks",
            new { customerId, title, dueAt = (dueAt ?? DateTimeOffset.UtcNow.AddDays(2)).ToString("o") });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TaskResponse>(JsonSerializerOptions.Web))!;
    }

    /// <summary>Every item of the customer's timeline, following cursors to the end.</summary>
    public static async Task<List<TimelineItem>> AllAsync(this ApiClient client, Guid customerId, string query = "")
    {
        var items = new List<TimelineItem>();
        string? cursor = null;
        do
        {
            var page = await client.TimelineAsync(customerId, query + (cursor is null ? "" : $"&cursor={cursor}"));
            items.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return items;
    }

    /// <summary>A business of its own, its admin signed in, and a user of it limited to some features.</summary>
    public static async Task<(Business Business, ApiClient Admin, User AdminUser)> NewBusinessAsync(this AgentLocatorApiFactory api)
    {
        var (business, admin) = await api.CreateBusinessAsync();
        return (business, await api.SignedInAsync(admin), admin);
    }

    public static async Task<(ApiClient Client, User User)> UserAsync(this AgentLocatorApiFactory api, Business business,
        string role = UserRoles.Agent, params Feature[] limits)
    {
        var user = await api.CreateUserAsync(business.Name, role, featureLimits: limits.Length == 0 ? null : limits);
        return (await api.SignedInAsync(user), user);
    }

    public static HubConnection Connect(this AgentLocatorApiFactory api, ApiClient client) => new HubConnectionBuilder()
        .WithUrl(new Uri(api.ServerAddress, "/ws"), options =>
        {
            options.Transports = HttpTransportType.WebSockets;
            options.SkipNegotiation = true;
            options.AccessTokenProvider = () => Task.FromResult(client.Http.DefaultRequestHeaders.Authorization?.Parameter);
        })
        .Build();
}
