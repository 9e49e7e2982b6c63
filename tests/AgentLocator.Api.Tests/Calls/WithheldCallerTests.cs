using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Calls;
using AgentLocator.Api.Customers;
using AgentLocator.Api.Tasks;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.FakeProviders;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tests.Calls;

/// <summary>
/// Callers who withhold their number, over real HTTP with signed webhooks: their message reaches the business's
/// default agent as a task without a customer, no customer is made for them, and the call list says "מספר חסוי".
/// </summary>
public sealed class WithheldCallerTests(CallPipelineFixture api) : IClassFixture<CallPipelineFixture>, IDisposable
{
    private const string Withheld = "מספר חסוי";

    public void Dispose() => api.Fakes.Reset();

    /// <summary>What Twilio puts in From for such callers: the words, the keypad numbers, browser and SIP identities, nothing.</summary>
    public static TheoryData<string> WithheldFroms => new(
        "anonymous", "Restricted", "+266696687", "+7378742833", "+86282452253", "+8656696", "+2562533",
        "client:visitor", "sip:caller@example.sip.twilio.com", "");

    [Theory]
    [MemberData(nameof(WithheldFroms))]
    public async Task A_message_from_a_withheld_caller_becomes_one_task_for_the_default_agent_without_a_customer(string from)
    {
        var (business, admin, caller) = await api.NewBusinessCallAsync(from);
        var defaultAgent = await DefaultAgentAsync(business);
        await LeaveMessageAsync(caller);

        var call = await api.ProcessedAsync(caller);
        Assert.Equal(CallDisposition.Message, call.Disposition);
        Assert.Null(call.CustomerId);
        await using (var db = api.CreateDbContext())
        {
            Assert.False(await db.Customers.IgnoreQueryFilters().AnyAsync(c => c.BusinessId == business.Id));
            var task = Assert.Single(await db.Tasks.IgnoreQueryFilters().Where(t => t.BusinessId == business.Id).ToListAsync());
            Assert.Equal(call.FollowUpTaskId, task.Id);
            Assert.Equal(("הודעה ממספר חסוי", defaultAgent.Id, (Guid?)null, (Guid?)call.Id), (task.Title, task.AssigneeId, task.CustomerId, task.CallId));
            Assert.Contains(FakeOpenAI.DefaultTranscript, task.Notes);
            Assert.EndsWith($"/calls/{call.Id}", task.Notes);
        }

        using var client = await api.SignedInAsync(admin);
        var list = await client.Http.GetFromJsonAsync<PagedResponse<CallListItem>>("/api/calls");
        var row = Assert.Single(list!.Items);
        Assert.Equal((Withheld, (Guid?)null), (row.FromDisplay, row.Customer?.Id));
        var detail = await client.Http.GetFromJsonAsync<CallDetailResponse>($"/api/calls/{call.Id}");
        Assert.Equal(Withheld, detail!.FromDisplay);
        Assert.Equal("הודעה ממספר חסוי", detail.Task?.Title);

        // The task API answers it with no customer and the call it came from.
        var tasks = await client.Http.GetFromJsonAsync<PagedResponse<TaskResponse>>("/api/tasks?assignee=all", JsonSerializerOptions.Web);
        var listed = Assert.Single(tasks!.Items);
        Assert.Equal((null, null), (listed.CustomerId, listed.Customer));
        Assert.Equal(new TaskCallResponse(call.Id, Withheld), listed.Call);
        var read = await client.Http.GetFromJsonAsync<TaskResponse>($"/api/tasks/{listed.Id}", JsonSerializerOptions.Web);
        Assert.Equal(listed, read);
    }

