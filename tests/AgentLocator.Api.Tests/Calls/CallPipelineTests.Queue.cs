using AgentLocator.Api.Calls;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.FakeProviders;
using AgentLocator.Grains.Calls.Pipeline;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLocator.Api.Tests.Calls;

// The ack (handle_recording) against the pipelines it queues: Calls:PipelineConcurrency is 2 in this fixture.
public sealed partial class CallPipelineTests
{
    [Fact]
    public async Task An_ack_answers_while_every_pipeline_worker_is_held_and_the_queued_turns_complete_in_order_once_released()
    {
        var queue = api.Services.GetRequiredService<TurnPipelineQueue>();
        var limit = queue.Concurrency;
        var gate = Fakes.OpenAI.TranscriptionGate;
        var (first, _, firstCaller) = await api.NewBusinessCallAsync();
        var others = new List<TwilioCaller>();
        for (var i = 0; i < limit + 1; i++)
        {
            others.Add((await api.NewBusinessCallAsync()).Caller);
        }
        var late = (await api.NewBusinessCallAsync()).Caller;
        foreach (var caller in others.Append(firstCaller).Append(late))
        {
            await caller.IncomingAsync();
        }

        gate.Close();
        try
        {
            // More turns than workers: the first call's two (its second waits for its first), and one on each other call.
            Assert.Equal(["Play", "Redirect"], TwilioCaller.Verbs(await firstCaller.RecordingAsync(TwilioCaller.NewRecordingSid(), Speech(), 3)));
            foreach (var caller in others)
            {
                Assert.Equal(["Play", "Redirect"], TwilioCaller.Verbs(await caller.RecordingAsync(TwilioCaller.NewRecordingSid(), Speech(), 3)));
            }
            Assert.Equal(["Play", "Redirect"], TwilioCaller.Verbs(await firstCaller.RecordingAsync(TwilioCaller.NewRecordingSid(), Speech(), 3)));
            await api.EventuallyAsync(() => Task.FromResult<int?>(gate.Waiting), waiting => waiting == limit, "every worker held at the transcription");

            // Every worker is held and turns wait for one: another call's ack still answers hold audio and the redirect.
            var hold = await late.RecordingAsync(TwilioCaller.NewRecordingSid(), Speech(), 3);
            Assert.Equal(["Play", "Redirect"], TwilioCaller.Verbs(hold));
            Assert.Equal("/webhook/call_reply?turn=1&attempt=1", hold.Element("Redirect")!.Value);
            Assert.True(queue.Waiting >= others.Count + 2 - limit, $"{queue.Waiting} turns wait for a worker");
            Assert.Equal(limit, gate.Waiting);
            foreach (var caller in others.Append(firstCaller).Append(late))
            {
                Assert.All(await TurnsAsync(caller), turn => Assert.Equal(TurnState.Pending, turn.State));
            }
        }
        finally
        {
            gate.Open();
        }

        foreach (var caller in others.Append(late))
        {
            var turn = await api.EventuallyAsync(async () => (await TurnsAsync(caller)).SingleOrDefault(), t => t.State != TurnState.Pending, "a queued turn");
            Assert.Equal((TurnState.Ready, FakeOpenAI.DefaultTranscript), (turn.State, turn.Transcript));
        }
        var turns = await api.EventuallyAsync(async () => await TurnsAsync(firstCaller), t => t.Count == 2 && t.All(turn => turn.State != TurnState.Pending), "the first call's two turns");
        Assert.All(turns, turn => Assert.Equal(TurnState.Ready, turn.State));
        // Never more transcriptions at once than workers.
        Assert.Equal(limit, gate.PeakWaiting);
        // In order: the second turn's reply was written with the first turn's exchange before it.
        var replies = Fakes.OpenAI.Chats.All.Where(c => !c.IsSummary && (c.SystemPrompt + c.LastUserMessage).Contains(first.Name)).ToList();
        Assert.Equal([1, 2], replies.Select(c => c.Messages.Count(m => m.Role == "user")));
    }

    [Fact]
    public async Task A_turn_whose_queued_pipeline_died_with_the_process_is_run_when_the_reconciler_finishes_the_call()
    {
        var (_, _, caller) = await api.NewBusinessCallAsync();
        await caller.IncomingAsync();
        var call = await api.CallAsync(caller);

        // As a crash leaves it: the ack stored the turn (pending) and answered; the queue holding its pipeline is gone.
        await using (var db = api.CreateDbContext())
        {
            var now = DateTimeOffset.UtcNow;
            db.CallTurns.Add(new CallTurn
            {
                Id = Guid.CreateVersion7(), BusinessId = call.BusinessId, CallId = call.Id, Number = 1, RecordingSid = TwilioCaller.NewRecordingSid(),
                RecordingUrl = Speech().ToString(), RecordingSeconds = 3, State = TurnState.Pending, CreatedAt = now, UpdatedAt = now,
            });
            await db.SaveChangesAsync();
            await db.Calls.IgnoreQueryFilters().Where(c => c.Id == call.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.TurnCount, 1).SetProperty(c => c.UpdatedAt, now.AddHours(-1)));
        }

        Assert.True(await api.Services.GetRequiredService<CallReconciler>().ReconcileAsync(default) >= 1);

        var turn = await api.EventuallyAsync(async () => (await TurnsAsync(caller)).SingleOrDefault(), t => t.State != TurnState.Pending, "the resumed turn");
        Assert.Equal((TurnState.Ready, FakeOpenAI.DefaultTranscript), (turn.State, turn.Transcript));
        var done = await api.CurrentOutcomeAsync(caller, turns: 1);
        Assert.Equal(CallDisposition.Message, done.Disposition);
    }
}
