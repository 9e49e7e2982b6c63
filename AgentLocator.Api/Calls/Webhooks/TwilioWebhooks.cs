using AgentLocator.Api.Calls.Media;
using AgentLocator.Api.Integrations.Twilio;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Calls.Providers;
using Microsoft.Extensions.Options;

namespace AgentLocator.Api.Calls.Webhooks;

/// <summary>
/// Twilio's voice webhooks. Anonymous (Twilio has no user) but signature-checked. Twilio must never see a 404 or
/// 500 and never wait past its 15 s limit, so each handler answers something valid on any failure.
/// </summary>
public static class TwilioWebhooks
{
    public const string Prefix = "/webhook";
    public const string IncomingCallPath = Prefix + "/incoming_call";
    public const string HandleRecordingPath = Prefix + "/handle_recording";
    public const string RecordingStatusPath = Prefix + "/recording_status";
    public const string CallReplyPath = Prefix + "/call_reply";

    /// <summary>
    /// <c>?check=1</c> on the incoming-call URL: the admin's connection test (TwilioNumberApi). The URL is part of the
    /// signature, so only the auth token's holder can ask; the answer says whether the number is ours, and no call starts.
    /// </summary>
    public const string ConnectionCheckQuery = "check";

    /// <summary>Leaves Twilio time to play our fallback before its own 15 s timeout.</summary>
    private static readonly TimeSpan GrainBudget = TimeSpan.FromSeconds(10);

    public static IEndpointRouteBuilder MapTwilioWebhooks(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup(Prefix)
            .AllowAnonymous()
            // Twilio cannot carry an antiforgery token; the signature is what proves the sender.
            .DisableAntiforgery()
            .AddEndpointFilter<TwilioSignatureFilter>()
            .AddEndpointFilter<CallTraceFilter>()
            .WithTags("Twilio");

        webhooks.MapPost("/incoming_call", IncomingCallAsync).WithMetadata(new TwilioAnswerMetadata(TwilioAnswer.TwiML));
        webhooks.MapPost("/handle_recording", HandleRecordingAsync).WithMetadata(new TwilioAnswerMetadata(TwilioAnswer.TwiML));
        webhooks.MapPost("/call_reply", CallReplyAsync).WithMetadata(new TwilioAnswerMetadata(TwilioAnswer.TwiML));
        webhooks.MapPost("/call_status", CallStatusAsync).WithMetadata(new TwilioAnswerMetadata(TwilioAnswer.Acknowledgement));
        webhooks.MapPost("/recording_status", RecordingStatusAsync).WithMetadata(new TwilioAnswerMetadata(TwilioAnswer.Acknowledgement));
        return app;
    }

    /// <summary>
    /// Greets the caller and records a message. Twilio skips a Record's action when nothing was said, and runs the
    /// next verbs instead: the first time those prompt again and redirect here with <c>retry=1</c>; the second
    /// time they say goodbye and hang up.
    /// </summary>
    internal static async Task<IResult> IncomingCallAsync(HttpRequest request, TwilioWebhookRequest call, IGrainFactory grains,
        IOptions<TwilioOptions> options, HoldAudio hold, IMediaStore media, GreetingSpeech greetings, ILoggerFactory loggers)
    {
        var answers = new CallAnswers(options.Value, hold);
        try
        {
            if (call.CallSid is null || call.To is null)
            {
                return answers.NotInService().ToResult();
            }
            if (request.Query[ConnectionCheckQuery] == "1")
            {
                return (await ConnectionCheck.IsAnsweredAsync(request.HttpContext, call.To) ? answers.SayAndHangUp(CallerPrompts.ConnectionChecked) : answers.NotInService()).ToResult();
            }
            var start = await grains.GetGrain<ICallGrain>(call.CallSid)
                .Start(new IncomingCall(call.From ?? "", call.To, call.Direction ?? "inbound"))
                .WaitAsync(GrainBudget);
            if (start.Outcome == CallStartOutcome.UnknownNumber)
            {
                return answers.NotInService().ToResult();
            }
            if (start.Outcome == CallStartOutcome.Suspended)
            {
                return answers.ServiceUnavailable().ToResult();
            }
            if (request.Query["retry"] == "1")
            {
                return answers.ListenAgainAfterSilence().ToResult();
            }
            // The uploaded recording, else the greeting text as spoken ahead by Google TTS, else <Say>. A greeting file
            // that went missing is passed over instead of failing the call.
            var aborted = request.HttpContext.RequestAborted;
            var greetingAudio = start.GreetingAudioKey is { } key && await media.OpenAsync(MediaArea.Public, key, aborted) is not null
                ? key
                : await greetings.FindAsync(start.Greeting!, aborted);
            return answers.Greet(start.Greeting!, greetingAudio).ToResult();
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            loggers.CreateLogger(typeof(TwilioWebhooks)).LogError(error, "Incoming call {CallSid} failed; answering the fallback", call.CallSid);
            return answers.Apology().ToResult();
        }
    }

