using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Contracts;
using AgentLocator.Api.Customers;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Api.Timeline;
using AgentLocator.Grains.Contracts;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLocator.Api.Tests.CustomerContracts;

[Collection(ApiCollection.Name)]
public sealed class ContractLifecycleTests(AgentLocatorApiFactory api)
{
    [Fact]
    public async Task A_contract_moves_only_by_legal_steps_and_each_step_is_on_the_customers_timeline_and_in_the_audit_log()
    {
        using var admin = await api.ContractsBusinessAsync();
        var template = await admin.CreateTemplateAsync();
        var customer = await admin.CreateCustomerAsync(new { name = "רונית אברהם" });
        var contract = await admin.CreateContractAsync(customer.Id, new { templateId = template.Id, title = "הסכם גינון", fieldValues = new { service = "גינון" } });
        Assert.Equal(ContractStatus.Draft, contract.Status);
        Assert.Equal([ContractStatus.Sent, ContractStatus.Cancelled], contract.AllowedMoves);

        var lifecycle = api.Services.GetRequiredService<IContractLifecycle>();
        Assert.Equal(ContractOutcomeKind.Conflict, (await lifecycle.MarkAsync(contract.Id, ContractStatus.Signed)).Kind);
        Assert.Equal(ContractOutcomeKind.Ok, (await lifecycle.MarkAsync(contract.Id, ContractStatus.Sent)).Kind);
        var editSent = await admin.Http.PatchAsJsonAsync($"/api/contracts/{contract.Id}", new { title = "שינוי" });
        Assert.Equal(HttpStatusCode.Conflict, editSent.StatusCode);
        Assert.Equal(ContractOutcomeKind.Ok, (await lifecycle.MarkAsync(contract.Id, ContractStatus.Viewed)).Kind);
        Assert.Equal(ContractOutcomeKind.Conflict, (await lifecycle.MarkAsync(contract.Id, ContractStatus.Viewed)).Kind);
        Assert.Equal(ContractOutcomeKind.Ok, (await lifecycle.MarkAsync(contract.Id, ContractStatus.Signed)).Kind);
        Assert.Equal(ContractOutcomeKind.NotFound, (await lifecycle.MarkAsync(Guid.NewGuid(), ContractStatus.Sent)).Kind);

        var cancelSigned = await admin.Http.PatchAsJsonAsync($"/api/contracts/{contract.Id}", new { status = "cancelled" });
        Assert.Equal(HttpStatusCode.Conflict, cancelSigned.StatusCode);
        Assert.Equal("application/problem+json", cancelSigned.Content.Headers.ContentType?.MediaType);
        var read = await admin.Http.GetFromJsonAsync<ContractResponse>($"/api/contracts/{contract.Id}", JsonSerializerOptions.Web);
        Assert.Equal(ContractStatus.Signed, read!.Status);
        Assert.Empty(read.AllowedMoves);

        var timeline = await admin.Http.GetFromJsonAsync<TimelinePage>($"/api/crm/customers/{customer.Id}/timeline?kind=contract", JsonSerializerOptions.Web);
        Assert.Equal(["signed", "viewed", "sent", "created"], timeline!.Items.Select(i => i.Contract!.Change));
        Assert.All(timeline.Items, item => Assert.Equal($"/contracts/{contract.Id}", item.Link));
        Assert.Equal("חוזה נחתם: הסכם גינון", timeline.Items[0].Title);

        await using var db = api.CreateDbContext();
        var audit = await db.AuditLog.IgnoreQueryFilters().Where(a => a.TargetId == contract.Id.ToString()).OrderBy(a => a.OccurredAt)
            .Select(a => a.Action).ToListAsync();
        Assert.Equal(["contract-created", "contract-status-changed", "contract-status-changed", "contract-status-changed"], audit);
    }

