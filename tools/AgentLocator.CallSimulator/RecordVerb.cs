using System.Globalization;
using System.Xml.Linq;

namespace AgentLocator.CallSimulator;

/// <summary>
/// &lt;Record&gt; as Twilio plays it: the caller's next scripted turn is "recorded" (served from the fake recording
/// URL), the action is requested with the recording's fields and its TwiML continues the call, and the
/// recording status callback follows a little later. When the caller says nothing, Twilio does not request the
/// action and goes on with the next verb.
/// </summary>
internal sealed class RecordVerb(CallSession call)
{
    /// <summary>Twilio's finishOnKey when the attribute is absent.</summary>
    private const string DefaultFinishKeys = "1234567890*#";

    /// <summary>How long after the recording Twilio reports it ready, in simulated time.</summary>
    private static readonly TimeSpan StatusCallbackDelay = TimeSpan.FromSeconds(1);

    /// <returns>Skipped: go on with the next verb. Otherwise Next is the action's document, or null when the call ended.</returns>
    public async Task<(bool Skipped, TwimlDocument? Next)> RunAsync(XElement verb, string documentUrl, CancellationToken cancellationToken)
    {
        var turnNumber = ++call.RecordsStarted;
        var turn = call.Options.Turns.ElementAtOrDefault(turnNumber - 1) ?? CallerTurn.Nothing;
        var timeout = TimeSpan.FromSeconds(TwimlAttributes.Number(verb, "timeout") ?? 5);
        var maxLength = TwimlAttributes.Number(verb, "maxLength") ?? 3600;
        if (!turn.SaysSomething)
        {
            call.SkippedRecordings++;
            await call.Clock.AdvanceAsync(timeout, cancellationToken);
            call.Print(turn.HangsUp
                ? $"🎙️  turn {turnNumber}: the caller hangs up without a word"
                : $"🎙️  turn {turnNumber}: the caller says nothing; after {timeout.TotalSeconds:0} s Twilio skips the action and goes on");
            return (!turn.HangsUp, null);
        }

        var audio = turn.Audio!;
        // Twilio's default action is the document's own URL.
        var action = call.Urls.Resolve(documentUrl, TwimlAttributes.Text(verb, "action") ?? documentUrl);
        if (TwimlAttributes.Method(verb, "method", call) is not { } method)
        {
            return (false, null);
        }
        TimeSpan audioLength;
        try
        {
            audioLength = Wav.Duration(audio);
        }
        catch (InvalidDataException error)
        {
            call.Fail($"turn {turnNumber}'s audio cannot be recorded: {error.Message}");
            return (false, null);
        }

        // maxLength cuts the caller off (no key, no timeout); the served file stays whole, only its reported length is cut.
        var cutOff = audioLength.TotalSeconds >= maxLength;
        var seconds = Math.Min(audioLength.TotalSeconds, maxLength);
        var finishKeys = verb.Attribute("finishOnKey")?.Value ?? DefaultFinishKeys;
        var order = turn.HangsUp ? call.Options.HangUpOrder : HangUpOrder.RecordingFirst;
        var finishKey = finishKeys.Length == 0 ? "" : finishKeys.Contains('*') ? "*" : finishKeys[..1];
        // A caller who presses the key and hangs up at once leaves the key in Digits, not "hangup".
        var digits = turn.HangsUp && !(order == HangUpOrder.StarAfterCompleted && finishKey.Length > 0) ? "hangup"
            : (turn.PressesFinishKey || turn.HangsUp) && !cutOff ? finishKey
            : "";
        var waitsForTimeout = digits.Length == 0 && !cutOff;
        await call.Clock.AdvanceAsync(TimeSpan.FromSeconds(seconds) + (waitsForTimeout ? timeout : TimeSpan.Zero), cancellationToken);

        var duration = Math.Max(1, (int)Math.Round(seconds, MidpointRounding.AwayFromZero));
        var server = await call.RecordingServerAsync(cancellationToken);
        var recordingSid = TwilioIds.NewRecordingSid();
        var recordingUrl = server.Add(recordingSid, audio);
        var ending = turn.HangsUp
            ? (digits == "hangup" ? "then hangs up" : $"then presses {digits} and hangs up") + $" ({order.Name()})"
            : digits.Length > 0 ? $"then presses {digits}" : cutOff ? "and is cut off at maxLength" : "then falls silent";
        call.Print($"🎙️  turn {turnNumber}: the caller speaks {seconds:0.0} s, {ending} → {recordingUrl}");

        var fields = call.CallFields(turn.HangsUp ? "completed" : "in-progress");
        fields.AddRange(
        [
            new("Digits", digits), new("RecordingDuration", duration.ToString(CultureInfo.InvariantCulture)),
            new("RecordingSid", recordingSid), new("RecordingUrl", recordingUrl),
        ]);
        var reply = await PostActionAsync(order, method, action, fields, cancellationToken);
        call.Recordings.Add(new RecordingPosted(recordingSid, recordingUrl, duration, digits, action));
        SendStatusCallback(verb, documentUrl, recordingSid, recordingUrl, duration, cancellationToken);

        if (turn.HangsUp)
        {
            // The call is over: Twilio requests the action but has no one to play its answer to.
            call.Print("📴 the caller hung up; Twilio does not play the action's TwiML");
            return (false, null);
        }
        return (false, reply.Response is { } response ? new TwimlDocument(response, action) : null);
    }

    /// <summary>The action's request, and for a hang-up the call's status callback in the order asked for.</summary>
    private async Task<WebhookReply> PostActionAsync(HangUpOrder order, string method, string action,
        List<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        switch (order)
        {
            case HangUpOrder.StatusFirst or HangUpOrder.StarAfterCompleted:
                await call.PostFinalStatusAsync("completed", cancellationToken);
                return await call.SendAsync(method, action, fields, expectTwiml: true, cancellationToken);
            case HangUpOrder.Together:
                var status = call.PostFinalStatusAsync("completed", cancellationToken);
                var reply = call.SendAsync(method, action, fields, expectTwiml: true, cancellationToken);
                await Task.WhenAll(status, reply);
                return await reply;
            default:
                return await call.SendAsync(method, action, fields, expectTwiml: true, cancellationToken);
        }
    }

    private void SendStatusCallback(XElement verb, string documentUrl, string recordingSid, string recordingUrl, int duration,
        CancellationToken cancellationToken)
    {
        var events = TwimlAttributes.Text(verb, "recordingStatusCallbackEvent") ?? "completed";
        if (TwimlAttributes.Text(verb, "recordingStatusCallback") is not { } callback
            || !events.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).Contains("completed")
            || TwimlAttributes.Method(verb, "recordingStatusCallbackMethod", call) is not { } method)
        {
            return;
        }
        List<KeyValuePair<string, string>> fields =
        [
            new("AccountSid", call.AccountSid), new("CallSid", call.CallSid), new("RecordingChannels", "1"),
            new("RecordingDuration", duration.ToString(CultureInfo.InvariantCulture)), new("RecordingSid", recordingSid),
            new("RecordingSource", "RecordVerb"), new("RecordingStatus", "completed"), new("RecordingUrl", recordingUrl),
        ];
        call.SendLater(StatusCallbackDelay, method, call.Urls.Resolve(documentUrl, callback), fields, cancellationToken);
    }
}
