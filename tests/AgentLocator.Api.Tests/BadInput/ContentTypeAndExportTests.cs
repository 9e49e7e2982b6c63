using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Api.Tests.Timeline;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tests.BadInput;

/// <summary>A JSON route sent another content type answers 415 (not the fallbacks' 404); an export that fails part-way never ends as if complete.</summary>
[Collection(ApiCollection.Name)]
public sealed class ContentTypeAndExportTests(AgentLocatorApiFactory api)
{
    private static HttpContent Body(string text, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        return content;
    }

    [Theory]
    [InlineData("POST", "/api/crm/customers", """{"name":"x"}""")]
    [InlineData("POST", "/api/tasks", """{"title":"x"}""")]
    [InlineData("PUT", "/api/admin/call-settings", """{"greetingText":"x"}""")]
    [InlineData("PUT", "/api/admin/features", """{"features":["crm"]}""")]
    [InlineData("POST", "/api/auth/login", """{"email":"admin@demo.local","password":"x"}""")]
    public async Task A_json_route_sent_another_content_type_or_none_answers_415(string method, string path, string json)
    {
        var (_, admin, _) = await api.NewBusinessAsync();

        foreach (var contentType in new[] { "text/plain", "application/x-www-form-urlencoded", "application/xml", null })
        {
            var response = await admin.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Body(json, contentType) });

            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.UnsupportedMediaType, $"{contentType ?? "no content type"}: {(int)response.StatusCode} {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Unknown_routes_stay_404_whatever_the_content_type_and_json_still_binds()
    {
        var (_, admin, _) = await api.NewBusinessAsync();

        var unknownInArea = await admin.Http.PostAsync("/api/crm/nothing-here", Body("x", "text/plain"));
        var unknown = await admin.Http.PostAsync("/api/nothing-here", Body("x", "text/plain"));
        var notAnId = await admin.Http.PostAsync("/api/crm/customers/not-an-id/notes", Body("x", "text/plain"));
        var created = await admin.Http.PostAsync("/api/crm/customers", Body("""{"name":"עם charset"}""", "application/json; charset=utf-8"));

        Assert.Equal(HttpStatusCode.NotFound, unknownInArea.StatusCode);
        Assert.Equal("application/problem+json", unknownInArea.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notAnId.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task An_export_that_fails_after_its_first_byte_aborts_instead_of_ending_as_if_complete()
    {
        var (business, admin, _) = await api.NewBusinessAsync();
        var now = DateTimeOffset.UtcNow;
        await using (var db = api.CreateDbContext(business.Id))
        {
            // Enough rows to fill the writer's buffer several times, so the header and early rows are on the wire first.
            for (var i = 0; i < 1500; i++)
            {
                db.Customers.Add(new Customer
                {
                    Id = Guid.CreateVersion7(), BusinessId = business.Id, Name = $"a-{i:D4} לקוח לייצוא", CreatedAt = now, UpdatedAt = now, LastActivityAt = now,
                });
            }
            var last = new Customer { Id = Guid.CreateVersion7(), BusinessId = business.Id, Name = "zz-last", CreatedAt = now, UpdatedAt = now, LastActivityAt = now };
            db.Customers.Add(last);
            await db.SaveChangesAsync();
            // Last by name: a date Postgres holds (it counts to the year 294276) but .NET cannot (9999), so reading this
            // row fails while the file is already streaming. Set in SQL: no client of ours could write it.
            await db.Database.ExecuteSqlAsync($"UPDATE customers SET created_at = '20000-01-01 00:00:00+00' WHERE id = {last.Id}");
        }

        using var response = await admin.Http.GetAsync("/api/crm/customers/export.csv?sort=name&columns=name,createdAt",
            HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var received = new MemoryStream();
        var buffer = new byte[8192];
        var error = await Record.ExceptionAsync(async () =>
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        });

        Assert.True(error is IOException or HttpRequestException, $"the transfer ended cleanly after {received.Length} bytes");
        var text = Encoding.UTF8.GetString(received.ToArray());
        Assert.StartsWith("\uFEFFשם,נוצר\r\na-0000 לקוח לייצוא,", text);
        Assert.DoesNotContain("zz-last", text);
    }
}
