using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Features;
using AgentLocator.Grains.Timeline;

namespace AgentLocator.Api.Tests.Timeline;

/// <summary>The timeline's wire contract, filters and validation, over real HTTP against Postgres.</summary>
[Collection(ApiCollection.Name)]
public sealed class TimelineApiTests(AgentLocatorApiFactory api)
{
    [Fact]
    public async Task A_customer_with_a_task_and_a_note_shows_each_kind_newest_first_in_the_contract_shape()
    {
        var (_, admin, adminUser) = await api.NewBusinessAsync();
        var customer = await admin.CreateCustomerAsync(new { name = "דנה כהן", city = "חיפה" });
        var task = await admin.CreateTaskAsync(customer.Id, "להתקשר בחזרה");
        await admin.AddNoteAsync(customer.Id, "ביקשה הצעת מחיר\nשורה שנייה");

        var response = await admin.Http.GetAsync($"/api/crm/customers/{customer.Id}/timeline");
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["note", "task", "customer"], items.Select(i => i.GetProperty("kind").GetString()));
        Assert.Equal(JsonValueKind.Array, json.GetProperty("pinned").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("nextCursor").ValueKind);
        foreach (var item in items)
        {
            foreach (var field in new[] { "id", "kind", "occurredAt", "updatedAt", "title", "summary", "actor", "link", "customer", "pinned" })
            {
                Assert.True(item.TryGetProperty(field, out _), $"{field} missing in {item}");
            }
            Assert.EndsWith("+00:00", item.GetProperty("occurredAt").GetString());
            Assert.Equal(customer.Id, item.GetProperty("customer").GetProperty("id").GetGuid());
            Assert.Equal("דנה כהן", item.GetProperty("customer").GetProperty("name").GetString());
        }

        var note = items[0];
        Assert.Equal("הערה", note.GetProperty("title").GetString());
        Assert.Equal("ביקשה הצעת מחיר", note.GetProperty("summary").GetString());
        Assert.Equal("agent", note.GetProperty("actor").GetProperty("type").GetString());
        Assert.Equal(adminUser.Id, note.GetProperty("actor").GetProperty("id").GetGuid());
        var noteCard = note.GetProperty("note");
        Assert.Equal("ביקשה הצעת מחיר\nשורה שנייה", noteCard.GetProperty("text").GetString());
        Assert.Equal(adminUser.Id, noteCard.GetProperty("authorId").GetGuid());
        Assert.False(noteCard.GetProperty("edited").GetBoolean());
        Assert.True(noteCard.GetProperty("canEdit").GetBoolean());
        Assert.True(noteCard.GetProperty("canDelete").GetBoolean());
        Assert.False(note.TryGetProperty("call", out _));

        var taskItem = items[1];
        Assert.Equal("משימה נוצרה: להתקשר בחזרה", taskItem.GetProperty("title").GetString());
        Assert.Equal($"/tasks/{task.Id}", taskItem.GetProperty("link").GetString());
        var taskCard = taskItem.GetProperty("task");
        Assert.Equal(("created", "open"), (taskCard.GetProperty("change").GetString(), taskCard.GetProperty("status").GetString()));
        Assert.Equal(task.Id, taskCard.GetProperty("taskId").GetGuid());
        Assert.Equal(adminUser.Id, taskCard.GetProperty("assignee").GetProperty("id").GetGuid());
        Assert.Equal(task.DueAt, taskCard.GetProperty("dueAt").GetDateTimeOffset());

