using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Contracts;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tests.CustomerContracts;

[Collection(ApiCollection.Name)]
public sealed class ContractTemplateTests(AgentLocatorApiFactory api)
{
    [Fact]
    public async Task The_body_is_held_to_the_whitelist_and_an_unknown_placeholder_is_422()
    {
        using var admin = await api.ContractsBusinessAsync();

        var template = await admin.CreateTemplateAsync(body:
            "<p onclick=\"x()\" style=\"color:red\">שלום <strong>{{customer.name}}</strong><script>alert(1)</script><a href=\"https://evil.test\">קישור</a></p>" +
            "<div><h1>כותרת</h1><img src=x onerror=y></div>");

        Assert.Equal("<p>שלום <strong>{{customer.name}}</strong>קישור</p><h1>כותרת</h1>", template.BodyHtml);

        foreach (var (body, expected) in new[]
        {
            ("<p>{{customer.address}}</p>", "Unknown placeholder {{customer.address}}."),
            ("<p>{{fields.missing}}</p>", "Unknown placeholder {{fields.missing}}."),
            ("<p>{{ customer.name | upcase }}</p>", "A placeholder names one value, like {{customer.name}}; filters and literals are not allowed."),
            ("<p>{% if customer.name %}x{% endif %}</p>", "Only placeholders ({{…}}) are allowed; Liquid tags ({%…%}) are not."),
        })
        {
            var refused = await admin.Http.PostAsJsonAsync("/api/contract-templates", new { name = "x", bodyHtml = body, fields = ContractApiExtensions.ServiceFields });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var errors = (await refused.ProblemAsync()).GetProperty("errors").GetProperty("bodyHtml").EnumerateArray().Select(e => e.GetString()).ToList();
            Assert.Contains(expected, errors);
        }

        var shape = await admin.Http.PostAsJsonAsync("/api/contract-templates", new
        {
            name = "", bodyHtml = "<p>x</p>",
            fields = new object[] { new { key = "Bad Key", label = "x" }, new { key = "ok", label = "" }, new { key = "ok", label = "y" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, shape.StatusCode);
        Assert.Equivalent(new[] { "name", "fields[0].key", "fields[1].label", "fields[2].key" },
            (await shape.ProblemAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList());
    }

    [Fact]
    public async Task Editing_makes_a_new_version_and_a_contract_keeps_the_version_it_was_made_from()
    {
        using var admin = await api.ContractsBusinessAsync();
        var template = await admin.CreateTemplateAsync();
        var customer = await admin.CreateCustomerAsync(new { name = "דנה כהן" });
        var before = await admin.CreateContractAsync(customer.Id, new { templateId = template.Id, fieldValues = new { service = "גינון" } });

        var edited = await admin.Http.PutAsJsonAsync($"/api/contract-templates/{template.Id}", new
        {
            name = "הסכם שירות 2027", bodyHtml = "<p>נוסח חדש עבור {{customer.name}}</p>", fields = Array.Empty<object>(),
        });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var revised = (await edited.Content.ReadFromJsonAsync<ContractTemplateResponse>(JsonSerializerOptions.Web))!;
        var after = await admin.CreateContractAsync(customer.Id, new { templateId = template.Id });

        Assert.Equal(2, revised.Version);
        Assert.Equal([2, 1], revised.Versions.Select(v => v.Version));
        Assert.Equal(1, before.TemplateVersion);
        Assert.Equal(2, after.TemplateVersion);
        Assert.Equal("הסכם שירות 2027", after.Title);
        var oldText = string.Join(' ', PdfTextLines(await admin.ContractPdfAsync(before.Id)));
        Assert.Contains("השירות גינון", oldText);
        Assert.DoesNotContain("נוסח חדש", oldText);
        Assert.Contains("נוסח חדש עבור דנה כהן", string.Join(' ', PdfTextLines(await admin.ContractPdfAsync(after.Id))));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync($"/api/contract-templates/{template.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.GetAsync($"/api/contract-templates/{template.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.Http.PostAsJsonAsync($"/api/customers/{customer.Id}/contracts", new { templateId = template.Id })).StatusCode);
        Assert.Contains("נוסח חדש", string.Join(' ', PdfTextLines(await admin.ContractPdfAsync(after.Id))));

        await using var db = api.CreateDbContext();
        var actions = await db.AuditLog.IgnoreQueryFilters().Where(a => a.TargetId == template.Id.ToString()).OrderBy(a => a.OccurredAt).Select(a => a.Action).ToListAsync();
        Assert.Equal(["contract-template-created", "contract-template-changed", "contract-template-archived"], actions);
    }

    [Fact]
    public async Task Agents_read_templates_and_only_admins_change_them()
    {
        var (business, owner) = await api.CreateBusinessAsync();
        using var admin = new ApiClient(api);
        await admin.SignInAsync(owner.Email);
        var template = await admin.CreateTemplateAsync();
        var agentUser = await api.CreateUserAsync(business.Name);
        using var agent = new ApiClient(api);
        await agent.SignInAsync(agentUser.Email);

        var list = await agent.Http.GetFromJsonAsync<List<ContractTemplateListItem>>("/api/contract-templates", JsonSerializerOptions.Web);
        Assert.Equal([template.Id], list!.Select(t => t.Id));
        Assert.Equal(["service", "price"], list![0].Fields.Select(f => f.Key));
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.Http.PostAsJsonAsync("/api/contract-templates", new { name = "x", bodyHtml = "<p>x</p>" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.Http.DeleteAsync($"/api/contract-templates/{template.Id}")).StatusCode);
    }

    private static IReadOnlyList<string> PdfTextLines(byte[] pdf) => Invoices.PdfText.Lines(Invoices.PdfText.ExtractAsync(pdf).GetAwaiter().GetResult());
}