    [Fact]
    public async Task The_default_agent_can_work_the_task_without_a_customer()
    {
        var (business, _, caller) = await api.NewBusinessCallAsync("anonymous");
        await api.CallbacksAtOnceAsync(business);
        var defaultAgent = await DefaultAgentAsync(business);
        await LeaveMessageAsync(caller);
        var call = await api.ProcessedAsync(caller);

        // The alert went out (SignalR and Web Push to the agent), carried by the same grain path as any task's.
        await api.EventuallyAsync(async () =>
        {
            await using var db = api.CreateDbContext();
            return await db.TaskAlerts.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(a => a.TaskId == call.FollowUpTaskId);
        }, alert => alert.DeliveredAt is not null, "the alert of the withheld caller's task");

        using var agent = await api.SignedInAsync(defaultAgent);
        // Due now: it is already ringing for the agent.
        var ringing = await agent.Http.GetFromJsonAsync<List<TaskResponse>>("/api/tasks/due", JsonSerializerOptions.Web);
        var due = Assert.Single(ringing!);
        Assert.Equal((call.FollowUpTaskId, (Guid?)null, (Guid?)call.Id), ((Guid?)due.Id, due.Customer?.Id, due.Call?.Id));

        using (var snoozed = await agent.Http.PostAsJsonAsync($"/api/tasks/{due.Id}/snooze", new { minutes = 15 }))
        {
            Assert.Equal(HttpStatusCode.OK, snoozed.StatusCode);
            var body = await snoozed.Content.ReadFromJsonAsync<TaskResponse>(JsonSerializerOptions.Web);
            Assert.Equal((null, Withheld), (body!.Customer, body.Call?.FromDisplay));
        }
        using (var edited = await agent.Http.PatchAsJsonAsync($"/api/tasks/{due.Id}", new { title = "לבדוק את ההודעה" }))
        {
            Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        }
        using (var done = await agent.Http.PostAsync($"/api/tasks/{due.Id}/done", null))
        {
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
            var body = await done.Content.ReadFromJsonAsync<TaskResponse>(JsonSerializerOptions.Web);
            Assert.Equal(("done", "לבדוק את ההודעה", (Guid?)null), (body!.Status, body.Title, body.CustomerId));
        }
    }

    [Fact]
    public async Task A_withheld_caller_who_leaves_no_message_makes_no_task_since_nobody_can_be_called_back()
    {
        var (business, _, caller) = await api.NewBusinessCallAsync("anonymous");
        await caller.IncomingAsync();
        await caller.StatusAsync("completed", 4);

        var call = await api.ProcessedAsync(caller);
        Assert.Equal((CallDisposition.NoMessage, (Guid?)null, (Guid?)null), (call.Disposition, call.CustomerId, call.FollowUpTaskId));
        await using var db = api.CreateDbContext();
        Assert.False(await db.Tasks.IgnoreQueryFilters().AnyAsync(t => t.BusinessId == business.Id));
        Assert.False(await db.Customers.IgnoreQueryFilters().AnyAsync(c => c.BusinessId == business.Id));
    }

    [Fact]
    public async Task Creating_a_task_through_the_api_still_needs_a_customer()
    {
        var (_, admin, _) = await api.NewBusinessCallAsync();
        using var client = await api.SignedInAsync(admin);

        using var response = await client.Http.PostAsJsonAsync("/api/tasks", new { title = "בלי לקוח", due_at = DateTimeOffset.UtcNow.AddHours(1) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty("customer_id", out _));
    }

    /// <summary>A second user chosen as the business's default agent, so the task goes to them and not to the admin.</summary>
    private async Task<User> DefaultAgentAsync(Business business)
    {
        var agent = await api.CreateUserAsync(business.Name);
        await using var db = api.CreateDbContext();
        await db.Businesses.Where(b => b.Id == business.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.DefaultAgentId, agent.Id));
        return agent;
    }

    /// <summary>The caller speaks once (transcribed by the fake OpenAI), hears the reply, and hangs up.</summary>
    private async Task LeaveMessageAsync(TwilioCaller caller)
    {
        api.Fakes.OpenAI.Reply = "תודה, נחזור אליך. " + Guid.NewGuid().ToString("N")[..6];
        await caller.IncomingAsync();
        var hold = await caller.RecordingAsync(TwilioCaller.NewRecordingSid(), api.Fakes.Twilio.AddRecording(FakeAudio.SpeechWav(TimeSpan.FromSeconds(3))), 3);
        var reply = await caller.FollowAsync(hold.Element("Redirect")!);
        while (reply.Element("Redirect") is { } again)
        {
            reply = await caller.FollowAsync(again);
        }
        await caller.StatusAsync("completed", 15);
    }
}
