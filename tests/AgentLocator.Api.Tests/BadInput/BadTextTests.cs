using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AgentLocator.Api.Customers;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Api.Tests.Timeline;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tests.BadInput;

/// <summary>
/// Text Postgres cannot store (a NUL character, a lone UTF-16 surrogate) is the caller's mistake: a 400 naming the
/// field wherever it comes in, and nothing of it reaches the database.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class BadTextTests(AgentLocatorApiFactory api)
{
    /// <summary>JSON string contents as a client would send them: an escaped NUL, an escaped lone high and low surrogate.</summary>
    public static TheoryData<string> BrokenJsonText => new() { @"a\u0000b", @"a\ud800b", @"a\udc00b" };

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task AssertNamesFieldAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        var problem = await response.ProblemAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), body);
        Assert.StartsWith(field + " ", messages[0].GetString());
        Assert.Contains("cannot be stored", messages[0].GetString());
    }

    [Theory]
    [InlineData("q")]
    [InlineData("tag")]
    [InlineData("status")]
    [InlineData("sort")]
    public async Task A_nul_in_a_list_query_is_a_400_naming_the_parameter(string parameter)
    {
        var (_, admin, _) = await api.NewBusinessAsync();

        await AssertNamesFieldAsync(await admin.Http.GetAsync($"/api/crm/customers?{parameter}=a%00b"), parameter);
        await AssertNamesFieldAsync(await admin.Http.GetAsync($"/api/crm/customers?{parameter}=%00"), parameter);
    }

    [Fact]
    public async Task An_export_with_a_nul_in_its_query_is_refused_before_any_of_the_file_is_sent()
    {
        var (_, admin, _) = await api.NewBusinessAsync();
        await admin.CreateCustomerAsync(new { name = "יש שורה" });

        var response = await admin.Http.GetAsync("/api/crm/customers/export.csv?q=%00");

        await AssertNamesFieldAsync(response, "q");
    }

    [Fact]
    public async Task Other_query_strings_are_checked_too_and_good_ones_still_work()
    {
        var (_, admin, _) = await api.NewBusinessAsync();
        await admin.CreateCustomerAsync(new { name = "אבי", tags = new[] { "vip" } });

        await AssertNamesFieldAsync(await admin.Http.GetAsync("/api/crm/timeline?q=%00"), "q");
        await AssertNamesFieldAsync(await admin.Http.GetAsync("/api/tasks?assignee=me%00"), "assignee");
        Assert.Single((await admin.ListCustomersAsync("tag=vip&q=" + Uri.EscapeDataString("אבי"))).Items);
    }

    [Fact]
    public async Task Broken_text_in_a_route_value_never_reaches_a_handler()
    {
        var (_, admin, _) = await api.NewBusinessAsync();

        // Kestrel itself refuses a NUL in the path (a bare 400 before any of our code), and leaves bytes that are not
        // UTF-8 (a lone surrogate's encoding) undecoded, so the route value is storable and the route's own rule answers.
        var nul = await admin.Http.GetAsync("/api/me/preferences/grid%00");
        var surrogate = await admin.Http.GetAsync("/api/me/preferences/grid%ED%A0%80");

        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, surrogate.StatusCode);
        Assert.True((await surrogate.ProblemAsync()).GetProperty("errors").TryGetProperty("key", out _));
    }

    [Theory]
    [MemberData(nameof(BrokenJsonText))]
    public async Task A_customers_name_that_cannot_be_stored_is_a_400_on_create_and_on_edit(string broken)
    {
        var (_, admin, _) = await api.NewBusinessAsync();
        var customer = await admin.CreateCustomerAsync(new { name = "תקין" });

        await AssertNamesFieldAsync(await admin.Http.PostAsync("/api/crm/customers", Json($$"""{"name":"{{broken}}"}""")), "name");
        await AssertNamesFieldAsync(await admin.Http.PatchAsync($"/api/crm/customers/{customer.Id}", Json($$"""{"name":"{{broken}}"}""")), "name");
        await AssertNamesFieldAsync(await admin.Http.PatchAsync($"/api/crm/customers/{customer.Id}", Json($$"""{"city":"{{broken}}"}""")), "city");
        await AssertNamesFieldAsync(await admin.Http.PatchAsync($"/api/crm/customers/{customer.Id}", Json($$"""{"tags":["ok","{{broken}}"]}""")), "tags");

        var unchanged = await admin.Http.GetFromJsonAsync<CustomerResponse>($"/api/crm/customers/{customer.Id}", JsonSerializerOptions.Web);
        Assert.Equal(("תקין", null), (unchanged!.Name, unchanged.City));
        Assert.Single((await admin.ListCustomersAsync("")).Items);
    }

    [Theory]
    [MemberData(nameof(BrokenJsonText))]
    public async Task A_note_that_cannot_be_stored_is_a_400_on_add_and_on_edit(string broken)
    {
        var (_, admin, _) = await api.NewBusinessAsync();
        var customer = await admin.CreateCustomerAsync(new { name = "עם הערות" });
        var note = await admin.AddNoteAsync(customer.Id, "הערה תקינה");
        var notes = $"/api/crm/customers/{customer.Id}/notes";

        await AssertNamesFieldAsync(await admin.Http.PostAsync(notes, Json($$"""{"text":"{{broken}}"}""")), "text");
        await AssertNamesFieldAsync(await admin.Http.PatchAsync($"{notes}/{note.Note!.NoteId}", Json($$"""{"text":"{{broken}}"}""")), "text");

        Assert.Equal("הערה תקינה", (await admin.TimelineAsync(customer.Id, "kind=note")).Items.Single().Note!.Text);
    }

    [Theory]
    [MemberData(nameof(BrokenJsonText))]
    public async Task A_tasks_title_or_notes_that_cannot_be_stored_is_a_400_on_create_and_on_edit(string broken)
    {
        var (business, admin, _) = await api.NewBusinessAsync();
        var customer = await admin.CreateCustomerAsync(new { name = "עם משימה" });
        var task = await admin.CreateTaskAsync(customer.Id, "משימה תקינה");
        var due = DateTimeOffset.UtcNow.AddDays(1).ToString("O");

        await AssertNamesFieldAsync(await admin.Http.PostAsync("/api/tasks",
            Json($$"""{"customer_id":"{{customer.Id}}","title":"{{broken}}","due_at":"{{due}}"}""")), "title");
        await AssertNamesFieldAsync(await admin.Http.PostAsync("/api/tasks",
            Json($$"""{"customerId":"{{customer.Id}}","title":"תקין","notes":"{{broken}}","dueAt":"{{due}}"}""")), "notes");
        await AssertNamesFieldAsync(await admin.Http.PatchAsync($"/api/tasks/{task.Id}", Json($$"""{"title":"{{broken}}"}""")), "title");
        await AssertNamesFieldAsync(await admin.Http.PatchAsync($"/api/tasks/{task.Id}", Json($$"""{"notes":"{{broken}}"}""")), "notes");

        await using var db = api.CreateDbContext(business.Id);
        var stored = await db.Tasks.AsNoTracking().Where(t => t.CustomerId == customer.Id).ToListAsync();
        Assert.Equal(("משימה תקינה", null), (stored.Single().Title, stored.Single().Notes));
    }

    [Theory]
    [MemberData(nameof(BrokenJsonText))]
    public async Task A_greeting_that_cannot_be_stored_is_a_400(string broken)
    {
        var (_, admin, _) = await api.NewBusinessAsync();

        await AssertNamesFieldAsync(await admin.Http.PutAsync("/api/admin/call-settings", Json($$"""{"greetingText":"{{broken}}"}""")), "greetingText");

        var saved = await admin.Http.PutAsync("/api/admin/call-settings", Json("""{"greetingText":"שלום, הגעתם לבדיקה"}"""));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    [Theory]
    [MemberData(nameof(BrokenJsonText))]
    public async Task A_preference_holding_text_jsonb_cannot_store_is_a_400(string broken)
    {
        var (_, admin, _) = await api.NewBusinessAsync();

        await AssertNamesFieldAsync(await admin.Http.PutAsync("/api/me/preferences/grid", Json($$$"""{"value":{"hidden":["{{{broken}}}"]}}""")), "value");
        await AssertNamesFieldAsync(await admin.Http.PutAsync("/api/me/preferences/grid", Json($$$"""{"value":{"{{{broken}}}":1}}""")), "value");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.PutAsync("/api/me/preferences/grid", Json("""{"value":{"hidden":["city"]}}"""))).StatusCode);
    }

    [Fact]
    public async Task A_csv_row_with_a_nul_is_rejected_in_the_import_report_naming_its_field_and_the_others_are_imported()
    {
        var (_, admin, _) = await api.NewBusinessAsync();
        var csv = "name,phone,city\r\nטובה,0527770001,חיפה\r\nשב\0ורה,0527770002,עכו\r\nעוד,0527770003,צ\0פת\r\nאחרונה,,\r\n";
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "customers.csv");

        var response = await admin.Http.PostAsync("/api/crm/customers/import", form);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var report = (await response.Content.ReadFromJsonAsync<ImportReport>(JsonSerializerOptions.Web))!;
        Assert.Equal((2, 0, 2), (report.Created, report.Merged, report.Rejected));
        Assert.Equal(["created", "rejected", "rejected", "created"], report.Rows.Select(row => row.Outcome));
        Assert.StartsWith("name contains a NUL", report.Rows[1].Reason);
        Assert.StartsWith("city contains a NUL", report.Rows[2].Reason);
        Assert.Equal(["אחרונה", "טובה"], (await admin.ListCustomersAsync("sort=name")).Items.Select(c => c.Name));
    }
}
