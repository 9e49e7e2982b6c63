using System.Net;
using System.Net.Http.Json;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Data.Migrations;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tests.Timeline;

/// <summary>
/// Events are written in the same transaction as what they record: a change that fails leaves no event, and an event
/// that fails takes its change with it. And the migration's backfill gives rows from before the timeline their events.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TimelineWriteTests(AgentLocatorApiFactory api)
{
    /// <summary>Makes Postgres refuse rows of <paramref name="table"/> whose <paramref name="column"/> holds the marker.</summary>
    private async Task RefuseAsync(string table, string column, string marker)
    {
        var name = $"refuse_{table}_{Guid.NewGuid():N}"[..40];
        await using var db = api.CreateDbContext();
        // Names and the marker are made here, not taken from input.
#pragma warning disable EF1002
        await db.Database.ExecuteSqlRawAsync($"""
            CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.{column} LIKE '%{marker}%' THEN RAISE EXCEPTION 'refused by test'; END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER {name} BEFORE INSERT OR UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION {name}();
            """);
#pragma warning restore EF1002
    }

    [Fact]
    public async Task A_note_that_fails_to_save_leaves_no_event()
    {
        var (business, admin, _) = await api.NewBusinessAsync();
        var customer = await admin.CreateCustomerAsync(new { name = "גלגול לאחור" });
        var marker = "fail-" + Guid.NewGuid().ToString("N")[..8];
        await RefuseAsync("customer_notes", "text", marker);

        var response = await admin.Http.PostAsJsonAsync($"/api/crm/customers/{customer.Id}/notes", new { text = $"הערה {marker}" });

        Assert.False(response.IsSuccessStatusCode);
        await using var db = api.CreateDbContext(business.Id);
        Assert.False(await db.TimelineEvents.AnyAsync(e => e.SearchText.Contains(marker)));
        Assert.False(await db.CustomerNotes.AnyAsync(n => n.Text.Contains(marker)));
    }

    [Fact]
    public async Task An_event_that_fails_to_save_takes_its_change_with_it()
    {
        var (business, admin, _) = await api.NewBusinessAsync();
        var customer = await admin.CreateCustomerAsync(new { name = "אירוע נכשל" });
        var marker = "fail-" + Guid.NewGuid().ToString("N")[..8];
        await RefuseAsync("timeline_events", "search_text", marker);

        var note = await admin.Http.PostAsJsonAsync($"/api/crm/customers/{customer.Id}/notes", new { text = $"הערה {marker}" });
        var task = await admin.Http.PostAsJsonAsync("/api/tasks",
            new { customerId = customer.Id, title = $"משימה {marker}", dueAt = DateTimeOffset.UtcNow.AddDays(1).ToString("o") });
        var edit = await admin.Http.PatchAsJsonAsync($"/api/crm/customers/{customer.Id}", new { city = marker });

        Assert.False(note.IsSuccessStatusCode);
        Assert.False(task.IsSuccessStatusCode);
        Assert.False(edit.IsSuccessStatusCode);
        await using var db = api.CreateDbContext(business.Id);
        Assert.False(await db.CustomerNotes.AnyAsync(n => n.Text.Contains(marker)));
        Assert.False(await db.Tasks.AnyAsync(t => t.Title.Contains(marker)));
        Assert.Null(await db.Customers.Where(c => c.Id == customer.Id).Select(c => c.City).SingleAsync());
    }

    [Fact]
    public async Task The_backfill_gives_calls_tasks_notes_and_customers_from_before_the_timeline_their_events_once()
    {
        var (business, admin, adminUser) = await api.NewBusinessAsync();
        var customerId = Guid.CreateVersion7();
        var at = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
        var call = TimelineRows.NewCall(business.Id, customerId, at.AddHours(1), CallDisposition.Message, null);
        call.Summary = "ביקש לחזור אליו מחר";
        var task = new AgentTask
        {
            Id = Guid.CreateVersion7(), BusinessId = business.Id, CustomerId = customerId, AssigneeId = adminUser.Id, CreatedById = adminUser.Id,
            Title = "לחזור ללקוח", Notes = "לפני הצהריים", DueAt = at.AddDays(1), RemindAt = at.AddDays(1), Status = TaskStatuses.Done,
            CompletedAt = at.AddHours(3), CreatedAt = at.AddHours(2), UpdatedAt = at.AddHours(3),
        };
        var note = new CustomerNote
        {
            Id = Guid.CreateVersion7(), BusinessId = business.Id, CustomerId = customerId, AuthorId = adminUser.Id,
            AuthorName = "מנהלת", Text = "לקוח ותיק\nמשלם בזמן", CreatedAt = at.AddHours(4), Pinned = true,
        };
        await using (var db = api.CreateDbContext())
        {
            db.Customers.Add(new Customer
            {
                Id = customerId, BusinessId = business.Id, Name = "ותיק", Phone = CustomerApiExtensions.NextMobile(), City = "צפת",
                CreatedAt = at, UpdatedAt = at, LastActivityAt = at,
            });
            db.Calls.Add(call);
            db.CallTurns.Add(new CallTurn
            {
                Id = Guid.CreateVersion7(), BusinessId = business.Id, CallId = call.Id, Number = 1, RecordingSid = "RE1",
                RecordingKey = "rec/1.wav", Transcript = "  שלום, אני רוצה הצעת מחיר\nתודה", State = TurnState.Ready, CreatedAt = at, UpdatedAt = at,
            });
            db.Tasks.Add(task);
            db.CustomerNotes.Add(note);
            await db.SaveChangesAsync();
        }
        Assert.Empty((await admin.TimelineAsync(customerId)).Items);

        await using (var db = api.CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync(TimelineSql.Backfill);
            await db.Database.ExecuteSqlRawAsync(TimelineSql.Backfill);
        }
        var page = await admin.TimelineAsync(customerId);

        Assert.Equal(["note", "task", "task", "call", "customer"], page.Items.Select(i => i.Kind));
        var (noteItem, done, created, callItem, customerItem) = (page.Items[0], page.Items[1], page.Items[2], page.Items[3], page.Items[4]);
        Assert.Equal((note.Id, "לקוח ותיק\nמשלם בזמן", false, true), (noteItem.Note!.NoteId, noteItem.Note.Text, noteItem.Note.Edited, noteItem.Pinned));
        Assert.Equal("לקוח ותיק", noteItem.Summary);
        Assert.Equal([noteItem.Id], page.Pinned.Select(i => i.Id));
        Assert.Equal(("done", task.CompletedAt), (done.Task!.Change, done.OccurredAt));
        Assert.Equal(("created", "משימה נוצרה: לחזור ללקוח", "לפני הצהריים"), (created.Task!.Change, created.Title, created.Summary));
        Assert.Equal(new AgentLocator.Grains.Timeline.TaskAssignee(adminUser.Id, adminUser.DisplayName), created.Task.Assignee);
        Assert.Equal((adminUser.Id, "agent"), (created.Actor.Id!.Value, created.Actor.Type));
        Assert.Equal("שיחה נכנסת — השאיר הודעה", callItem.Title);
        Assert.Equal(("message", 60, "שלום, אני רוצה הצעת מחיר", "ביקש לחזור אליו מחר", $"/api/calls/{call.Id}/recording"),
            (callItem.Call!.Disposition, callItem.Call.DurationSeconds!.Value, callItem.Call.TranscriptFirstLine, callItem.Call.Summary, callItem.Call.RecordingUrl));
        Assert.Equal(("caller", call.From, $"/calls/{call.Id}"), (callItem.Actor.Type, callItem.Actor.Name, callItem.Link));
        Assert.Equal(("created", at), (customerItem.CustomerChange!.Change, customerItem.OccurredAt));
        Assert.Contains(new AgentLocator.Grains.Timeline.FieldChangeLine("city", "עיר", null, "צפת"), customerItem.CustomerChange.Fields);
        // Backfilled ids are UUIDv7 of their time, so they sort like the writers' own.
        Assert.All(page.Items, i => Assert.Equal(7, i.Id.Version));
        Assert.Single((await admin.TimelineAsync(customerId, "q=" + Uri.EscapeDataString("הצעת מחיר"))).Items);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync($"/api/crm/timeline?kind=call")).StatusCode);
    }
}
