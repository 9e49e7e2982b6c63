using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Api.Timeline;

namespace AgentLocator.Api.Tests.Timeline;

/// <summary>Notes on the timeline: who may edit, pin and delete, and how pinned notes head the first page.</summary>
[Collection(ApiCollection.Name)]
public sealed class NotesTests(AgentLocatorApiFactory api)
{
    private static async Task<TimelineItem> ItemAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TimelineItem>(JsonSerializerOptions.Web))!;
    }

    [Fact]
    public async Task Only_the_author_edits_the_text_and_an_edit_is_marked()
    {
        var (business, admin, _) = await api.NewBusinessAsync();
        var (author, authorUser) = await api.UserAsync(business);
        var (other, _) = await api.UserAsync(business);
        var customer = await admin.CreateCustomerAsync(new { name = "לקוח" });
        var note = await author.AddNoteAsync(customer.Id, "  טיוטה  ");
        var path = $"/api/crm/customers/{customer.Id}/notes/{note.Note!.NoteId}";

        var refused = await other.Http.PatchAsJsonAsync(path, new { text = "זר" });
        var refusedAdmin = await admin.Http.PatchAsJsonAsync(path, new { text = "מנהלת" });
        var edited = await ItemAsync(await author.Http.PatchAsJsonAsync(path, new { text = "נוסח סופי" }));

        Assert.Equal("טיוטה", note.Note.Text);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, refusedAdmin.StatusCode);
        Assert.Equal(note.Id, edited.Id);
        Assert.Equal(("נוסח סופי", true, true, true), (edited.Note!.Text, edited.Note.Edited, edited.Note.CanEdit, edited.Note.CanDelete));
        Assert.Equal(authorUser.Id, edited.Note.AuthorId);
        Assert.True(edited.UpdatedAt > note.UpdatedAt);
        var seenByOther = (await other.TimelineAsync(customer.Id, "kind=note")).Items.Single();
        Assert.Equal(("נוסח סופי", true, false, false), (seenByOther.Note!.Text, seenByOther.Note.Edited, seenByOther.Note.CanEdit, seenByOther.Note.CanDelete));
        var seenByAdmin = (await admin.TimelineAsync(customer.Id, "kind=note")).Items.Single();
        Assert.Equal((false, true), (seenByAdmin.Note!.CanEdit, seenByAdmin.Note.CanDelete));
    }

    [Fact]
    public async Task Anyone_pins_and_pinned_notes_head_the_first_page_only()
    {
        var (business, admin, _) = await api.NewBusinessAsync();
        var (other, _) = await api.UserAsync(business);
        var customer = await admin.CreateCustomerAsync(new { name = "נעוצה" });
        var pinnedNote = await admin.AddNoteAsync(customer.Id, "חשוב: לא להתקשר בשבת");
        for (var i = 0; i < 3; i++)
        {
            await admin.AddNoteAsync(customer.Id, $"הערה {i}");
        }

        var pinned = await ItemAsync(await other.Http.PatchAsJsonAsync(
            $"/api/crm/customers/{customer.Id}/notes/{pinnedNote.Note!.NoteId}", new { pinned = true }));
        var first = await admin.TimelineAsync(customer.Id, "limit=2");
        var next = await admin.TimelineAsync(customer.Id, $"limit=2&cursor={first.NextCursor}");

        Assert.True(pinned.Pinned);
        Assert.False(pinned.Note!.Edited);
        Assert.Equal([pinnedNote.Id], first.Pinned.Select(i => i.Id));
        Assert.Empty(next.Pinned);
        Assert.Empty((await admin.TimelineAsync(customer.Id, "kind=task")).Pinned);

        await other.Http.PatchAsJsonAsync($"/api/crm/customers/{customer.Id}/notes/{pinnedNote.Note.NoteId}", new { pinned = false });
        Assert.Empty((await admin.TimelineAsync(customer.Id)).Pinned);
    }

    [Fact]
    public async Task The_author_or_an_admin_deletes_and_others_get_403()
    {
        var (business, admin, _) = await api.NewBusinessAsync();
        var (author, _) = await api.UserAsync(business);
        var (other, _) = await api.UserAsync(business);
        var customer = await admin.CreateCustomerAsync(new { name = "מחיקות" });
        var byAuthor = await author.AddNoteAsync(customer.Id, "אמחק בעצמי");
        var byAdmin = await author.AddNoteAsync(customer.Id, "המנהלת תמחק");

        var refused = await other.Http.DeleteAsync($"/api/crm/customers/{customer.Id}/notes/{byAuthor.Note!.NoteId}");
        var own = await author.Http.DeleteAsync($"/api/crm/customers/{customer.Id}/notes/{byAuthor.Note.NoteId}");
        var adminDeletes = await admin.Http.DeleteAsync($"/api/crm/customers/{customer.Id}/notes/{byAdmin.Note!.NoteId}");
        var again = await admin.Http.DeleteAsync($"/api/crm/customers/{customer.Id}/notes/{byAdmin.Note.NoteId}");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, own.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, adminDeletes.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Empty((await admin.TimelineAsync(customer.Id, "kind=note")).Items);
    }

    [Fact]
    public async Task Note_text_is_1_to_5000_characters_after_trimming()
    {
        var (_, admin, _) = await api.NewBusinessAsync();
        var customer = await admin.CreateCustomerAsync(new { name = "אורך" });

        var longest = await admin.Http.PostAsJsonAsync($"/api/crm/customers/{customer.Id}/notes", new { text = "  " + new string('א', 5000) + "  " });
        var tooLong = await admin.Http.PostAsJsonAsync($"/api/crm/customers/{customer.Id}/notes", new { text = new string('א', 5001) });
        var blank = await admin.Http.PostAsJsonAsync($"/api/crm/customers/{customer.Id}/notes", new { text = " \n " });
        var note = await ItemAsync(longest);
        var emptyChange = await admin.Http.PatchAsJsonAsync($"/api/crm/customers/{customer.Id}/notes/{note.Note!.NoteId}", new { });
        var blankEdit = await admin.Http.PatchAsJsonAsync($"/api/crm/customers/{customer.Id}/notes/{note.Note.NoteId}", new { text = "" });

        Assert.Equal(HttpStatusCode.Created, longest.StatusCode);
        Assert.Equal(5000, note.Note.Text.Length);
        foreach (var bad in new[] { tooLong, blank, emptyChange, blankEdit })
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.True((await bad.ProblemAsync()).GetProperty("errors").TryGetProperty("text", out _));
        }
        Assert.Equal(HttpStatusCode.NotFound,
            (await admin.Http.PatchAsJsonAsync($"/api/crm/customers/{customer.Id}/notes/{Guid.NewGuid()}", new { pinned = true })).StatusCode);
    }

    [Fact]
    public async Task A_new_note_answers_201_with_its_timeline_item()
    {
        var (_, admin, adminUser) = await api.NewBusinessAsync();
        var customer = await admin.CreateCustomerAsync(new { name = "תשובה" });

        var response = await admin.Http.PostAsJsonAsync($"/api/crm/customers/{customer.Id}/notes", new { text = "שלום" });
        var item = await ItemAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(("note", "שלום", adminUser.Id, "agent"), (item.Kind, item.Note!.Text, item.Actor.Id!.Value, item.Actor.Type));
        Assert.Equal(new TimelineCustomer(customer.Id, "תשובה"), item.Customer);
        Assert.Equal((await admin.TimelineAsync(customer.Id, "kind=note")).Items.Single(), item);
    }
}
