namespace AgentLocator.CallSimulator;

/// <summary>
/// Plays Twilio for one inbound call against our webhooks: incoming_call, the TwiML it returns (and the requests
/// that leads to), then call_status. Usable in-process by tests and benchmarks; the console program is a thin shell.
/// </summary>
public sealed class CallSimulation
{
    /// <summary>Runs the call, printing the conversation to <paramref name="output"/> as it happens.</summary>
    /// <exception cref="ArgumentException">When the options cannot describe a call (e.g. a public host that is not a URL).</exception>
    public async Task<SimulationResult> RunAsync(SimulationOptions options, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var urls = new TwilioUrls(options.Api, options.PublicHost);
        // Twilio does not follow HTTP redirects on a webhook; a 3xx must show up as the failure it is.
        using var ownHttp = options.Http is null
            ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan }
            : null;
        await using var call = new CallSession(options, urls, options.Http ?? ownHttp!, output);

        call.Print($"📞 {options.From} → {options.To}   CallSid {call.CallSid}");
        call.Print($"   requests go to {options.Api.GetLeftPart(UriPartial.Path).TrimEnd('/')}, signed for {urls.PublicHost}");
        if (options.MissedCallStatus is { } missed)
        {
            call.Print($"📵 the call is not answered ({missed})");
            await call.PostFinalStatusAsync(missed, cancellationToken);
            return call.Result(missed, 0);
        }

        var incomingCall = urls.Public(SimulationOptions.IncomingCallPath);
        var reply = await call.SendAsync("POST", incomingCall, call.CallFields("ringing"), expectTwiml: true, cancellationToken);
        if (reply.Response is { } twiml)
        {
            await new TwimlInterpreter(call).RunAsync(new TwimlDocument(twiml, incomingCall), cancellationToken);
        }
        else
        {
            call.Print("📴 Twilio tells the caller an application error has occurred, and hangs up");
        }

        // Twilio reports the call's end at once (unless a hang-up order already did); recordings are reported
        // whenever they are ready, maybe after it.
        await call.PostFinalStatusAsync("completed", cancellationToken);
        await call.WaitForCallbacksAsync();
        await call.WaitForDownloadsAsync(cancellationToken);
        var (status, duration) = call.FinalStatus!.Value;
        return call.Result(status, duration);
    }
}
