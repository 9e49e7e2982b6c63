using System.Net;
using System.Net.Http.Json;
using AgentLocator.Api.Calls;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.FakeProviders;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLocator.Api.Tests.Calls;

/// <summary>How Twilio's status callback and the hung-up (or late) recording can meet.</summary>
public enum CallbackOrder
{
    /// <summary>call_status "completed" is handled (and the after-call work done) before handle_recording arrives.</summary>
    StatusFirst,

    /// <summary>handle_recording (Digits=hangup) first, then call_status.</summary>
    RecordingFirst,

    /// <summary>Both posted at the same moment.</summary>
    Together,

    /// <summary>call_status first; then a recording the caller ended with '*' just before hanging up (its hold answer is never played).</summary>
    StarRecordingAfterCompleted,
}

/// <summary>
/// The after-call outcome is a function of the call's state, not of the order of Twilio's callbacks: every ordering
/// ends with the same disposition, summary and one follow-up task holding the message. Over real HTTP, signed.
/// </summary>
public sealed class CallbackOrderTests(CallPipelineFixture api) : IClassFixture<CallPipelineFixture>, IDisposable
{
    private FakeProviders.FakeProviders Fakes => api.Fakes;

    public void Dispose() => Fakes.Reset();

    private Uri Speech() => Fakes.Twilio.AddRecording(FakeAudio.SpeechWav(TimeSpan.FromSeconds(3)));

    [Theory]
    [InlineData(CallbackOrder.StatusFirst)]
    [InlineData(CallbackOrder.RecordingFirst)]
    [InlineData(CallbackOrder.Together)]
    [InlineData(CallbackOrder.StarRecordingAfterCompleted)]
    public async Task Every_ordering_of_status_and_recording_leaves_the_message_in_one_task(CallbackOrder order)
    {
        var (_, admin, caller) = await api.NewBusinessCallAsync();
        await caller.IncomingAsync();
        var recordingSid = TwilioCaller.NewRecordingSid();
        var url = Speech();

        switch (order)
        {
            case CallbackOrder.StatusFirst:
                await caller.StatusAsync("completed", 9);
                // The call is finished with nothing heard before the recording is even posted.
                Assert.Equal(CallDisposition.NoMessage, (await api.ProcessedAsync(caller)).Disposition);
                Assert.Equal(["Hangup"], TwilioCaller.Verbs(await caller.RecordingAsync(recordingSid, url, 4, digits: "hangup")));
                break;
            case CallbackOrder.RecordingFirst:
                Assert.Equal(["Hangup"], TwilioCaller.Verbs(await caller.RecordingAsync(recordingSid, url, 4, digits: "hangup")));
                await caller.StatusAsync("completed", 9);
                break;
            case CallbackOrder.Together:
                var status = caller.StatusAsync("completed", 9);
                var recording = caller.RecordingAsync(recordingSid, url, 4, digits: "hangup");
                await Task.WhenAll(status, recording);
                Assert.Equal(["Hangup"], TwilioCaller.Verbs(await recording));
                break;
            case CallbackOrder.StarRecordingAfterCompleted:
                await caller.StatusAsync("completed", 9);
                Assert.Equal(CallDisposition.NoMessage, (await api.ProcessedAsync(caller)).Disposition);
                // Twilio posts the action, but nobody is left to hear its hold audio or follow its redirect.
                Assert.Equal(["Play", "Redirect"], TwilioCaller.Verbs(await caller.RecordingAsync(recordingSid, url, 4, digits: "*")));
                break;
        }

        var call = await api.CurrentOutcomeAsync(caller, turns: 1);
        Assert.Equal((CallStatus.Completed, CallDisposition.Message, "appointment"), (call.Status, call.Disposition, call.Intent));
        Assert.Equal("המתקשר מבקש לקבוע פגישה.", call.Summary);
        await using var db = api.CreateDbContext();
        var task = Assert.Single(await db.Tasks.IgnoreQueryFilters().Where(t => t.CustomerId == call.CustomerId).ToListAsync());
        Assert.Equal(call.FollowUpTaskId, task.Id);
        var name = await db.Customers.IgnoreQueryFilters().Where(c => c.Id == call.CustomerId).Select(c => c.Name).SingleAsync();
        Assert.Equal($"לחזור ל{name} בעקבות הודעה", task.Title);
        Assert.Equal($"{call.Summary}\nהמתקשר: {FakeOpenAI.DefaultTranscript}", task.Notes);
        Assert.Equal((TaskStatuses.Open, admin.Id), (task.Status, task.AssigneeId));
        // One transcription and one summary however many times the work ran.
        Assert.Equal(1, Fakes.OpenAI.Transcriptions.Count);
        Assert.Single(Fakes.OpenAI.Chats.All, c => c.IsSummary);
    }

