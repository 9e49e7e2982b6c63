using AgentLocator.Api.Media;
using AgentLocator.Api.Twilio;
using AgentLocator.Grains.Abstractions;

namespace AgentLocator.Api.Calls;

/// <summary>
/// The TwiML of each step of a call. After every &lt;Record&gt; come the verbs Twilio runs when the caller said
/// nothing (it skips the action then), so an empty recording never leaves the caller in silence.
/// </summary>
public sealed class CallAnswers(TwilioOptions options)
{
    private string Voice => options.SayVoice;

    public TwiML Greet(string greeting, string? greetingAudioKey)
    {
        var twiml = new TwiML();
        if (greetingAudioKey is not null && MediaUrl(greetingAudioKey) is { } url)
        {
            twiml.Play(url);
        }
        else
        {
            twiml.Say(greeting, voice: Voice);
        }
        return twiml.Record(Record())
            .Say(TwilioMessages.NoMessageHeard, voice: Voice)
            .Redirect(TwilioWebhooks.IncomingCallPath + "?retry=1");
    }

    /// <summary>The second chance after an empty recording; a second silence ends the call.</summary>
    public TwiML ListenAgainAfterSilence() =>
        new TwiML().Say(TwilioMessages.LeaveMessageAgain, voice: Voice)
            .Record(Record())
            .Say(TwilioMessages.Goodbye, voice: Voice)
            .Hangup();

    public TwiML For(TurnAnswer answer) => answer.Step switch
    {
        TurnStep.Hold => Hold(answer.Turn, answer.Attempt),
        TurnStep.Speak => Speak(answer),
        TurnStep.Reprompt => new TwiML().Say(TwilioMessages.TooShort, voice: Voice)
            .Record(Record())
            .Say(TwilioMessages.ThankYou, voice: Voice)
            .Hangup(),
        TurnStep.Goodbye => new TwiML().Say(answer.Text ?? TwilioMessages.ThankYou, voice: Voice).Hangup(),
        TurnStep.HangUp => new TwiML().Hangup(),
        _ => Apology(),
    };

    public TwiML NotInService() => new TwiML().Say(TwilioMessages.NumberNotInService, voice: Voice).Hangup();

    public TwiML Apology() => new TwiML().Say(TwilioMessages.Apology, voice: Voice).Hangup();

    public TwiML ThankAndHangUp() => new TwiML().Say(TwilioMessages.ThankYou, voice: Voice).Hangup();

    /// <summary>Hold audio while the reply is prepared, then back to the reply step. Without a public host there is no URL to play.</summary>
    private TwiML Hold(int turn, int attempt)
    {
        var twiml = new TwiML();
        if (options.PublicHost is { Length: > 0 } host)
        {
            twiml.Play(host + HoldAudio.Path);
        }
        else
        {
            twiml.Pause((int)HoldAudio.Length.TotalSeconds);
        }
        return twiml.Redirect($"{TwilioWebhooks.CallReplyPath}?turn={turn}&attempt={attempt}");
    }

    private TwiML Speak(TurnAnswer answer)
    {
        var twiml = new TwiML();
        if (answer.AudioKey is not null && MediaUrl(answer.AudioKey) is { } url)
        {
            twiml.Play(url);
        }
        else
        {
            twiml.Say(answer.Text!, voice: Voice);
        }
        if (!answer.ListenAgain)
        {
            return twiml.Say(TwilioMessages.ThanksForCalling, voice: Voice).Hangup();
        }
        return twiml.Say(TwilioMessages.AnythingElse, voice: Voice)
            .Record(Record())
            .Say(TwilioMessages.ThanksForCalling, voice: Voice)
            .Hangup();
    }

    private RecordOptions Record() => new()
    {
        Action = TwilioWebhooks.HandleRecordingPath,
        Method = "POST",
        MaxLength = 30,
        Timeout = 5,
        FinishOnKey = "*",
        PlayBeep = true,
        // Absolute: the callback is a separate request, not relative to this document.
        RecordingStatusCallback = options.PublicHost is { Length: > 0 } host ? host + TwilioWebhooks.RecordingStatusPath : null,
        RecordingStatusCallbackMethod = options.PublicHost is { Length: > 0 } ? "POST" : null,
    };

    private string? MediaUrl(string key) => options.PublicHost is { Length: > 0 } host ? $"{host}/media/{key}" : null;
}
