using System.Linq.Expressions;
using System.Security.Cryptography;
using System.Text;
using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Grains.Calls;

/// <summary>What the after-call work should do now: the disposition, whether to (re)summarize, and the turns it covers.</summary>
/// <param name="Disposition">What the call amounted to; <see cref="CallDisposition.InProgress"/> means there is no outcome yet.</param>
/// <param name="HandledTurns">The turns whose pipeline is done (or gave up): the outcome covers these.</param>
/// <param name="Summarize">Ask the chat model for a (new) summary.</param>
public sealed record CallOutcomePlan(CallDisposition Disposition, int HandledTurns, bool Summarize)
{
    public bool HasOutcome => Disposition != CallDisposition.InProgress;
}

/// <summary>
/// The after-call outcome as a function of the call's state, not of which of Twilio's callbacks came first. The
/// status callback and a hung-up recording's handle_recording arrive in either order, and a recording or transcript
/// can land after the outcome was made; <see cref="Call.OutcomeTurns"/> records how many handled turns an outcome
/// covers, so "stale" is a plain comparison (and a query for the reconciler).
/// </summary>
public static class CallOutcome
{
    /// <summary>The stored outcome covers every turn the call has, each one handled: nothing to redo.</summary>
    public static bool IsCurrent(Call call) => call.ProcessedAt is not null && call.OutcomeTurns >= call.TurnCount;

    /// <summary>An outcome was made, but a turn came or finished after it (or a crash fell between the two).</summary>
    public static Expression<Func<Call, bool>> IsStale { get; } = c => c.ProcessedAt != null && c.OutcomeTurns < c.TurnCount;

    /// <summary>Handled: the pipeline is done, or gave up (after the download attempts, or a failed stage).</summary>
    public static int HandledTurns(IEnumerable<CallTurn> turns) => turns.Count(t => t.State != TurnState.Pending);

    public static CallOutcomePlan Plan(Call call, IReadOnlyList<CallTurn> turns, bool canSummarize)
    {
        var handled = HandledTurns(turns);
        var disposition = DispositionOf(call, turns);
        var heard = turns.Any(t => !string.IsNullOrWhiteSpace(t.Transcript));
        // A summary is redone only when turns were handled since the last one: retried callbacks cost no model call.
        var summarize = canSummarize && heard && disposition != CallDisposition.InProgress
            && (call.Summary is null || call.ProcessedAt is null || handled != call.OutcomeTurns);
        return new CallOutcomePlan(disposition, handled, summarize);
    }

    /// <summary>A message counts when the caller said something we kept (silent ones do not).</summary>
    public static CallDisposition DispositionOf(Call call, IReadOnlyList<CallTurn> turns)
    {
        if (turns.Any(t => t.State != TurnState.Silent && (t.State != TurnState.Failed || !string.IsNullOrWhiteSpace(t.Transcript) || t.RecordingKey is not null)))
        {
            return CallDisposition.Message;
        }
        if (turns.Count == 0 && call.Status is CallStatus.Busy or CallStatus.NoAnswer or CallStatus.Failed or CallStatus.Canceled)
        {
            return CallDisposition.Missed;
        }
        if (!call.Status.IsFinal() && turns.Count == 0)
        {
            return CallDisposition.InProgress;
        }
        return CallDisposition.NoMessage;
    }

    /// <summary>
    /// Whether a later outcome may rewrite the follow-up task: only while it is open, not deleted, and still carries
    /// exactly the text we last wrote. A task an agent completed, deleted or edited by hand is theirs and is left
    /// alone (the call page still shows the new summary and transcript).
    /// </summary>
    public static bool MayRevise(string taskStatus, DateTimeOffset? deletedAt, string title, string? notes, string? lastWritten) =>
        taskStatus == TaskStatuses.Open && deletedAt is null && lastWritten is not null && Fingerprint(title, notes) == lastWritten;

    /// <summary>A short, stable fingerprint of a task's text (hex SHA-256), so the call row need not keep a copy of it.</summary>
    public static string Fingerprint(string title, string? notes) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(title + "\u0000" + (notes ?? ""))));
}
