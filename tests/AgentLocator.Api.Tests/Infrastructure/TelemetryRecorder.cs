using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using AgentLocator.Grains.Telemetry;

namespace AgentLocator.Api.Tests.Infrastructure;

/// <summary>
/// Records the spans and counter increments the product emits while a test runs, as an OpenTelemetry exporter would
/// receive them. Other tests run alongside, so assertions look for their own trace, or for a count that grew.
/// </summary>
public sealed class TelemetryRecorder : IDisposable
{
    private readonly ConcurrentBag<Activity> finished = [];
    private readonly ConcurrentDictionary<string, long> counted = new();
    private readonly ActivityListener traces;
    private readonly MeterListener meters = new();

    public TelemetryRecorder(params string[] sources)
    {
        traces = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AgentLocatorTelemetry.Name || sources.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = finished.Add,
        };
        ActivitySource.AddActivityListener(traces);
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == AgentLocatorTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = instrument.Name + string.Concat(tags.ToArray().Select(tag => $"|{tag.Key}={tag.Value}"));
            counted.AddOrUpdate(key, value, (_, total) => total + value);
        });
        meters.Start();
    }

    public IReadOnlyList<Activity> Spans(ActivityTraceId trace) => [.. finished.Where(a => a.TraceId == trace)];

    /// <summary>The sum of a counter's increments, by name and tags as "name|tag=value".</summary>
    public long Count(string key) => counted.GetValueOrDefault(key);

    public static async Task<T> EventuallyAsync<T>(Func<T> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var value = read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }
            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        traces.Dispose();
        meters.Dispose();
    }
}