        var created = items[2];
        Assert.Equal("הלקוח נוצר", created.GetProperty("title").GetString());
        Assert.Equal($"/customers/{customer.Id}", created.GetProperty("link").GetString());
        var change = created.GetProperty("customerChange");
        Assert.Equal(("created", "agent"), (change.GetProperty("change").GetString(), change.GetProperty("source").GetString()));
        Assert.Contains(change.GetProperty("fields").EnumerateArray(),
            f => f.GetProperty("field").GetString() == "city" && f.GetProperty("new").GetString() == "חיפה" && f.GetProperty("label").GetString() == "עיר");
    }

    [Fact]
    public async Task Task_changes_and_customer_edits_become_events_with_old_and_new_values()
    {
        var (_, admin, _) = await api.NewBusinessAsync();
        var customer = await admin.CreateCustomerAsync(new { name = "יוסי", city = "עכו" });
        var task = await admin.CreateTaskAsync(customer.Id, "לשלוח חוזה");
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.PostAsJsonAsync($"/api/tasks/{task.Id}/snooze", new { minutes = 15 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.PostAsync($"/api/tasks/{task.Id}/done", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.PostAsync($"/api/tasks/{task.Id}/reopen", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.PatchAsJsonAsync($"/api/crm/customers/{customer.Id}", new { city = "נהריה" })).StatusCode);
        // Saving the same values again changes nothing, so it records nothing.
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.PatchAsJsonAsync($"/api/crm/customers/{customer.Id}", new { city = "נהריה" })).StatusCode);

        var items = await admin.AllAsync(customer.Id);

        Assert.Equal(["updated", "reopened", "done", "snoozed", "created", "created"],
            items.Select(i => i.Task?.Change ?? i.CustomerChange!.Change));
        var updated = items[0].CustomerChange!;
        Assert.Equal([new FieldChangeLine("city", "עיר", "עכו", "נהריה")], updated.Fields);
        Assert.Equal("agent", updated.Source);
        Assert.Equal("עיר: עכו ← נהריה", items[0].Summary);
        Assert.Equal("done", items[2].Task!.Status);
        Assert.NotNull(items[3].Task!.SnoozedUntil);
    }

    [Fact]
    public async Task Kind_filters_narrow_and_an_unknown_kind_is_a_400_naming_kind()
    {
        var (_, admin, _) = await api.NewBusinessAsync();
        var customer = await admin.CreateCustomerAsync(new { name = "מסונן" });
        await admin.CreateTaskAsync(customer.Id, "משימה");
        await admin.AddNoteAsync(customer.Id, "הערה");

        Assert.Equal(["note"], (await admin.TimelineAsync(customer.Id, "kind=note")).Items.Select(i => i.Kind));
        Assert.Equal(["note", "task"], (await admin.TimelineAsync(customer.Id, "kind=note&kind=task")).Items.Select(i => i.Kind));
        Assert.Equal(["task", "customer"], (await admin.TimelineAsync(customer.Id, "kind=task,customer")).Items.Select(i => i.Kind));
        Assert.Empty((await admin.TimelineAsync(customer.Id, "kind=whatsapp")).Items);

        var bad = await admin.Http.GetAsync($"/api/crm/customers/{customer.Id}/timeline?kind=note&kind=fax");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("fax", (await bad.ProblemAsync()).GetProperty("errors").GetProperty("kind")[0].GetString());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("to=6.12.2026", "to")]
    [InlineData("from=2026-12-06&to=2026-12-01", "to")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("agentId=someone", "agentId")]
    public async Task Bad_parameters_are_a_400_problem_naming_the_field(string query, string field)
    {
        var (_, admin, _) = await api.NewBusinessAsync();
        var customer = await admin.CreateCustomerAsync(new { name = "בדיקה" });

        foreach (var path in new[] { $"/api/crm/customers/{customer.Id}/timeline?{query}", $"/api/crm/timeline?{query}" })
        {
            var response = await admin.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty(field, out _), path);
        }
    }

    [Fact]
    public async Task The_limit_bounds_a_page_and_the_default_is_thirty()
    {
        var (business, admin, _) = await api.NewBusinessAsync();
        var customer = await admin.CreateCustomerAsync(new { name = "רבים" });
        await TimelineRows.InsertAsync(api, business.Id, customer.Id, Enumerable.Range(1, 40).Select(i => DateTimeOffset.UtcNow.AddMinutes(-i)));

        Assert.Equal(30, (await admin.TimelineAsync(customer.Id)).Items.Count);
        var one = await admin.TimelineAsync(customer.Id, "limit=1");
        Assert.Single(one.Items);
        Assert.NotNull(one.NextCursor);
        Assert.Equal(41, (await admin.TimelineAsync(customer.Id, "limit=100")).Items.Count);
    }

    [Fact]
    public async Task From_and_to_are_whole_days_in_the_business_time_zone()
    {
        var (business, admin, _) = await api.NewBusinessAsync();
        var customer = await admin.CreateCustomerAsync(new { name = "תאריכים" });
        // Jerusalem is UTC+2 in December: 21:30Z on the 1st is 23:30 on the 1st there, 22:30Z is 00:30 on the 2nd.
        var lateOnFirst = new DateTimeOffset(2026, 12, 1, 21, 30, 0, TimeSpan.Zero);
        var earlyOnSecond = new DateTimeOffset(2026, 12, 1, 22, 30, 0, TimeSpan.Zero);
        var endOfThird = new DateTimeOffset(2026, 12, 3, 21, 59, 0, TimeSpan.Zero);
        var fourth = new DateTimeOffset(2026, 12, 3, 22, 0, 0, TimeSpan.Zero);
        await TimelineRows.InsertAsync(api, business.Id, customer.Id, [lateOnFirst, earlyOnSecond, endOfThird, fourth]);

        var second = await admin.TimelineAsync(customer.Id, "from=2026-12-02&to=2026-12-02");
        var secondToThird = await admin.TimelineAsync(customer.Id, "from=2026-12-02&to=2026-12-03");
        var untilFirst = await admin.TimelineAsync(customer.Id, "to=2026-12-01");

        Assert.Equal([earlyOnSecond], second.Items.Select(i => i.OccurredAt));
        Assert.Equal([endOfThird, earlyOnSecond], secondToThird.Items.Select(i => i.OccurredAt));
        Assert.Equal([lateOnFirst], untilFirst.Items.Select(i => i.OccurredAt));
    }

    [Fact]
    public async Task Text_search_finds_words_inside_titles_summaries_and_notes()
    {
        var (_, admin, _) = await api.NewBusinessAsync();
        var customer = await admin.CreateCustomerAsync(new { name = "חיפוש" });
        await admin.AddNoteAsync(customer.Id, "שורה ראשונה\nמעוניין בחלונות אלומיניום");
        await admin.CreateTaskAsync(customer.Id, "לתאם מדידה");

        Assert.Equal(["note"], (await admin.TimelineAsync(customer.Id, "q=אלומיני")).Items.Select(i => i.Kind));
        Assert.Equal(["task"], (await admin.TimelineAsync(customer.Id, "q=" + Uri.EscapeDataString("מדידה"))).Items.Select(i => i.Kind));
        Assert.Empty((await admin.TimelineAsync(customer.Id, "q=100%25")).Items);
        Assert.Equal(["note"], (await admin.BusinessTimelineAsync("q=אלומיני")).Items.Select(i => i.Kind));
    }

    [Fact]
    public async Task A_customer_of_another_business_or_none_is_a_404()
    {
        var (_, admin, _) = await api.NewBusinessAsync();
        var (_, stranger, _) = await api.NewBusinessAsync();
        var customer = await admin.CreateCustomerAsync(new { name = "פרטי" });
        var note = await admin.AddNoteAsync(customer.Id, "סודי");

        var responses = new[]
        {
            await stranger.Http.GetAsync($"/api/crm/customers/{customer.Id}/timeline"),
            await admin.Http.GetAsync($"/api/crm/customers/{Guid.NewGuid()}/timeline"),
            await stranger.Http.PostAsJsonAsync($"/api/crm/customers/{customer.Id}/notes", new { text = "x" }),
            await stranger.Http.PatchAsJsonAsync($"/api/crm/customers/{customer.Id}/notes/{note.Note!.NoteId}", new { pinned = true }),
            await stranger.Http.DeleteAsync($"/api/crm/customers/{customer.Id}/notes/{note.Note.NoteId}"),
        };

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.NotFound, response.StatusCode));
        Assert.DoesNotContain((await stranger.BusinessTimelineAsync()).Items, i => i.Customer?.Id == customer.Id);
        Assert.Single((await admin.TimelineAsync(customer.Id, "kind=note")).Items);
    }

    [Fact]
    public async Task A_user_without_calls_never_sees_a_call_event_in_either_feed_or_in_search()
    {
        var (business, admin, _) = await api.NewBusinessAsync();
        var (crmOnly, _) = await api.UserAsync(business, UserRoles.Agent, Feature.Crm);
        var customer = await admin.CreateCustomerAsync(new { name = "מתקשר" });
        await TimelineRows.InsertCallAsync(api, business.Id, customer.Id, "ביקש הצעה לשיפוץ המטבח");
        await admin.AddNoteAsync(customer.Id, "הערה גלויה");

        Assert.Contains("call", (await admin.TimelineAsync(customer.Id)).Items.Select(i => i.Kind));
        Assert.Single((await admin.TimelineAsync(customer.Id, "q=המטבח")).Items);

        var timeline = await crmOnly.TimelineAsync(customer.Id);
        var asked = await crmOnly.TimelineAsync(customer.Id, "kind=call");
        var askedWithNotes = await crmOnly.TimelineAsync(customer.Id, "kind=call&kind=note");
        var searched = await crmOnly.TimelineAsync(customer.Id, "q=המטבח");
        var feed = await crmOnly.BusinessTimelineAsync();
        var feedSearched = await crmOnly.BusinessTimelineAsync("q=המטבח");
        var raw = await (await crmOnly.Http.GetAsync($"/api/crm/customers/{customer.Id}/timeline")).Content.ReadAsStringAsync();

        Assert.DoesNotContain("call", timeline.Items.Select(i => i.Kind));
        Assert.Contains("note", timeline.Items.Select(i => i.Kind));
        Assert.Empty(asked.Items);
        Assert.Equal(["note"], askedWithNotes.Items.Select(i => i.Kind));
        Assert.Empty(searched.Items);
        Assert.DoesNotContain("call", feed.Items.Select(i => i.Kind));
        Assert.NotEmpty(feed.Items);
        Assert.Empty(feedSearched.Items);
        Assert.DoesNotContain("המטבח", raw);
    }

    [Fact]
    public async Task The_business_feed_carries_each_item_s_customer_and_narrows_to_one_agent()
    {
        var (business, admin, adminUser) = await api.NewBusinessAsync();
        var (agent, agentUser) = await api.UserAsync(business);
        var first = await admin.CreateCustomerAsync(new { name = "ראשון" });
        var second = await agent.CreateCustomerAsync(new { name = "שני" });
        await admin.AddNoteAsync(first.Id, "של המנהלת");
        await agent.AddNoteAsync(second.Id, "של הסוכן");

        var feed = await admin.BusinessTimelineAsync("kind=note");
        var agents = await admin.BusinessTimelineAsync($"agentId={agentUser.Id}");

        Assert.Equal([("שני", "של הסוכן"), ("ראשון", "של המנהלת")], feed.Items.Select(i => (i.Customer!.Name, i.Note!.Text)));
        Assert.Empty(feed.Pinned);
        Assert.All(agents.Items, i => Assert.Equal(agentUser.Id, i.Actor.Id));
        Assert.Equal(["note", "customer"], agents.Items.Select(i => i.Kind));
        Assert.DoesNotContain(agents.Items, i => i.Actor.Id == adminUser.Id);
    }

    [Fact]
    public async Task Today_counts_calls_missed_calls_not_called_back_and_tasks_due_today_and_overdue()
    {
        var (business, admin, _) = await api.NewBusinessAsync();
        var (crmOnly, _) = await api.UserAsync(business, UserRoles.Agent, Feature.Crm);
        var customer = await admin.CreateCustomerAsync(new { name = "היום" });
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Business.DefaultTimeZone);
        var now = DateTimeOffset.UtcNow;
        var localNow = TimeZoneInfo.ConvertTime(now, zone);
        var endOfToday = new DateTimeOffset(localNow.Date.AddDays(1), localNow.Offset).ToUniversalTime();
        var startOfToday = new DateTimeOffset(localNow.Date, localNow.Offset).ToUniversalTime();
        var laterToday = now + (endOfToday - now) / 2;

        await admin.CreateTaskAsync(customer.Id, "היום מאוחר יותר", laterToday);
        await admin.CreateTaskAsync(customer.Id, "באיחור", now.AddDays(-3));
        var done = await admin.CreateTaskAsync(customer.Id, "בוצעה", laterToday);
        await admin.Http.PostAsync($"/api/tasks/{done.Id}/done", null);
        await admin.CreateTaskAsync(customer.Id, "מחר", endOfToday.AddHours(1));
        var followUp = await admin.CreateTaskAsync(customer.Id, "להתקשר בחזרה", now.AddDays(-3));
        var calledBack = await admin.CreateTaskAsync(customer.Id, "חזרנו", now.AddDays(-3));
        await admin.Http.PostAsync($"/api/tasks/{calledBack.Id}/done", null);
        var startedToday = startOfToday + (now - startOfToday) / 2;
        await TimelineRows.InsertCallRowAsync(api, business.Id, customer.Id, startedToday, CallDisposition.Missed, followUp.Id);
        await TimelineRows.InsertCallRowAsync(api, business.Id, customer.Id, startedToday, CallDisposition.NoMessage, calledBack.Id);
        await TimelineRows.InsertCallRowAsync(api, business.Id, customer.Id, startedToday, CallDisposition.Message, null);
        await TimelineRows.InsertCallRowAsync(api, business.Id, customer.Id, startOfToday.AddHours(-2), CallDisposition.Missed, followUp.Id);

        var today = await admin.Http.GetFromJsonAsync<JsonElement>("/api/crm/today");
        var limited = await crmOnly.Http.GetFromJsonAsync<JsonElement>("/api/crm/today");

        // Overdue: the two open tasks due three days ago (the open follow-up is one). Due today: only the later one.
        Assert.Equal(3, today.GetProperty("callsToday").GetInt32());
        Assert.Equal(1, today.GetProperty("missedNotCalledBack").GetInt32());
        Assert.Equal(1, today.GetProperty("tasksDueToday").GetInt32());
        Assert.Equal(2, today.GetProperty("tasksOverdue").GetInt32());
        Assert.Equal(JsonValueKind.Null, limited.GetProperty("callsToday").ValueKind);
        Assert.Equal(JsonValueKind.Null, limited.GetProperty("missedNotCalledBack").ValueKind);
        Assert.Equal(2, limited.GetProperty("tasksOverdue").GetInt32());
    }
}
