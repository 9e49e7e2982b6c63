using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Customers;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Data;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLocator.Api.Tests.Crm;

[Collection(ApiCollection.Name)]
public sealed class CustomerWriteTests(AgentLocatorApiFactory api)
{
    private async Task<ApiClient> AdminAsync()
    {
        var client = new ApiClient(api);
        await client.SignInAsync("admin@demo.local");
        return client;
    }

    [Fact]
    public async Task Create_answers_201_with_a_location_that_reads_back_the_customer()
    {
        using var admin = await AdminAsync();
        var phone = CustomerApiExtensions.NextMobile();

        var response = await admin.Http.PostAsJsonAsync("/api/crm/customers",
            new { name = "  רונית לוי ", phone = "0" + phone[4..], email = "Ronit@Example.COM", city = "חיפה", tags = new[] { "vip", "VIP", " ביטוח " } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<CustomerResponse>(JsonSerializerOptions.Web))!;
        Assert.Equal($"/api/crm/customers/{created.Id}", response.Headers.Location?.OriginalString);
        var read = await admin.Http.GetFromJsonAsync<CustomerResponse>(response.Headers.Location, JsonSerializerOptions.Web);
        Assert.Equal("רונית לוי", read!.Name);
        Assert.Equal(phone, read.Phone);
        Assert.Equal("ronit@example.com", read.Email);
        Assert.Equal("lead", read.Status);
        Assert.Equal(["vip", "ביטוח"], read.Tags);
        Assert.Equal(read.CreatedAt, read.LastActivityAt);
    }

    [Fact]
    public async Task Invalid_fields_are_all_named_in_one_400()
    {
        using var admin = await AdminAsync();

        var response = await admin.Http.PostAsJsonAsync("/api/crm/customers",
            new { phone = "12", email = "not-mail", status = "vip", tags = Enumerable.Range(0, 30).Select(i => $"t{i}") });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ProblemAsync()).GetProperty("errors");
        Assert.Equal(["name", "phone", "email", "status", "tags"], errors.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Wrongly_typed_fields_are_400_not_500()
    {
        using var admin = await AdminAsync();

        var response = await admin.Http.PostAsJsonAsync("/api/crm/customers", new { name = 5, tags = "vip" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ProblemAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("tags", out _));
    }

    [Fact]
    public async Task A_phone_another_customer_has_is_409_with_that_customers_id()
    {
        using var admin = await AdminAsync();
        var phone = CustomerApiExtensions.NextMobile();
        var first = await admin.CreateCustomerAsync(new { name = "ראשון", phone });
        var second = await admin.CreateCustomerAsync(new { name = "שני" });

        var onCreate = await admin.Http.PostAsJsonAsync("/api/crm/customers", new { name = "כפול", phone = "0" + phone[4..] });
        var onPatch = await admin.Http.PatchAsJsonAsync($"/api/crm/customers/{second.Id}", new { phone });

        foreach (var response in new[] { onCreate, onPatch })
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Equal(first.Id, (await response.ProblemAsync()).GetProperty("customerId").GetGuid());
        }
    }

    [Fact]
    public async Task Patch_changes_only_the_fields_sent_and_null_clears_one()
    {
        using var admin = await AdminAsync();
        var customer = await admin.CreateCustomerAsync(new { name = "משה", email = "moshe@example.com", city = "אילת" });

        var response = await admin.Http.PatchAsJsonAsync($"/api/crm/customers/{customer.Id}", new { email = (string?)null, status = "active" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patched = (await response.Content.ReadFromJsonAsync<CustomerResponse>(JsonSerializerOptions.Web))!;
        Assert.Equal("משה", patched.Name);
        Assert.Null(patched.Email);
        Assert.Equal("אילת", patched.City);
        Assert.Equal("active", patched.Status);
        Assert.True(patched.UpdatedAt > customer.UpdatedAt);
    }

    [Fact]
    public async Task Unknown_ids_are_404_on_every_customer_route()
    {
        using var admin = await AdminAsync();
        var missing = Guid.NewGuid();

        var responses = new[]
        {
            await admin.Http.GetAsync($"/api/crm/customers/{missing}"),
            await admin.Http.PatchAsJsonAsync($"/api/crm/customers/{missing}", new { name = "x" }),
            await admin.Http.DeleteAsync($"/api/crm/customers/{missing}"),
            await admin.Http.PostAsync($"/api/crm/customers/{missing}/restore", null),
            await admin.Http.GetAsync($"/api/crm/customers/{missing}/notes"),
            await admin.Http.PostAsJsonAsync($"/api/crm/customers/{missing}/notes", new { text = "x" }),
        };

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.NotFound, response.StatusCode));
    }

    [Fact]
    public async Task Delete_is_soft_and_an_admin_restores_it()
    {
        using var admin = await AdminAsync();
        using var agent = new ApiClient(api);
        await agent.SignInAsync("agent@demo.local");
        var phone = CustomerApiExtensions.NextMobile();
        var customer = await admin.CreateCustomerAsync(new { name = "למחיקה", phone });

        Assert.Equal(HttpStatusCode.NoContent, (await agent.Http.DeleteAsync($"/api/crm/customers/{customer.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.Http.GetAsync($"/api/crm/customers/{customer.Id}")).StatusCode);
        Assert.Empty((await agent.ListCustomersAsync("q=" + Uri.EscapeDataString(phone))).Items);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.Http.GetAsync($"/api/crm/customers/{customer.Id}?includeDeleted=true")).StatusCode);
        var asAdmin = await admin.Http.GetFromJsonAsync<CustomerResponse>($"/api/crm/customers/{customer.Id}?includeDeleted=true", JsonSerializerOptions.Web);
        Assert.NotNull(asAdmin!.DeletedAt);

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.Http.PostAsync($"/api/crm/customers/{customer.Id}/restore", null)).StatusCode);
        var restored = await admin.Http.PostAsync($"/api/crm/customers/{customer.Id}/restore", null);

        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.Equal(customer.Id, (await agent.ListCustomersAsync("q=" + Uri.EscapeDataString(phone))).Items.Single().Id);
    }

    [Fact]
    public async Task Deleting_frees_the_phone_and_a_restore_that_would_duplicate_it_is_409()
    {
        using var admin = await AdminAsync();
        var phone = CustomerApiExtensions.NextMobile();
        var old = await admin.CreateCustomerAsync(new { name = "ישן", phone });
        await admin.Http.DeleteAsync($"/api/crm/customers/{old.Id}");
        var replacement = await admin.CreateCustomerAsync(new { name = "חדש", phone });

        var restore = await admin.Http.PostAsync($"/api/crm/customers/{old.Id}/restore", null);

        Assert.Equal(HttpStatusCode.Conflict, restore.StatusCode);
        Assert.Equal(replacement.Id, (await restore.ProblemAsync()).GetProperty("customerId").GetGuid());
    }

    [Fact]
    public async Task Notes_are_listed_newest_first_and_move_last_activity()
    {
        using var admin = await AdminAsync();
        var customer = await admin.CreateCustomerAsync(new { name = "עם הערות" });

        Assert.Equal(HttpStatusCode.Created, (await admin.Http.PostAsJsonAsync($"/api/crm/customers/{customer.Id}/notes", new { text = "שיחה ראשונה" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.Http.PostAsJsonAsync($"/api/crm/customers/{customer.Id}/notes", new { text = "שיחה שנייה" })).StatusCode);
        var empty = await admin.Http.PostAsJsonAsync($"/api/crm/customers/{customer.Id}/notes", new { text = "  " });

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var notes = await admin.Http.GetFromJsonAsync<PagedResponse<NoteResponse>>($"/api/crm/customers/{customer.Id}/notes", JsonSerializerOptions.Web);
        Assert.Equal(["שיחה שנייה", "שיחה ראשונה"], notes!.Items.Select(n => n.Text));
        Assert.All(notes.Items, note => Assert.Equal("מנהלת הדגמה", note.AuthorName));
        var after = await admin.Http.GetFromJsonAsync<CustomerResponse>($"/api/crm/customers/{customer.Id}", JsonSerializerOptions.Web);
        Assert.True(after!.LastActivityAt > customer.LastActivityAt);
    }

    [Fact]
    public async Task Reported_activity_keeps_the_counters_and_last_activity_true()
    {
        using var admin = await AdminAsync();
        var customer = await admin.CreateCustomerAsync(new { name = "פעיל" });
        var grains = api.Services.GetRequiredService<IGrainFactory>();
        var business = (await api.BusinessNamedAsync(DevelopmentSeed.DemoBusinessName)).Id;
        var later = customer.CreatedAt.AddMinutes(5);
        Assert.Equal(0, customer.CreatedAt.Ticks % 10);

        await grains.GetGrain<ICustomerGrain>(customer.Id).RecordActivity(business, new CustomerActivity(later, OpenTasksDelta: 2, CallsDelta: 1));
        await grains.GetGrain<ICustomerGrain>(customer.Id).RecordActivity(business, new CustomerActivity(customer.CreatedAt, OpenTasksDelta: -3));
        var other = await grains.GetGrain<ICustomerGrain>(customer.Id)
            .RecordActivity((await api.BusinessNamedAsync(DevelopmentSeed.OtherBusinessName)).Id, new CustomerActivity(later, CallsDelta: 1));

        Assert.Equal(CustomerOutcome.NotFound, other.Outcome);
        var read = await admin.Http.GetFromJsonAsync<CustomerResponse>($"/api/crm/customers/{customer.Id}", JsonSerializerOptions.Web);
        Assert.Equal(0, read!.OpenTasks);
        Assert.Equal(1, read.Calls);
        Assert.Equal(later, read.LastActivityAt);
    }

    [Fact]
    public async Task The_unfiltered_total_follows_creates_and_deletes()
    {
        var (_, owner) = await api.CreateBusinessAsync();
        using var admin = new ApiClient(api);
        await admin.SignInAsync(owner.Email);
        var a = await admin.CreateCustomerAsync(new { name = "א" });
        await admin.CreateCustomerAsync(new { name = "ב" });
        Assert.Equal(2, (await admin.ListCustomersAsync("")).Page.Total);

        await admin.Http.DeleteAsync($"/api/crm/customers/{a.Id}");
        Assert.Equal(1, (await admin.ListCustomersAsync("")).Page.Total);

        await admin.Http.PostAsync($"/api/crm/customers/{a.Id}/restore", null);
        Assert.Equal(2, (await admin.ListCustomersAsync("")).Page.Total);
    }
}

[Collection(ApiCollection.Name)]
public sealed class CustomerSearchTotalTests(AgentLocatorApiFactory api)
{
    /// <summary>A whole number of 25-row pages, so the rows past it are one short page.</summary>
    private const int Bound = AgentLocator.Api.Customers.CustomerListQuery.MaxExactFilteredTotal;

    [Fact]
    public async Task A_broad_search_is_counted_up_to_the_bound_and_says_so()
    {
        var (business, owner) = await api.CreateBusinessAsync();
        await using (var db = api.CreateDbContext())
        {
            var now = DateTimeOffset.UtcNow;
            db.Customers.AddRange(Enumerable.Range(0, Bound + 10).Select(i => new AgentLocator.Grains.Data.Entities.Customer
            {
                Id = Guid.CreateVersion7(), BusinessId = business.Id, Name = $"כהן {i}", CreatedAt = now, UpdatedAt = now, LastActivityAt = now,
            }));
            db.Customers.Add(new AgentLocator.Grains.Data.Entities.Customer
            {
                Id = Guid.CreateVersion7(), BusinessId = business.Id, Name = "לוי", CreatedAt = now, UpdatedAt = now, LastActivityAt = now,
            });
            await db.SaveChangesAsync();
        }
        using var admin = new ApiClient(api);
        await admin.SignInAsync(owner.Email);

        var broad = await admin.ListCustomersAsync("q=" + Uri.EscapeDataString("כהן"));
        var narrow = await admin.ListCustomersAsync("q=" + Uri.EscapeDataString("לוי"));
        // The bound whatever the page's order.
        var broadByName = await admin.ListCustomersAsync("q=" + Uri.EscapeDataString("כהן") + "&sort=name");
        var pastTheCount = await admin.ListCustomersAsync("q=" + Uri.EscapeDataString("כהן") + $"&page={Bound / 25 + 1}&limit=25");
        var unfiltered = await admin.ListCustomersAsync("");

        Assert.Equal(((long)Bound, true, true), (broad.Page.Total!.Value, broad.Page.TotalIsLowerBound, broad.Page.HasNext));
        Assert.Equal((1L, false), (narrow.Page.Total!.Value, narrow.Page.TotalIsLowerBound));
        Assert.Equal(((long)Bound, true, "כהן 0"), (broadByName.Page.Total!.Value, broadByName.Page.TotalIsLowerBound, broadByName.Items[0].Name));
        Assert.Equal(10, pastTheCount.Items.Count);
        Assert.Equal((Bound + 10L, false, false), (pastTheCount.Page.Total!.Value, pastTheCount.Page.TotalIsLowerBound, pastTheCount.Page.HasNext));
        Assert.Equal((Bound + 11L, false), (unfiltered.Page.Total!.Value, unfiltered.Page.TotalIsLowerBound));
    }
}