    [Fact]
    public async Task A_too_short_recording_after_completed_is_taken_into_the_outcome()
    {
        var (_, _, caller) = await api.NewBusinessCallAsync();
        await caller.IncomingAsync();
        await caller.StatusAsync("completed", 9);
        var before = await api.ProcessedAsync(caller);

        // Too short to download: it never reaches the pipeline, yet the outcome must cover it.
        await caller.RecordingAsync(TwilioCaller.NewRecordingSid(), Speech(), 0);

        var call = await api.CurrentOutcomeAsync(caller, turns: 1);
        Assert.Equal((CallDisposition.NoMessage, before.FollowUpTaskId), (call.Disposition, call.FollowUpTaskId));
        Assert.Equal(0, Fakes.OpenAI.Transcriptions.Count);
    }

    [Fact]
    public async Task The_reconciler_repairs_an_outcome_left_stale_by_a_crash()
    {
        var (_, _, caller) = await api.NewBusinessCallAsync();
        await caller.IncomingAsync();
        await caller.StatusAsync("completed", 9);
        var before = await api.ProcessedAsync(caller);
        Assert.Equal(CallDisposition.NoMessage, before.Disposition);

        // As a crash would leave it: the recording was handled and its turn stored, the outcome never made again.
        await using (var db = api.CreateDbContext())
        {
            var now = DateTimeOffset.UtcNow;
            db.CallTurns.Add(new CallTurn
            {
                Id = Guid.CreateVersion7(), BusinessId = before.BusinessId, CallId = before.Id, Number = 1, RecordingSid = TwilioCaller.NewRecordingSid(),
                HungUp = true, State = TurnState.Ready, Transcript = FakeOpenAI.DefaultTranscript, RecordingSeconds = 4,
                CreatedAt = now, UpdatedAt = now,
            });
            await db.SaveChangesAsync();
            await db.Calls.IgnoreQueryFilters().Where(c => c.Id == before.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.TurnCount, 1).SetProperty(c => c.UpdatedAt, now.AddHours(-1)));
        }

        var handed = await api.Services.GetRequiredService<CallReconciler>().ReconcileAsync(default);

        Assert.True(handed >= 1);
        var call = await api.CurrentOutcomeAsync(caller, turns: 1);
        Assert.Equal((CallDisposition.Message, "המתקשר מבקש לקבוע פגישה."), (call.Disposition, call.Summary));
        Assert.Equal(before.FollowUpTaskId, call.FollowUpTaskId);
        await using var check = api.CreateDbContext();
        var task = Assert.Single(await check.Tasks.IgnoreQueryFilters().Where(t => t.CustomerId == call.CustomerId).ToListAsync());
        Assert.EndsWith("בעקבות הודעה", task.Title);
        Assert.Contains(FakeOpenAI.DefaultTranscript, task.Notes);
    }

    [Fact]
    public async Task Retried_and_late_final_statuses_leave_the_current_outcome_alone()
    {
        var (_, _, caller) = await api.NewBusinessCallAsync();
        await caller.IncomingAsync();
        await caller.RecordingAsync(TwilioCaller.NewRecordingSid(), Speech(), 4, digits: "hangup");
        await caller.StatusAsync("completed", 9);
        var first = await api.CurrentOutcomeAsync(caller, turns: 1);

        await caller.StatusAsync("completed", 9);
        await caller.StatusAsync("canceled", 0);
        await api.Services.GetRequiredService<CallReconciler>().ReconcileAsync(default);
        await api.Services.GetRequiredService<IGrainFactory>().GetGrain<Grains.Abstractions.ICallGrain>(caller.CallSid).Finish();

        var call = await api.CallAsync(caller);
        Assert.Equal((CallStatus.Completed, 9, first.UpdatedAt), (call.Status, call.DurationSeconds, call.UpdatedAt));
        Assert.Single(Fakes.OpenAI.Chats.All, c => c.IsSummary);
    }
}

