using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Customers;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Demo;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLocator.Api.Tests.Demo;

/// <summary>An API of its own (own database) started as the AppHost starts it, with the demo data switched on.</summary>
public sealed class DemoDataFixture : AgentLocatorApiFactory
{
    public override Task InitializeAsync()
    {
        WithSetting(DemoBusinessData.SettingKey, "true");
        return base.InitializeAsync();
    }
}

/// <summary>The demo business looks alive after start-up, in data its real writers would have written, and only once.</summary>
public sealed class DemoDataTests(DemoDataFixture api) : IClassFixture<DemoDataFixture>
{
    private async Task<Business> BusinessAsync(string name)
    {
        await using var db = api.CreateDbContext();
        return await db.Businesses.AsNoTracking().SingleAsync(b => b.Name == name);
    }

    [Fact]
    public async Task The_demo_business_has_customers_calls_tasks_and_notes_with_their_timeline()
    {
        var demo = await BusinessAsync(DevelopmentSeed.DemoBusinessName);
        await using var db = api.CreateDbContext(demo.Id);

        var customers = await db.Customers.AsNoTracking().ToListAsync();
        Assert.Equal(200, customers.Count);
        Assert.All(customers, c => Assert.Matches(@"^\p{IsHebrew}+( \p{IsHebrew}+)+$", c.Name.Replace("-", "").Replace("״", "")));
        Assert.All(customers, c => Assert.True(Phones.TryNormalize(c.Phone, out var phone) && phone.E164 == c.Phone, c.Phone));
        Assert.Equal(customers.Count, customers.Select(c => c.Phone).Distinct().Count());
        Assert.Contains(customers, c => c.Phone!.StartsWith("+9725", StringComparison.Ordinal));
        Assert.Contains(customers, c => c.Tags.Count > 0);

        var calls = await db.Calls.AsNoTracking().ToListAsync();
        Assert.InRange(calls.Count, 100, 200);
        Assert.All(calls, c => Assert.InRange(c.StartedAt, DateTimeOffset.UtcNow.AddDays(-15), DateTimeOffset.UtcNow));
        Assert.Contains(calls, c => c.Disposition == CallDisposition.Message && c.Summary is not null);
        Assert.Contains(calls, c => c.Disposition == CallDisposition.Missed);
        var turns = await db.CallTurns.AsNoTracking().ToListAsync();
        Assert.All(turns.Where(t => t.State == TurnState.Ready), t => Assert.False(string.IsNullOrWhiteSpace(t.Transcript)));
        // The counters the customer list shows agree with the rows.
        foreach (var customer in customers.Take(40))
        {
            Assert.Equal(calls.Count(c => c.CustomerId == customer.Id), customer.Calls);
        }

        var tasks = await db.Tasks.AsNoTracking().ToListAsync();
        var now = DateTimeOffset.UtcNow;
        Assert.Contains(tasks, t => t.Status == TaskStatuses.Open && t.DueAt < now);
        Assert.Contains(tasks, t => t.Status == TaskStatuses.Open && t.DueAt > now);
        Assert.Contains(tasks, t => t.Status == TaskStatuses.Done);
        Assert.All(calls.Where(c => c.FollowUpTaskId is not null), c => Assert.Contains(tasks, t => t.Id == c.FollowUpTaskId && t.CallId == c.Id));
        Assert.All(customers.Take(40), c => Assert.Equal(tasks.Count(t => t.CustomerId == c.Id && t.Status == TaskStatuses.Open), c.OpenTasks));
        // Old open tasks already rang; the start-up sweep finds nothing to ring.
        var undelivered = tasks.Where(t => t.Status == TaskStatuses.Open && t.RemindAt <= now)
            .Count(t => !db.TaskAlerts.Any(a => a.TaskId == t.Id && a.DeliveredAt != null));
        Assert.Equal(0, undelivered);

        Assert.NotEmpty(await db.CustomerNotes.AsNoTracking().ToListAsync());
        var events = await db.TimelineEvents.AsNoTracking().GroupBy(e => e.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        Assert.Equal(calls.Count, events["call"]);
        Assert.Equal(customers.Count, events["customer"]);
        Assert.Equal(await db.CustomerNotes.CountAsync(), events["note"]);
        Assert.Equal(tasks.Count + tasks.Count(t => t.Status == TaskStatuses.Done), events["task"]);
    }

    [Fact]
    public async Task An_agent_sees_the_demo_over_the_api_and_plays_a_recording()
    {
        using var client = new ApiClient(api);
        await client.SignInAsync("agent@demo.local");

        var page = await client.Http.GetFromJsonAsync<JsonElement>("/api/calls?page=1&limit=5");
        var first = page.GetProperty("items").EnumerateArray().First(c => c.GetProperty("disposition").GetString() == "message"
            || c.GetProperty("disposition").GetString() == "no-message");
        var detail = await client.Http.GetFromJsonAsync<JsonElement>($"/api/calls/{first.GetProperty("id").GetString()}");
        var turn = detail.GetProperty("turns").EnumerateArray().First();

        using var recording = await client.Http.GetAsync(turn.GetProperty("recordingUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, recording.StatusCode);
        var wav = await recording.Content.ReadAsByteArrayAsync();
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(wav, 0, 4));
        Assert.True(wav.Length > 8000 * 2, "at least a second of audio");

        var customers = await client.Http.GetFromJsonAsync<JsonElement>("/api/crm/customers?page=1&limit=1");
        Assert.Equal(200, customers.GetProperty("page").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_other_business_has_a_little_data_of_its_own_and_a_second_fill_adds_nothing()
    {
        var other = await BusinessAsync(DevelopmentSeed.OtherBusinessName);
        await using (var db = api.CreateDbContext(other.Id))
        {
            Assert.InRange(await db.Customers.CountAsync(), 3, 20);
            Assert.NotEmpty(await db.Calls.ToListAsync());
        }
        await using var all = api.CreateDbContext();
        var before = await CountsAsync(all);

        var added = await ActivatorUtilities.CreateInstance<DemoBusinessData>(api.Services,
            ActivatorUtilities.CreateInstance<DemoRecordings>(api.Services)).FillAsync(DateTimeOffset.UtcNow);

        Assert.Equal(0, added);
        Assert.Equal(before, await CountsAsync(all));
    }

    internal static async Task<(int Customers, int Calls, int Tasks, int Events, int WhatsApp, int Documents)> CountsAsync(AgentLocatorDbContext all) =>
        (await all.Customers.IgnoreQueryFilters().CountAsync(), await all.Calls.IgnoreQueryFilters().CountAsync(),
            await all.Tasks.IgnoreQueryFilters().CountAsync(), await all.TimelineEvents.IgnoreQueryFilters().CountAsync(),
            await all.WhatsAppMessages.IgnoreQueryFilters().CountAsync(), await all.TaxDocuments.IgnoreQueryFilters().CountAsync());

    [Fact]
    public async Task The_demo_business_has_whatsapp_threads_with_a_voice_note_and_tax_documents()
    {
        var demo = await BusinessAsync(DevelopmentSeed.DemoBusinessName);
        await using var db = api.CreateDbContext(demo.Id);

        var messages = await db.WhatsAppMessages.AsNoTracking().ToListAsync();
        Assert.InRange(messages.Select(m => m.CustomerId).Distinct().Count(), 5, 20);
        Assert.Contains(messages, m => m.Direction == WhatsAppDirection.Inbound && m.Body is not null);
        Assert.Contains(messages, m => m.Direction == WhatsAppDirection.Outbound && m.SentByUserId is not null);
        var voiceNotes = messages.Where(m => m.MediaJson != "[]").ToList();
        Assert.NotEmpty(voiceNotes);
        Assert.All(voiceNotes, m => Assert.Matches(@"\p{IsHebrew}", m.Transcript));
        // Each message has its timeline event; a voice note's card carries what was said.
        var events = await db.TimelineEvents.AsNoTracking().Where(e => e.Kind == "whatsapp").ToListAsync();
        Assert.Equal(messages.Count, events.Count);
        Assert.All(voiceNotes, note => Assert.Contains(note.Transcript!, events.Single(e => e.SourceId == note.Id).PayloadJson));
        // Some threads wait for an agent: an inbound message after the thread's read mark.
        var threads = await db.WhatsAppConversations.AsNoTracking().ToListAsync();
        Assert.Contains(threads, t => messages.Any(m => m.CustomerId == t.CustomerId && m.Direction == WhatsAppDirection.Inbound && m.CreatedAt > t.ReadUpTo));
        Assert.Contains(threads, t => messages.Where(m => m.CustomerId == t.CustomerId).All(m => m.CreatedAt <= t.ReadUpTo));

        var documents = await db.TaxDocuments.AsNoTracking().Include(d => d.Lines).ToListAsync();
        var issued = documents.Where(d => d.Status == TaxDocumentStatuses.Issued).ToList();
        Assert.Contains(issued, d => d.Type == TaxDocumentTypes.Quote);
        Assert.Contains(issued, d => d.Type == TaxDocumentTypes.TaxInvoiceReceipt);
        Assert.Contains(documents, d => d.Status == TaxDocumentStatuses.Draft);
        Assert.All(issued, d => Assert.True(d.Number > 0 && d.TotalAgorot == d.SubtotalAgorot + d.VatAgorot && d.Lines.Count > 0));
        // Numbered per type without gaps.
        Assert.All(issued.GroupBy(d => d.Type), type => Assert.Equal(Enumerable.Range(type.Min(d => d.Number!.Value), type.Count()),
            type.Select(d => d.Number!.Value).Order()));
    }
}

/// <summary>An API of its own for the reset, which drops and re-creates its database.</summary>
public sealed class DemoResetFixture : AgentLocatorApiFactory
{
    public override Task InitializeAsync()
    {
        WithSetting(DemoBusinessData.SettingKey, "true");
        return base.InitializeAsync();
    }
}

/// <summary>"Reset demo data" (the AppHost's dashboard command calls this endpoint) puts every module's demo data back.</summary>
public sealed class DemoResetTests(DemoResetFixture api) : IClassFixture<DemoResetFixture>
{
    [Fact]
    public async Task Reset_drops_what_was_added_and_fills_the_demo_again_with_whatsapp_and_documents()
    {
        await using var all = api.CreateDbContext();
        var before = await DemoDataTests.CountsAsync(all);
        Assert.True(before.WhatsApp > 0 && before.Documents > 0, before.ToString());
        var oldMessage = await all.WhatsAppMessages.IgnoreQueryFilters().Select(m => m.Id).FirstAsync();

        using var client = new ApiClient(api);
        await client.SignInAsync("agent@demo.local");
        using var made = await client.Http.PostAsJsonAsync("/api/crm/customers", new { name = "לקוח שיימחק", phone = "052-555-0199" });
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);

        using var reset = await client.Http.PostAsync(DevelopmentResetPath, content: null);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);

        await using var after = api.CreateDbContext();
        Assert.Equal(before, await DemoDataTests.CountsAsync(after));
        Assert.False(await after.Customers.IgnoreQueryFilters().AnyAsync(c => c.Name == "לקוח שיימחק"));
        Assert.False(await after.WhatsAppMessages.IgnoreQueryFilters().AnyAsync(m => m.Id == oldMessage));
    }

    private const string DevelopmentResetPath = "/api/development/reset-demo-data";
}
