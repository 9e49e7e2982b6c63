using System.Net.Http.Json;
using AgentLocator.Api.Calls;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.FakeProviders;
using AgentLocator.Grains.Calls;
using AgentLocator.Grains.Calls.Providers;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLocator.Api.Tests.Calls;

/// <summary>
/// The product with no OpenAI key and no Google credentials (the shared test API has none): calls are still
/// answered, recorded and stored, the caller hears the fallback, and the agent gets a call-back task.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class EmbeddedDefaultCallTests(AgentLocatorApiFactory api) : IAsyncLifetime
{
    /// <summary>Only Twilio's recording URL is faked here: it is where Twilio keeps recordings, keys or not.</summary>
    private FakeProviders.FakeProviders fakes = null!;

    public async Task InitializeAsync() => fakes = await FakeProviders.FakeProviders.StartAsync();

    public async Task DisposeAsync() => await fakes.DisposeAsync();

    [Fact]
    public async Task Without_keys_the_caller_hears_the_fallback_and_the_agent_gets_a_call_back_task()
    {
        var (_, admin, caller) = await api.NewBusinessCallAsync();
        await caller.IncomingAsync();
        var url = fakes.Twilio.AddRecording(FakeAudio.SpeechWav(TimeSpan.FromSeconds(3)));

        var hold = await caller.RecordingAsync(TwilioCaller.NewRecordingSid(), url, 3);
        var answer = await caller.FollowAsync(hold.Element("Redirect")!);

        Assert.Equal(["Say", "Hangup"], TwilioCaller.Verbs(answer));
        Assert.Equal(CallGreetings.DefaultFallbackMessage, answer.Element("Say")!.Value);
        Assert.Equal("he-IL", answer.Element("Say")!.Attribute("language")?.Value);

        await caller.StatusAsync("completed", 20);
        var call = await api.ProcessedAsync(caller);
        Assert.Equal(CallDisposition.Message, call.Disposition);
        Assert.Null(call.Summary);
        await using (var db = api.CreateDbContext())
        {
            var task = await db.Tasks.IgnoreQueryFilters().SingleAsync(t => t.Id == call.FollowUpTaskId);
            Assert.StartsWith("להתקשר בחזרה", task.Title);
            Assert.Equal(admin.Id, task.AssigneeId);
        }

        using var client = await api.SignedInAsync(admin);
        var detail = await client.Http.GetFromJsonAsync<CallDetailResponse>($"/api/calls/{call.Id}");
        Assert.False(detail!.TranscriptionConfigured);
        Assert.Equal(TranscriptionProviders.None, detail.TranscriptionProvider);
        var turn = Assert.Single(detail.Turns);
        Assert.Null(turn.TranscribedBy);
        Assert.Equal((TurnState.NotConfigured, SpokenAs.Fallback), (turn.State, turn.SpokenAs));
        Assert.Null(turn.Transcript);
        // The recording is ours now: stored, and streamed to the agent.
        var recording = await client.Http.GetByteArrayAsync(turn.RecordingUrl);
        Assert.Equal(1, fakes.Twilio.Requests.Count);
        Assert.Equal(FakeAudio.SpeechWav(TimeSpan.FromSeconds(3)).Length, recording.Length);
    }

    [Fact]
    public async Task A_recording_that_cannot_be_downloaded_still_ends_the_call_politely()
    {
        var (_, _, caller) = await api.NewBusinessCallAsync();
        await caller.IncomingAsync();
        var missing = new Uri(fakes.BaseAddress, "2010-04-01/Accounts/AC0/Recordings/REmissing");

        var hold = await caller.RecordingAsync(TwilioCaller.NewRecordingSid(), missing, 3);
        var answer = await caller.FollowAsync(hold.Element("Redirect")!);
        while (answer.Element("Redirect") is { } again)
        {
            answer = await caller.FollowAsync(again);
        }

        Assert.Equal(["Say", "Hangup"], TwilioCaller.Verbs(answer));
        var turn = Assert.Single(await api.TurnsAsync(caller));
        Assert.Equal(TurnState.Failed, turn.State);
        Assert.Contains("download", turn.StagesJson);
    }

    [Fact]
    public async Task A_call_whose_status_never_came_is_finished_by_the_reconciler_with_a_call_back_task()
    {
        var (_, _, caller) = await api.NewBusinessCallAsync();
        await caller.IncomingAsync();
        await using (var db = api.CreateDbContext())
        {
            await db.Calls.IgnoreQueryFilters().Where(c => c.CallSid == caller.CallSid)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.UpdatedAt, DateTimeOffset.UtcNow.AddHours(-1)));
        }

        var handed = await api.Services.GetRequiredService<CallReconciler>().ReconcileAsync(default);

        Assert.True(handed >= 1);
        var call = await api.ProcessedAsync(caller);
        Assert.Equal((CallStatus.Completed, CallDisposition.NoMessage), (call.Status, call.Disposition));
        Assert.NotNull(call.FollowUpTaskId);
    }
}