/// <summary>The pipeline fixture with a 1 s after-call wait, so a slow transcript lands after the outcome was made.</summary>
public sealed class ShortFinishWaitFixture : CallPipelineFixture
{
    public override Task InitializeAsync()
    {
        WithSetting("Calls:FinishWait", "00:00:01");
        return base.InitializeAsync();
    }
}

/// <summary>A transcript that comes after the after-call work ran brings the outcome and the same task up to date.</summary>
public sealed class LateTranscriptTests(ShortFinishWaitFixture api) : IClassFixture<ShortFinishWaitFixture>, IDisposable
{
    private FakeProviders.FakeProviders Fakes => api.Fakes;

    public void Dispose() => Fakes.Reset();

    /// <summary>The caller hangs up on a message whose transcription is slow; returns the outcome made without it.</summary>
    private async Task<(Call Interim, AgentTask Task)> HangUpOnASlowTranscriptionAsync(TwilioCaller caller)
    {
        await caller.IncomingAsync();
        Fakes.OpenAI.Faults.Delay = TimeSpan.FromSeconds(6);
        await caller.RecordingAsync(TwilioCaller.NewRecordingSid(), Fakes.Twilio.AddRecording(FakeAudio.SpeechWav(TimeSpan.FromSeconds(3))), 4, digits: "hangup");
        var interim = await api.ProcessedAsync(caller);
        // Only the transcription in flight waits; the summary after it need not.
        Fakes.OpenAI.Faults.Delay = TimeSpan.Zero;
        Assert.Equal((CallDisposition.Message, 0, 1, null), (interim.Disposition, interim.OutcomeTurns, interim.TurnCount, interim.Summary));
        await using var db = api.CreateDbContext();
        var task = await db.Tasks.IgnoreQueryFilters().AsNoTracking().SingleAsync(t => t.Id == interim.FollowUpTaskId);
        Assert.StartsWith("להתקשר בחזרה", task.Title);
        Assert.Equal("השאיר הודעה קולית; ההקלטה בדף השיחה.", task.Notes);
        return (interim, task);
    }

    [Fact]
    public async Task A_late_transcript_updates_the_summary_and_the_same_task()
    {
        var (_, _, caller) = await api.NewBusinessCallAsync();
        var (interim, _) = await HangUpOnASlowTranscriptionAsync(caller);

        var call = await api.CurrentOutcomeAsync(caller, turns: 1);

        Assert.Equal((CallDisposition.Message, "המתקשר מבקש לקבוע פגישה."), (call.Disposition, call.Summary));
        Assert.Equal(interim.FollowUpTaskId, call.FollowUpTaskId);
        await using var db = api.CreateDbContext();
        var task = Assert.Single(await db.Tasks.IgnoreQueryFilters().Where(t => t.CustomerId == call.CustomerId).ToListAsync());
        Assert.EndsWith("בעקבות הודעה", task.Title);
        Assert.Equal($"{call.Summary}\nהמתקשר: {FakeOpenAI.DefaultTranscript}", task.Notes);
    }

    [Fact]
    public async Task A_task_the_agent_edited_meanwhile_is_left_as_they_wrote_it()
    {
        var (_, admin, caller) = await api.NewBusinessCallAsync();
        var (_, interimTask) = await HangUpOnASlowTranscriptionAsync(caller);
        using var agent = await api.SignedInAsync(admin);
        using var edited = await agent.Http.PatchAsJsonAsync($"/api/tasks/{interimTask.Id}", new { notes = "דיברתי איתו, מחכה להצעה" });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);

        var call = await api.CurrentOutcomeAsync(caller, turns: 1);

        Assert.Equal("המתקשר מבקש לקבוע פגישה.", call.Summary);
        await using var db = api.CreateDbContext();
        var task = await db.Tasks.IgnoreQueryFilters().AsNoTracking().SingleAsync(t => t.Id == interimTask.Id);
        Assert.Equal((interimTask.Title, "דיברתי איתו, מחכה להצעה"), (task.Title, task.Notes));
    }
}
