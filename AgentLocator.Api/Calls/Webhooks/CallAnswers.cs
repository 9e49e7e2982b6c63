using AgentLocator.Api.Calls.Media;
using AgentLocator.Api.Integrations.Twilio;
using AgentLocator.Grains.Abstractions;
using Twilio.TwiML;
using Twilio.TwiML.Voice;
using HttpMethod = Twilio.Http.HttpMethod;

namespace AgentLocator.Api.Calls.Webhooks;

/// <summary>
/// The TwiML of each step of a call, built with Twilio's <see cref="VoiceResponse"/>. After every &lt;Record&gt; come
/// the verbs Twilio runs when the caller said nothing (it skips the action then), so an empty recording never leaves
/// the caller in silence.
/// </summary>
public sealed class CallAnswers(TwilioOptions options, HoldAudio hold)
{
    /// <summary>
    /// The greeting: the business's uploaded recording, else its greeting text spoken by Google TTS (already cached:
    /// this step never waits on an outside service), else the text read by Twilio's &lt;Say&gt;. A second of quiet
    /// before the beep lets the greeting end before the caller starts talking.
    /// </summary>
    public VoiceResponse Greet(string greeting, string? greetingAudioKey)
    {
        var twiml = new VoiceResponse();
        if (greetingAudioKey is not null && MediaUrl(greetingAudioKey) is { } url)
        {
            twiml.Play(url);
        }
        else
        {
            SayInHebrew(twiml, greeting);
        }
        twiml.Pause(length: 1);
        RecordMessage(twiml);
        SayInHebrew(twiml, CallerPrompts.NoMessageHeard);
        return twiml.Redirect(new Uri(TwilioWebhooks.IncomingCallPath + "?retry=1", UriKind.Relative), HttpMethod.Post);
    }

    /// <summary>The second chance after an empty recording; a second silence ends the call.</summary>
    public VoiceResponse ListenAgainAfterSilence()
    {
        var twiml = SayInHebrew(new VoiceResponse(), CallerPrompts.LeaveMessageAgain);
        RecordMessage(twiml);
        return SayInHebrew(twiml, CallerPrompts.Goodbye).Hangup();
    }

    public VoiceResponse For(TurnAnswer answer) => answer.Step switch
    {
        TurnStep.Hold => Hold(answer),
        TurnStep.Speak => Speak(answer),
        // Silence after the second chance ends the call with the words that fit what was kept before it.
        TurnStep.Reprompt => SayInHebrew(RecordMessage(SayInHebrew(new VoiceResponse(), CallerPrompts.TooShort)), CallerPrompts.Ending(answer.MessageKept)).Hangup(),
        TurnStep.Goodbye => SayAndHangUp(answer.Text ?? CallerPrompts.Ending(answer.MessageKept)),
        TurnStep.HangUp => new VoiceResponse().Hangup(),
        _ => Apology(),
    };

    public VoiceResponse NotInService() => SayAndHangUp(CallerPrompts.NumberNotInService);

    public VoiceResponse ServiceUnavailable() => SayAndHangUp(CallerPrompts.ServiceUnavailable);

    public VoiceResponse Apology() => SayAndHangUp(CallerPrompts.Apology);

    /// <summary>Ends a call whose state this request cannot tell, or in which nothing was recorded.</summary>
    public VoiceResponse SayAndHangUp(string text) => SayInHebrew(new VoiceResponse(), text).Hangup();

    /// <summary>
    /// One hold step (timing in <see cref="HoldAudio"/>): the business's clip, looped to fill the step, else the generated
    /// clip of exactly the step's length (the first step is short); then back to the reply step. The second step opens with "עוד רגע…", so it is said once
    /// per message, a few seconds in. Without a public host there is no URL to play, so the step is a pause.
    /// </summary>
    private VoiceResponse Hold(TurnAnswer answer)
    {
        var twiml = new VoiceResponse();
        if (answer.Attempt == 2)
        {
            SayInHebrew(twiml, CallerPrompts.OneMoment);
        }
        if (options.PublicHost is not { Length: > 0 } host)
        {
            twiml.Pause(length: (int)hold.StepOf(answer.Attempt).TotalSeconds);
        }
        else if (answer.AudioKey is not null && answer.AudioSeconds is { } seconds && MediaUrl(answer.AudioKey) is { } clip)
        {
            var loops = hold.LoopsFor(seconds, answer.Attempt);
            twiml.Play(clip, loop: loops > 1 ? loops : null);
        }
        else
        {
            twiml.Play(new Uri(host + (answer.Attempt == 1 ? HoldAudio.FirstStepPath : HoldAudio.Path)));
        }
        return twiml.Redirect(new Uri($"{TwilioWebhooks.CallReplyPath}?turn={answer.Turn}&attempt={answer.Attempt}", UriKind.Relative), HttpMethod.Post);
    }

    private VoiceResponse Speak(TurnAnswer answer)
    {
        var twiml = new VoiceResponse();
        if (answer.AudioKey is not null && MediaUrl(answer.AudioKey) is { } url)
        {
            twiml.Play(url);
        }
        else
        {
            SayInHebrew(twiml, answer.Text!);
        }
        if (!answer.ListenAgain)
        {
            return SayInHebrew(twiml, CallerPrompts.ThanksForCalling).Hangup();
        }
        RecordMessage(SayInHebrew(twiml, CallerPrompts.AnythingElse));
        return SayInHebrew(twiml, CallerPrompts.ThanksForCalling).Hangup();
    }

    private VoiceResponse SayInHebrew(VoiceResponse twiml, string text) => twiml.Say(text, voice: options.SayVoice, language: Say.LanguageEnum.HeIl);

    /// <summary>
    /// Records the caller's message. Twilio's own transcription is off: the pipeline transcribes the recording itself
    /// (Hebrew), and Twilio's would be paid for and thrown away.
    /// </summary>
    private VoiceResponse RecordMessage(VoiceResponse twiml) => twiml.Record(
        action: new Uri(TwilioWebhooks.HandleRecordingPath, UriKind.Relative),
        method: HttpMethod.Post,
        maxLength: 30,
        timeout: 5,
        finishOnKey: "*",
        playBeep: true,
        // Absolute: the callback is a separate request, not relative to this document.
        recordingStatusCallback: options.PublicHost is { Length: > 0 } host ? new Uri(host + TwilioWebhooks.RecordingStatusPath) : null,
        recordingStatusCallbackMethod: options.PublicHost is { Length: > 0 } ? HttpMethod.Post : null,
        transcribe: false);

    private Uri? MediaUrl(string key) => options.PublicHost is { Length: > 0 } host ? new Uri($"{host}/media/{key}") : null;
}