    [Fact]
    public async Task A_draft_is_edited_and_cancelled_by_hand_but_other_statuses_come_from_the_signing_flow()
    {
        using var admin = await api.ContractsBusinessAsync();
        var template = await admin.CreateTemplateAsync();
        var customer = await admin.CreateCustomerAsync(new { name = "משה" });
        var contract = await admin.CreateContractAsync(customer.Id, new { templateId = template.Id, fieldValues = new { service = "ניקיון" } });

        var missingRequired = await admin.Http.PatchAsJsonAsync($"/api/contracts/{contract.Id}", new { fieldValues = new { price = "100" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missingRequired.StatusCode);
        Assert.True((await missingRequired.ProblemAsync()).GetProperty("errors").TryGetProperty("fieldValues.service", out _));
        var unknown = await admin.Http.PatchAsJsonAsync($"/api/contracts/{contract.Id}", new { fieldValues = new { service = "x", colour = "y" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        var bySignature = await admin.Http.PatchAsJsonAsync($"/api/contracts/{contract.Id}", new { status = "signed" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bySignature.StatusCode);
        var notAStatus = await admin.Http.PatchAsJsonAsync($"/api/contracts/{contract.Id}", new { status = "burnt" });
        Assert.Equal(HttpStatusCode.BadRequest, notAStatus.StatusCode);
        var nul = await admin.Http.PatchAsync($"/api/contracts/{contract.Id}",
            new StringContent("{\"title\":\"a\\u0000b\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);

        var edited = await admin.Http.PatchAsJsonAsync($"/api/contracts/{contract.Id}", new { title = "הסכם ניקיון", fieldValues = new { service = "ניקיון משרד", price = "850" } });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var body = (await edited.Content.ReadFromJsonAsync<ContractResponse>(JsonSerializerOptions.Web))!;
        Assert.Equal("הסכם ניקיון", body.Title);
        Assert.Equal("850", body.FieldValues["price"]);

        var cancelled = await admin.Http.PatchAsJsonAsync($"/api/contracts/{contract.Id}", new { status = "cancelled" });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(ContractStatus.Cancelled, (await cancelled.Content.ReadFromJsonAsync<ContractResponse>(JsonSerializerOptions.Web))!.Status);
    }

    [Fact]
    public async Task The_list_is_newest_first_paged_and_filtered_by_status_and_date()
    {
        using var admin = await api.ContractsBusinessAsync();
        var template = await admin.CreateTemplateAsync();
        var customer = await admin.CreateCustomerAsync(new { name = "לקוח רשימה" });
        var made = new List<ContractResponse>();
        for (var i = 0; i < 3; i++)
        {
            made.Add(await admin.CreateContractAsync(customer.Id, new { templateId = template.Id, title = $"חוזה {i}", fieldValues = new { service = "x" } }));
        }
        await api.Services.GetRequiredService<IContractLifecycle>().MarkAsync(made[1].Id, ContractStatus.Sent);

        var first = await admin.Http.GetFromJsonAsync<PagedResponse<ContractListItem>>("/api/contracts?limit=2", JsonSerializerOptions.Web);
        Assert.Equal(["חוזה 2", "חוזה 1"], first!.Items.Select(c => c.Title));
        Assert.Equal(3, first.Page.Total);
        Assert.True(first.Page.HasNext);
        var second = await admin.Http.GetFromJsonAsync<PagedResponse<ContractListItem>>("/api/contracts?limit=2&page=2", JsonSerializerOptions.Web);
        Assert.Equal(["חוזה 0"], second!.Items.Select(c => c.Title));
        var sent = await admin.Http.GetFromJsonAsync<PagedResponse<ContractListItem>>("/api/contracts?status=sent", JsonSerializerOptions.Web);
        Assert.Equal([made[1].Id], sent!.Items.Select(c => c.Id));
        Assert.Equal("לקוח רשימה", sent.Items[0].Customer.Name);
        var today = made[0].ContractDate.ToString("yyyy-MM-dd");
        var tomorrow = made[0].ContractDate.AddDays(1).ToString("yyyy-MM-dd");
        Assert.Equal(3, (await admin.Http.GetFromJsonAsync<PagedResponse<ContractListItem>>($"/api/contracts?from={today}&to={today}", JsonSerializerOptions.Web))!.Page.Total);
        Assert.Equal(0, (await admin.Http.GetFromJsonAsync<PagedResponse<ContractListItem>>($"/api/contracts?from={tomorrow}", JsonSerializerOptions.Web))!.Page.Total);
        var customerList = await admin.Http.GetFromJsonAsync<PagedResponse<ContractListItem>>($"/api/customers/{customer.Id}/contracts", JsonSerializerOptions.Web);
        Assert.Equal(3, customerList!.Items.Count);

        var bad = await admin.Http.GetAsync("/api/contracts?status=lost&from=2026-13-01&page=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equivalent(new[] { "status", "from", "page" }, (await bad.ProblemAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList());
    }

    [Fact]
    public async Task Another_business_gets_404_on_every_contract_route_and_changes_nothing()
    {
        using var owner = await api.ContractsBusinessAsync();
        var template = await owner.CreateTemplateAsync();
        var customer = await owner.CreateCustomerAsync(new { name = "סודי ביותר" });
        var contract = await owner.CreateContractAsync(customer.Id, new { templateId = template.Id, fieldValues = new { service = "x" } });
        using var other = await api.ContractsBusinessAsync();
        var otherTemplate = await other.CreateTemplateAsync();

        var responses = new Dictionary<string, HttpResponseMessage>
        {
            ["GET contract"] = await other.Http.GetAsync($"/api/contracts/{contract.Id}"),
            ["PATCH contract"] = await other.Http.PatchAsJsonAsync($"/api/contracts/{contract.Id}", new { status = "cancelled" }),
            ["PDF"] = await other.Http.GetAsync($"/api/contracts/{contract.Id}/pdf"),
            ["customer's contracts"] = await other.Http.GetAsync($"/api/customers/{customer.Id}/contracts"),
            ["make for their customer"] = await other.Http.PostAsJsonAsync($"/api/customers/{customer.Id}/contracts", new { templateId = otherTemplate.Id }),
            ["preview for their customer"] = await other.Http.PostAsJsonAsync($"/api/customers/{customer.Id}/contracts/preview", new { templateId = otherTemplate.Id }),
            ["GET template"] = await other.Http.GetAsync($"/api/contract-templates/{template.Id}"),
            ["PUT template"] = await other.Http.PutAsJsonAsync($"/api/contract-templates/{template.Id}", new { name = "x", bodyHtml = "<p>x</p>" }),
            ["DELETE template"] = await other.Http.DeleteAsync($"/api/contract-templates/{template.Id}"),
        };
        foreach (var (route, response) in responses)
        {
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{route}: {response.StatusCode}");
            Assert.DoesNotContain("סודי ביותר", await response.Content.ReadAsStringAsync());
        }
        var ownTemplateForTheirCustomer = await other.Http.PostAsJsonAsync($"/api/customers/{Guid.NewGuid()}/contracts", new { templateId = template.Id });
        Assert.Equal(HttpStatusCode.NotFound, ownTemplateForTheirCustomer.StatusCode);
        Assert.Empty((await other.Http.GetFromJsonAsync<PagedResponse<ContractListItem>>("/api/contracts", JsonSerializerOptions.Web))!.Items);
        Assert.Equal([otherTemplate.Id], (await other.Http.GetFromJsonAsync<List<ContractTemplateListItem>>("/api/contract-templates", JsonSerializerOptions.Web))!.Select(t => t.Id));
        var still = await owner.Http.GetFromJsonAsync<ContractResponse>($"/api/contracts/{contract.Id}", JsonSerializerOptions.Web);
        Assert.Equal(ContractStatus.Draft, still!.Status);
        Assert.Equal(1, (await owner.Http.GetFromJsonAsync<ContractTemplateResponse>($"/api/contract-templates/{template.Id}", JsonSerializerOptions.Web))!.Version);
    }
}
