using System.Net;
using System.Net.Http.Json;
using AgentLocator.Api.Calls;
using AgentLocator.Api.Calls.Webhooks;
using AgentLocator.Api.Tests.Accounts;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tests.Calls;

/// <summary>
/// incoming_call answers from the dialled number's grain and writes the call with its caller in one transaction: what
/// the grain remembers must follow every change an admin or the operator makes, and the caller's side (the count, the
/// lead) must stay right when calls race each other.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class IncomingCallFromMemoryTests(AgentLocatorApiFactory api)
{
    [Fact]
    public async Task A_greeting_changed_after_a_call_is_heard_on_the_next_call()
    {
        var (business, admin, first) = await api.NewBusinessCallAsync();
        Assert.Contains(business.Name, (await first.IncomingAsync()).Element("Say")!.Value);
        using var client = await api.SignedInAsync(admin);

        using var saved = await client.Http.PutAsJsonAsync("/api/admin/call-settings",
            new CallSettingsRequest("ברוכים הבאים, זו ברכה חדשה.", null, null, null));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var next = new TwilioCaller(api, CustomerApiExtensions.NextMobile(), first.To);
        Assert.Equal("ברוכים הבאים, זו ברכה חדשה.", (await next.IncomingAsync()).Element("Say")!.Value);
    }

    [Fact]
    public async Task Suspending_after_a_call_is_heard_at_once_and_resuming_answers_again()
    {
        var (business, _, first) = await api.NewBusinessCallAsync();
        await first.IncomingAsync();
        using var operatorClient = api.OperatorClient();

        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostAsync($"/api/operator/businesses/{business.Id}/suspend", null)).StatusCode);
        var whileSuspended = await new TwilioCaller(api, CustomerApiExtensions.NextMobile(), first.To).IncomingAsync();
        Assert.Equal(CallerPrompts.ServiceUnavailable, whileSuspended.Elements().First().Value);

        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostAsync($"/api/operator/businesses/{business.Id}/resume", null)).StatusCode);
        var resumed = await new TwilioCaller(api, CustomerApiExtensions.NextMobile(), first.To).IncomingAsync();
        Assert.Contains("Record", TwilioCaller.Verbs(resumed));
    }

    [Fact]
    public async Task A_number_given_up_after_a_call_no_longer_reaches_the_business()
    {
        var (business, admin, first) = await api.NewBusinessCallAsync();
        await first.IncomingAsync();
        using var client = await api.SignedInAsync(admin);
        var replacement = "+97236" + Random.Shared.Next(100000, 999999);

        using var moved = await client.Http.PutAsJsonAsync("/api/admin/call-settings/twilio-number", new { number = replacement });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

        var toOld = await new TwilioCaller(api, CustomerApiExtensions.NextMobile(), first.To).IncomingAsync();
        Assert.Equal(CallerPrompts.NumberNotInService, toOld.Elements().First().Value);
        var toNew = new TwilioCaller(api, CustomerApiExtensions.NextMobile(), replacement);
        Assert.Contains("Record", TwilioCaller.Verbs(await toNew.IncomingAsync()));
        Assert.Equal(business.Id, (await api.CallAsync(toNew)).BusinessId);
    }

    [Fact]
    public async Task A_known_caller_renamed_between_calls_is_greeted_by_the_new_name_and_counted_each_time()
    {
        var (_, admin, first) = await api.NewBusinessCallAsync();
        using var client = await api.SignedInAsync(admin);
        var customer = await client.CreateCustomerAsync(new { name = "רות לוי", phone = first.From });
        Assert.Contains("רות לוי", (await first.IncomingAsync()).Element("Say")!.Value);

        using var renamed = await client.Http.PatchAsJsonAsync($"/api/crm/customers/{customer.Id}", new { name = "רותי לוי-כהן" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var second = new TwilioCaller(api, first.From, first.To);

        Assert.Contains("רותי לוי-כהן", (await second.IncomingAsync()).Element("Say")!.Value);
        await using var db = api.CreateDbContext();
        var stored = await db.Customers.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == customer.Id);
        Assert.Equal(2, stored.Calls);
        Assert.Equal(customer.Id, (await api.CallAsync(second)).CustomerId);
    }

    [Fact]
    public async Task A_caller_whose_customer_was_deleted_becomes_a_new_lead()
    {
        var (_, admin, first) = await api.NewBusinessCallAsync();
        using var client = await api.SignedInAsync(admin);
        var customer = await client.CreateCustomerAsync(new { name = "יעל ברק", phone = first.From });
        await first.IncomingAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await client.Http.DeleteAsync($"/api/crm/customers/{customer.Id}")).StatusCode);
        var second = new TwilioCaller(api, first.From, first.To);

        Assert.DoesNotContain("יעל ברק", (await second.IncomingAsync()).Element("Say")!.Value);
        var call = await api.CallAsync(second);
        Assert.NotNull(call.CustomerId);
        Assert.NotEqual(customer.Id, call.CustomerId);
        await using var db = api.CreateDbContext();
        var lead = await db.Customers.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == call.CustomerId);
        Assert.Equal((CustomerStatuses.Lead, first.From, 1), (lead.Status, lead.Phone, lead.Calls));
    }

    [Fact]
    public async Task Two_first_calls_from_one_number_at_once_make_one_lead_that_both_calls_count()
    {
        var (business, _, first) = await api.NewBusinessCallAsync();
        var second = new TwilioCaller(api, first.From, first.To);

        await Task.WhenAll(first.IncomingAsync(), second.IncomingAsync());

        await using var db = api.CreateDbContext(business.Id);
        var lead = Assert.Single(await db.Customers.AsNoTracking().Where(c => c.Phone == first.From).ToListAsync());
        Assert.Equal(2, lead.Calls);
        Assert.Equal(lead.Id, (await api.CallAsync(first)).CustomerId);
        Assert.Equal(lead.Id, (await api.CallAsync(second)).CustomerId);
        // One "new lead" card on the timeline, and one card per call.
        Assert.Equal(1, await db.TimelineEvents.CountAsync(e => e.CustomerId == lead.Id && e.Kind != "call"));
        Assert.Equal(2, await db.TimelineEvents.CountAsync(e => e.CustomerId == lead.Id && e.Kind == "call"));
    }

    [Fact]
    public async Task A_call_is_written_with_its_caller_in_one_update_and_one_batch_of_inserts()
    {
        var (business, admin, first) = await api.NewBusinessCallAsync();
        // Warm: the number's grain has read the business once.
        await first.IncomingAsync();
        using var client = await api.SignedInAsync(admin);
        await client.CreateCustomerAsync(new { name = "אורי שמש", phone = CustomerApiExtensions.NextMobile() });
        var known = new TwilioCaller(api, first.From, first.To);
        var newcomer = new TwilioCaller(api, CustomerApiExtensions.NextMobile(), first.To);

        using (var recording = api.DatabaseCommands.Record(business.Id))
        {
            await known.IncomingAsync();
            // The count on the customer (which is also the lookup), then the call row and its event in one batch.
            AssertWrittenInOneUpdateAndOneBatch(recording);
        }
        using (var recording = api.DatabaseCommands.Record(business.Id))
        {
            await newcomer.IncomingAsync();
            // No customer counted: the lead, its event, the call and its event in one batch.
            AssertWrittenInOneUpdateAndOneBatch(recording);
        }
    }

    /// <summary>
    /// On the request: one UPDATE, then one batch of INSERTs, nothing read. Besides them only the live views' reads of
    /// the new rows (the calls list by the call's id, the timeline by the event's), which run in the background, off the
    /// request, and may fall before, between or after (this test's earlier calls' too).
    /// </summary>
    private static void AssertWrittenInOneUpdateAndOneBatch(DatabaseCommandLog.Recording recording)
    {
        var statements = string.Join("\n---\n", recording.Statements);
        var onRequest = recording.Statements.Where(s => !IsLiveViewRead(s)).ToList();
        Assert.True(onRequest.Count == 2, statements);
        Assert.StartsWith("UPDATE customers SET calls = calls + 1", onRequest[0].TrimStart());
        Assert.StartsWith("INSERT INTO", onRequest[1].TrimStart());
    }

    private static bool IsLiveViewRead(string statement) =>
        statement.TrimStart().StartsWith("SELECT", StringComparison.Ordinal)
        && (statement.Contains("@callId", StringComparison.Ordinal) || statement.Contains("@change_Id", StringComparison.Ordinal));
}
