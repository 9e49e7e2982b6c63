using AgentLocator.Api.Twilio;
using AgentLocator.Grains.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentLocator.Api.Calls;

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

    /// <summary>Leaves Twilio time to play our fallback before its own 15 s timeout.</summary>
    private static readonly TimeSpan GrainBudget = TimeSpan.FromSeconds(10);

    public static IEndpointRouteBuilder MapTwilioWebhooks(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup(Prefix)
            .AllowAnonymous()
            // Twilio cannot carry an antiforgery token; the signature is what proves the sender.
            .DisableAntiforgery()
            .AddEndpointFilter<TwilioSignatureFilter>()
            .WithTags("Twilio");

        webhooks.MapPost("/incoming_call", IncomingCallAsync).WithMetadata(new TwilioAnswerMetadata(TwilioAnswer.TwiML));
        webhooks.MapPost("/handle_recording", HandleRecording).WithMetadata(new TwilioAnswerMetadata(TwilioAnswer.TwiML));
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
        IOptions<TwilioOptions> options, ILoggerFactory loggers)
    {
        var settings = options.Value;
        try
        {
            if (call.CallSid is null || call.To is null)
            {
                return new TwiML().Say(TwilioMessages.NumberNotInService, voice: settings.SayVoice).Hangup().ToResult();
            }
            var start = await grains.GetGrain<ICallGrain>(call.CallSid)
                .Start(new IncomingCall(call.From ?? "", call.To, call.Direction ?? "inbound"))
                .WaitAsync(GrainBudget);
            if (start.Outcome == CallStartOutcome.UnknownNumber)
            {
                return new TwiML().Say(TwilioMessages.NumberNotInService, voice: settings.SayVoice).Hangup().ToResult();
            }

            var record = new RecordOptions
            {
                Action = HandleRecordingPath,
                Method = "POST",
                MaxLength = 30,
                Timeout = 5,
                FinishOnKey = "*",
                PlayBeep = true,
                // Absolute: the callback is a separate request, not relative to this document.
                RecordingStatusCallback = settings.PublicHost + RecordingStatusPath,
                RecordingStatusCallbackMethod = "POST",
            };
            var twiml = new TwiML();
            if (request.Query["retry"] == "1")
            {
                twiml.Say(TwilioMessages.LeaveMessageAgain, voice: settings.SayVoice)
                    .Record(record)
                    .Say(TwilioMessages.Goodbye, voice: settings.SayVoice)
                    .Hangup();
            }
            else
            {
                twiml.Say(start.Greeting!, voice: settings.SayVoice)
                    .Record(record)
                    .Say(TwilioMessages.NoMessageHeard, voice: settings.SayVoice)
                    .Redirect(IncomingCallPath + "?retry=1");
            }
            return twiml.ToResult();
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            loggers.CreateLogger(typeof(TwilioWebhooks)).LogError(error, "Incoming call {CallSid} failed; answering the fallback", call.CallSid);
            return new TwiML().Say(TwilioMessages.Apology, voice: settings.SayVoice).Hangup().ToResult();
        }
    }

    /// <summary>
    /// Where a finished recording lands. Transcribing and replying is the AI pipeline's work, not built yet:
    /// for now the caller is thanked and the call ends; the recording itself arrives via recording_status.
    /// </summary>
    internal static IResult HandleRecording(IOptions<TwilioOptions> options) =>
        new TwiML().Say(TwilioMessages.ThankYou, voice: options.Value.SayVoice).Hangup().ToResult();

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
