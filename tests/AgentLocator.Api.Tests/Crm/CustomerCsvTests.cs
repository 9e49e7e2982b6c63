using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AgentLocator.Api.Customers;
using AgentLocator.Api.Tests.Infrastructure;

namespace AgentLocator.Api.Tests.Crm;

[Collection(ApiCollection.Name)]
public sealed class CustomerCsvTests(AgentLocatorApiFactory api)
{
    private async Task<ApiClient> NewBusinessAdminAsync()
    {
        var (_, admin) = await api.CreateBusinessAsync();
        var client = new ApiClient(api);
        await client.SignInAsync(admin.Email);
        return client;
    }

    [Fact]
    public async Task Export_streams_utf8_with_bom_in_the_chosen_columns_with_the_lists_filters_and_sort()
    {
        using var admin = await NewBusinessAdminAsync();
        await admin.CreateCustomerAsync(new { name = "בני, \"הבנאי\"", phone = "0521112233", status = "active", city = "=cmd()" });
        await admin.CreateCustomerAsync(new { name = "אלון", phone = "0521112244", status = "active" });
        await admin.CreateCustomerAsync(new { name = "גיל", status = "lead" });

        var response = await admin.Http.GetAsync("/api/crm/customers/export.csv?status=active&sort=name&columns=name,phone,city,status");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [
                "שם,טלפון,עיר,סטטוס",
                "אלון,052-111-2244,,פעיל",
                // The formula is defused with a leading ' and, as OWASP recommends and CsvHelper does, quoted as well.
                "\"בני, \"\"הבנאי\"\"\",052-111-2233,\"'=cmd()\",פעיל",
            ],
            lines);
    }

    [Fact]
    public async Task Export_defuses_every_cell_a_spreadsheet_would_run_as_a_formula()
    {
        using var admin = await NewBusinessAdminAsync();
        await admin.CreateCustomerAsync(new { name = "א", city = "+972 מרכז" });
        await admin.CreateCustomerAsync(new { name = "ב", city = "-2+3" });
        await admin.CreateCustomerAsync(new { name = "ג", city = "@SUM(A1)" });
        await admin.CreateCustomerAsync(new { name = "ד", city = "תל-אביב" });

        var csv = Encoding.UTF8.GetString(await admin.Http.GetByteArrayAsync("/api/crm/customers/export.csv?sort=name&columns=name,city"));

        Assert.Equal(
            ["\uFEFFשם,עיר", "א,\"'+972 מרכז\"", "ב,\"'-2+3\"", "ג,\"'@SUM(A1)\"", "ד,תל-אביב"],
            csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Export_with_an_unknown_column_is_a_400_naming_it()
    {
        using var admin = await NewBusinessAdminAsync();

        var response = await admin.Http.GetAsync("/api/crm/customers/export.csv?columns=name,salary");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("salary", (await response.ProblemAsync()).GetProperty("errors").GetProperty("columns")[0].GetString());
    }

    [Fact]
    public async Task Import_creates_merges_by_phone_and_rejects_rows_with_their_reason()
    {
        using var admin = await NewBusinessAdminAsync();
        var existing = await admin.CreateCustomerAsync(new { name = "קיים", phone = "0523334455", tags = new[] { "ישן" } });
        var csv = string.Join("\r\n",
            "שם מלא,נייד,מייל,תגיות,סטטוס",
            "חדש אחד,052-333-1111,one@example.com,חדש,פעיל",
            "קיים בקובץ,+972523334455,existing@example.com,מהקובץ,",
            ",0523332222,,,",
            "טלפון שגוי,12,,,",
            "חדש אחד שוב,0523331111,,נוסף,",
            "\"שם, עם פסיק\",,,,לא פעיל");

        var report = await ImportAsync(admin, csv, mapping: new { name = "שם מלא", phone = "נייד", email = "מייל", tags = "תגיות", status = "סטטוס" });

        Assert.Equal((2, 2, 2), (report.Created, report.Merged, report.Rejected));
        Assert.Equal(["created", "merged", "rejected", "rejected", "merged", "created"], report.Rows.Select(r => r.Outcome));
        Assert.Equal([2, 3, 4, 5, 6, 7], report.Rows.Select(r => r.Row));
        Assert.Contains("Name is required", report.Rows[2].Reason);
        Assert.Contains("Phone is not a valid", report.Rows[3].Reason);
        Assert.Equal(existing.Id, report.Rows[1].CustomerId);
        Assert.Equal(report.Rows[0].CustomerId, report.Rows[4].CustomerId);

        var merged = await admin.Http.GetFromJsonAsync<CustomerResponse>($"/api/crm/customers/{existing.Id}", JsonSerializerOptions.Web);
        Assert.Equal("קיים", merged!.Name);
        Assert.Equal("existing@example.com", merged.Email);
        Assert.Equal(["ישן", "מהקובץ"], merged.Tags);
        var created = await admin.Http.GetFromJsonAsync<CustomerResponse>($"/api/crm/customers/{report.Rows[0].CustomerId}", JsonSerializerOptions.Web);
        Assert.Equal(["חדש", "נוסף"], created!.Tags);
        Assert.Equal("active", created.Status);
        Assert.Equal(3, (await admin.ListCustomersAsync("")).Page.Total);
        Assert.Equal("inactive", (await admin.ListCustomersAsync("q=" + Uri.EscapeDataString("עם פסיק"))).Items.Single().Status);
    }

    [Fact]
    public async Task Import_recognises_its_own_export_headers_without_a_mapping()
    {
        using var admin = await NewBusinessAdminAsync();
        await admin.CreateCustomerAsync(new { name = "יוסי", phone = "0524445566", city = "צפת", tags = new[] { "a", "b" } });
        var exported = await admin.Http.GetByteArrayAsync("/api/crm/customers/export.csv");
        using var other = await NewBusinessAdminAsync();

        var report = await ImportAsync(other, exported);

        Assert.Equal(1, report.Created);
        var copy = (await other.ListCustomersAsync("")).Items.Single();
        Assert.Equal(("יוסי", "+972524445566", "צפת"), (copy.Name, copy.Phone, copy.City));
        Assert.Equal(["a", "b"], copy.Tags);
    }

    [Theory]
    [InlineData(",")]
    [InlineData(";")]
    [InlineData("\t")]
    public async Task Import_detects_the_separator_and_reads_quoted_separators_quotes_and_line_breaks(string separator)
    {
        using var admin = await NewBusinessAdminAsync();
        var csv = $"שם{separator}טלפון{separator}עיר\r\n" +
                  $"\"כהן{separator} \"\"משה\"\"\"{separator}0521230001{separator}\"קו 1\r\nקו 2\"\r\n" +
                  "\r\n" +
                  $"לוי{separator}0521230002{separator}חיפה\r\n";

        var report = await ImportAsync(admin, csv);

        Assert.Equal((2, 0), (report.Created, report.Rejected));
        var customers = (await admin.ListCustomersAsync("sort=name")).Items;
        Assert.Equal([($"כהן{separator} \"משה\"", "+972521230001", "קו 1\r\nקו 2"), ("לוי", "+972521230002", "חיפה")],
            customers.Select(c => (c.Name, c.Phone, c.City)).OrderBy(c => c.Phone));
    }

    [Fact]
    public async Task Over_ten_thousand_rows_is_422_and_imports_nothing()
    {
        using var admin = await NewBusinessAdminAsync();
        var csv = "name\r\n" + string.Join("\r\n", Enumerable.Range(0, 10_001).Select(i => $"לקוח {i}"));

        var response = await PostImportAsync(admin, Encoding.UTF8.GetBytes(csv), null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("10001", (await response.ProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(0, (await admin.ListCustomersAsync("")).Page.Total);
    }

    [Fact]
    public async Task Ten_thousand_rows_import_in_one_request()
    {
        using var admin = await NewBusinessAdminAsync();
        var csv = "name,phone\r\n" + string.Join("\r\n", Enumerable.Range(0, 10_000).Select(i => $"לקוח {i},05390{i:D5}"));

        var report = await ImportAsync(admin, csv);

        Assert.Equal(10_000, report.Created);
        Assert.Equal(10_000, (await admin.ListCustomersAsync("")).Page.Total);
    }

    [Theory]
    [InlineData("phone\r\n0521234567", null, "mapping")]
    [InlineData("name\r\n", null, "file")]
    [InlineData("name\r\nדני", "{\"name\":\"שם\"}", "mapping")]
    [InlineData("name\r\nדני", "not json", "mapping")]
    public async Task An_unusable_file_or_mapping_is_a_400_naming_what_to_fix(string csv, string? mapping, string field)
    {
        using var admin = await NewBusinessAdminAsync();

        var response = await PostImportAsync(admin, Encoding.UTF8.GetBytes(csv), mapping);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Import_without_multipart_is_415()
    {
        using var admin = await NewBusinessAdminAsync();

        var response = await admin.Http.PostAsync("/api/crm/customers/import", new StringContent("name\r\nx", Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Windows_1255_files_from_excel_are_read_as_hebrew()
    {
        using var admin = await NewBusinessAdminAsync();
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding(1255).GetBytes("שם,טלפון\r\nשרה,0525556677");

        var report = (await (await PostImportAsync(admin, bytes, null)).Content.ReadFromJsonAsync<ImportReport>(JsonSerializerOptions.Web))!;

        Assert.Equal(1, report.Created);
        Assert.Equal("שרה", (await admin.ListCustomersAsync("")).Items.Single().Name);
    }

    private static async Task<ImportReport> ImportAsync(ApiClient client, string csv, object? mapping = null) =>
        await ImportAsync(client, Encoding.UTF8.GetBytes(csv), mapping);

    private static async Task<ImportReport> ImportAsync(ApiClient client, byte[] csv, object? mapping = null)
    {
        var response = await PostImportAsync(client, csv, mapping is null ? null : JsonSerializer.Serialize(mapping));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ImportReport>(JsonSerializerOptions.Web))!;
    }

    private static Task<HttpResponseMessage> PostImportAsync(ApiClient client, byte[] csv, string? mapping)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(csv);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "customers.csv");
        if (mapping is not null)
        {
            form.Add(new StringContent(mapping), "mapping");
        }
        return client.Http.PostAsync("/api/crm/customers/import", form);
    }
}
