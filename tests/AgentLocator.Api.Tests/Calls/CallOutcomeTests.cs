using AgentLocator.Grains.Calls;
using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Api.Tests.Calls;

/// <summary>When an after-call outcome is stale, what it should be, and when the follow-up task may be rewritten.</summary>
public sealed class CallOutcomeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 30, 0, TimeSpan.Zero);

    private static Call CallOf(CallStatus status, int turnCount = 0, int outcomeTurns = 0, DateTimeOffset? processedAt = null, string? summary = null) =>
        new()
        {
            CallSid = "CA1", From = "+972501234567", To = "+97231234567", Status = status, TurnCount = turnCount,
            OutcomeTurns = outcomeTurns, ProcessedAt = processedAt, Summary = summary,
        };

    private static CallTurn Turn(TurnState state, string? transcript = null, string? recordingKey = null) =>
        new() { RecordingSid = "RE" + Guid.NewGuid().ToString("N"), State = state, Transcript = transcript, RecordingKey = recordingKey };

    [Fact]
    public void An_outcome_is_current_only_once_made_and_covering_every_turn()
    {
        var isStale = CallOutcome.IsStale.Compile();
        var unmade = CallOf(CallStatus.Completed, turnCount: 1);
        var covering = CallOf(CallStatus.Completed, turnCount: 1, outcomeTurns: 1, processedAt: Now);
        var behind = CallOf(CallStatus.Completed, turnCount: 2, outcomeTurns: 1, processedAt: Now);

        Assert.Equal((false, false), (CallOutcome.IsCurrent(unmade), isStale(unmade)));
        Assert.Equal((true, false), (CallOutcome.IsCurrent(covering), isStale(covering)));
        Assert.Equal((false, true), (CallOutcome.IsCurrent(behind), isStale(behind)));
    }

    [Fact]
    public void A_pending_turn_is_a_message_not_yet_covered()
    {
        var plan = CallOutcome.Plan(CallOf(CallStatus.Completed, turnCount: 2), [Turn(TurnState.Ready, "שלום"), Turn(TurnState.Pending)], canSummarize: true);

        Assert.Equal((CallDisposition.Message, 1, true), (plan.Disposition, plan.HandledTurns, plan.Summarize));
    }

    [Theory]
    [InlineData(CallStatus.InProgress, CallDisposition.InProgress)]
    [InlineData(CallStatus.Completed, CallDisposition.NoMessage)]
    [InlineData(CallStatus.NoAnswer, CallDisposition.Missed)]
    [InlineData(CallStatus.Canceled, CallDisposition.Missed)]
    public void Without_turns_the_status_decides(CallStatus status, CallDisposition expected)
    {
        var plan = CallOutcome.Plan(CallOf(status), [], canSummarize: true);

        Assert.Equal((expected, false), (plan.Disposition, plan.Summarize));
        Assert.Equal(expected != CallDisposition.InProgress, plan.HasOutcome);
    }

    [Fact]
    public void Silent_turns_and_failed_ones_with_nothing_kept_are_no_message()
    {
        var turns = new[] { Turn(TurnState.Silent), Turn(TurnState.Failed) };

        Assert.Equal(CallDisposition.NoMessage, CallOutcome.DispositionOf(CallOf(CallStatus.Completed, 2), turns));
        Assert.Equal(CallDisposition.Message, CallOutcome.DispositionOf(CallOf(CallStatus.Completed, 2), [Turn(TurnState.Failed, recordingKey: "k")]));
    }

    [Fact]
    public void The_summary_is_redone_only_when_turns_were_handled_since_the_last_one()
    {
        var heard = new[] { Turn(TurnState.Ready, "שלום") };

        Assert.False(CallOutcome.Plan(CallOf(CallStatus.Completed, 1, 1, Now, "סיכום"), heard, canSummarize: true).Summarize);
        Assert.True(CallOutcome.Plan(CallOf(CallStatus.Completed, 1, 0, Now, "סיכום"), heard, canSummarize: true).Summarize);
        Assert.True(CallOutcome.Plan(CallOf(CallStatus.Completed, 1, 1, Now), heard, canSummarize: true).Summarize);
        Assert.False(CallOutcome.Plan(CallOf(CallStatus.Completed, 1), heard, canSummarize: false).Summarize);
        Assert.False(CallOutcome.Plan(CallOf(CallStatus.Completed, 1), [Turn(TurnState.NotConfigured, recordingKey: "k")], canSummarize: true).Summarize);
    }

    [Fact]
    public void Only_an_open_task_still_carrying_our_text_may_be_rewritten()
    {
        var ours = CallOutcome.Fingerprint("להתקשר בחזרה לדנה", null);

        Assert.True(CallOutcome.MayRevise(TaskStatuses.Open, null, "להתקשר בחזרה לדנה", null, ours));
        Assert.False(CallOutcome.MayRevise(TaskStatuses.Done, null, "להתקשר בחזרה לדנה", null, ours));
        Assert.False(CallOutcome.MayRevise(TaskStatuses.Open, Now, "להתקשר בחזרה לדנה", null, ours));
        Assert.False(CallOutcome.MayRevise(TaskStatuses.Open, null, "להתקשר בחזרה לדנה", "התקשרתי, לא ענתה", ours));
        Assert.False(CallOutcome.MayRevise(TaskStatuses.Open, null, "להתקשר בחזרה לדנה", null, lastWritten: null));
        Assert.NotEqual(CallOutcome.Fingerprint("a", "b"), CallOutcome.Fingerprint("ab", null));
    }
}
