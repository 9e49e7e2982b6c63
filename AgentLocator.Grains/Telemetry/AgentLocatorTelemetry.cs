using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AgentLocator.Grains.Telemetry;

/// <summary>
/// The product's own traces and counters, under one name that ServiceDefaults exports over OTLP (the Aspire
/// dashboard in development). Static, like the runtime's own sources: grains and API services share them
/// without plumbing, and a test reads them with a <see cref="MeterListener"/>.
/// </summary>
public static class AgentLocatorTelemetry
{
    public const string Name = "AgentLocator";

    public static readonly ActivitySource Traces = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Calls a business answered with its greeting (not Twilio's retries of the same call).</summary>
    public static readonly Counter<long> CallsAnswered = Meter.CreateCounter<long>(
        "agentlocator.calls.answered", unit: "{call}", description: "Calls answered with a business's greeting");

    /// <summary>Caller messages through the pipeline, tagged with the turn's outcome (ready, silent, failed, not-configured).</summary>
    public static readonly Counter<long> CallTurns = Meter.CreateCounter<long>(
        "agentlocator.call.turns", unit: "{turn}", description: "Caller messages processed, by outcome");

    /// <summary>Task alerts claimed for delivery (once per reminder time, whichever timer fired).</summary>
    public static readonly Counter<long> AlertsFired = Meter.CreateCounter<long>(
        "agentlocator.alerts.fired", unit: "{alert}", description: "Task due alerts claimed for delivery");

    /// <summary>Task alerts handed to every open tab and queued for Web Push.</summary>
    public static readonly Counter<long> AlertsDelivered = Meter.CreateCounter<long>(
        "agentlocator.alerts.delivered", unit: "{alert}", description: "Task due alerts delivered to tabs and the push queue");

    /// <summary>Web Push requests to push services, tagged with their outcome (sent, failed, gone: the subscription was deleted).</summary>
    public static readonly Counter<long> Pushes = Meter.CreateCounter<long>(
        "agentlocator.pushes", unit: "{push}", description: "Web Push messages by result");

    public static KeyValuePair<string, object?> Outcome(string outcome) => new("outcome", outcome);
}