    /// <summary>
    /// Where a finished recording lands. Answers at once with hold audio and a redirect to the reply step, while
    /// the call's grain runs the pipeline in the background.
    /// </summary>
    internal static async Task<IResult> HandleRecordingAsync(HttpRequest request, TwilioWebhookRequest posted, IGrainFactory grains,
        IOptions<TwilioOptions> options, HoldAudio hold, IMediaStore media, ILoggerFactory loggers)
    {
        var answers = new CallAnswers(options.Value, hold);
        if (posted.CallSid is null || posted.RecordingSid is null)
        {
            // Nothing to store: say so rather than leave the caller in silence (or thank them for a message not kept).
            return answers.SayAndHangUp(CallerPrompts.Goodbye).ToResult();
        }
        try
        {
            var answer = await grains.GetGrain<ICallGrain>(posted.CallSid)
                .HandleRecording(new PostedRecording(posted.RecordingSid, posted.RecordingUrl, posted.RecordingDuration, posted.Digits))
                .WaitAsync(GrainBudget);
            answer = await WithPlayableHoldClipAsync(answer, media, request.HttpContext.RequestAborted);
            return answers.For(answer).ToResult();
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            loggers.CreateLogger(typeof(TwilioWebhooks)).LogError(error, "Recording of call {CallSid} could not be handled", posted.CallSid);
            return answers.Apology().ToResult();
        }
    }

    /// <summary>The reply step Twilio is redirected to: the reply when it is ready, more hold audio, or the fallback.</summary>
    internal static async Task<IResult> CallReplyAsync(HttpRequest request, TwilioWebhookRequest posted, IGrainFactory grains,
        IOptions<TwilioOptions> options, HoldAudio hold, IMediaStore media, ILoggerFactory loggers)
    {
        var answers = new CallAnswers(options.Value, hold);
        if (posted.CallSid is null
            || !int.TryParse(request.Query["turn"], out var turn) || turn < 1
            || !int.TryParse(request.Query["attempt"], out var attempt) || attempt < 1)
        {
            // Which call or turn this is cannot be told, so neither "received" nor "not received" can be said.
            return answers.SayAndHangUp(CallerPrompts.ThanksForCalling).ToResult();
        }
        try
        {
            var answer = await grains.GetGrain<ICallGrain>(posted.CallSid).AwaitReply(turn, attempt).WaitAsync(GrainBudget);
            answer = await WithPlayableHoldClipAsync(answer, media, request.HttpContext.RequestAborted);
            return answers.For(answer).ToResult();
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            loggers.CreateLogger(typeof(TwilioWebhooks)).LogError(error, "Reply of call {CallSid} turn {Turn} failed", posted.CallSid, turn);
            return answers.Apology().ToResult();
        }
    }

    /// <summary>
    /// A hold clip whose file went missing (a disk swap, a bad restore) is passed over for the generated hold audio:
    /// Twilio would skip a clip it cannot fetch and come straight back, leaving the caller in silence.
    /// </summary>
    private static async Task<TurnAnswer> WithPlayableHoldClipAsync(TurnAnswer answer, IMediaStore media, CancellationToken cancellationToken) =>
        answer is { Step: TurnStep.Hold, AudioKey: { } key } && await media.OpenAsync(MediaArea.Public, key, cancellationToken) is null
            ? answer with { AudioKey = null, AudioSeconds = null }
            : answer;

    /// <summary>Twilio's status callback: always 200, for calls we know and calls we do not.</summary>
    internal static async Task<IResult> CallStatusAsync(TwilioWebhookRequest callback, IGrainFactory grains, ILoggerFactory loggers)
    {
        if (callback.CallSid is { } callSid && callback.CallStatus is { } status)
        {
            try
            {
                await grains.GetGrain<ICallGrain>(callSid).RecordStatus(new CallStatusUpdate(status, callback.CallDuration)).WaitAsync(GrainBudget);
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                loggers.CreateLogger(typeof(TwilioWebhooks)).LogError(error, "Could not record status {Status} of call {CallSid}", status, callSid);
            }
        }
        return Results.Text("OK", "text/plain");
    }

    /// <summary>Twilio's recording status callback: notes where the recording is, once it is there.</summary>
    internal static async Task<IResult> RecordingStatusAsync(TwilioWebhookRequest callback, IGrainFactory grains, ILoggerFactory loggers)
    {
        if (callback.CallSid is { } callSid)
        {
            try
            {
                await grains.GetGrain<ICallGrain>(callSid)
                    .RecordRecording(new CallRecordingUpdate(callback.RecordingSid, callback.RecordingUrl, callback.RecordingStatus))
                    .WaitAsync(GrainBudget);
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                loggers.CreateLogger(typeof(TwilioWebhooks)).LogError(error, "Could not record the recording of call {CallSid}", callSid);
            }
        }
        return Results.Text("OK", "text/plain");
    }
}
