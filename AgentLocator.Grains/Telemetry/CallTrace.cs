using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace AgentLocator.Grains.Telemetry;

/// <summary>
/// One trace per phone call. Twilio's webhooks for a call are separate requests with no trace header, so each would
/// start a trace of its own; parenting them all on a context derived from the CallSid puts the greeting, every turn's
/// pipeline and the after-call work of one call in the same trace, wherever and whenever they run.
/// </summary>
public static class CallTrace
{
    public static ActivityContext ContextOf(string callSid)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("agentlocator-call:" + callSid), hash);
        return new ActivityContext(
            ActivityTraceId.CreateFromBytes(hash[..16]),
            ActivitySpanId.CreateFromBytes(hash[16..24]),
            ActivityTraceFlags.Recorded,
            isRemote: true);
    }

    /// <summary>A span in the call's trace, linked to the span it would otherwise have joined (e.g. the HTTP request's).</summary>
    public static Activity? Start(string name, string callSid)
    {
        var links = Activity.Current is { } current ? new[] { new ActivityLink(current.Context) } : null;
        var activity = AgentLocatorTelemetry.Traces.StartActivity(name, ActivityKind.Internal, ContextOf(callSid), links: links);
        return activity?.SetTag("call.sid", callSid);
    }
}
