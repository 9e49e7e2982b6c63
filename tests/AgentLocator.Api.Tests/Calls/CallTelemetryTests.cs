using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.FakeProviders;
using AgentLocator.Grains.Telemetry;

namespace AgentLocator.Api.Tests.Calls;

/// <summary>What an operator sees of a call in the dashboard: one trace per call, and the product's counters.</summary>
public sealed class CallTelemetryTests : IClassFixture<CallPipelineFixture>, IDisposable
{
    private readonly CallPipelineFixture api;
    private readonly ConcurrentBag<Activity> finished = [];
    private readonly ConcurrentDictionary<string, long> counted = new();
    private readonly ActivityListener traces = new()
    {
        ShouldListenTo = source => source.Name is AgentLocatorTelemetry.Name or "Microsoft.Orleans.Application" or "System.Net.Http",
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };
    private readonly MeterListener meters = new();

    public CallTelemetryTests(CallPipelineFixture api)
    {
        this.api = api;
        traces.ActivityStopped = finished.Add;
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

    public void Dispose()
    {
        traces.Dispose();
        meters.Dispose();
        api.Fakes.Reset();
    }

    [Fact]
    public async Task A_call_is_one_trace_from_the_webhooks_through_the_grain_to_each_stage_and_its_provider_request()
    {
        var (_, _, caller) = await api.NewBusinessCallAsync();
        api.Fakes.OpenAI.Reply = "תודה, נחזור אליך. " + Guid.NewGuid().ToString("N")[..6];
        await caller.IncomingAsync();
        var hold = await caller.RecordingAsync(TwilioCaller.NewRecordingSid(),
            api.Fakes.Twilio.AddRecording(FakeAudio.SpeechWav(TimeSpan.FromSeconds(3))), 3);
        await caller.FollowAsync(hold.Element("Redirect")!);
        await caller.StatusAsync("completed", 20);
        await api.ProcessedAsync(caller);

        var trace = CallTrace.ContextOf(caller.CallSid).TraceId;
        var spans = await EventuallyAsync(() => finished.Where(a => a.TraceId == trace).ToList(),
            spans => spans.Any(s => s.OperationName == "call.stage speak"));

        Assert.Contains(spans, s => s.OperationName == "twilio /webhook/incoming_call");
        Assert.Contains(spans, s => s.OperationName == "twilio /webhook/handle_recording");
        var stages = spans.Where(s => s.OperationName.StartsWith("call.stage ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["download", "check", "transcribe", "reply", "speak"],
            stages.OrderBy(s => s.StartTimeUtc).Select(s => (string)s.GetTagItem("call.stage")!));
        Assert.All(stages, s => Assert.Equal("ok", s.GetTagItem("call.stage.outcome")));
        // The outbound requests are children of the stage that made them.
        var transcribe = stages.Single(s => (string?)s.GetTagItem("call.stage") == "transcribe");
        Assert.Contains(spans, s => s.Kind == ActivityKind.Client && s.ParentSpanId == transcribe.SpanId);
    }

    [Fact]
    public async Task Answered_calls_and_turns_by_outcome_are_counted()
    {
        var answeredBefore = Count("agentlocator.calls.answered|caller=new-lead");
        var readyBefore = Count("agentlocator.call.turns|outcome=ready");
        var (_, _, caller) = await api.NewBusinessCallAsync();
        await caller.IncomingAsync();
        await caller.RecordingAsync(TwilioCaller.NewRecordingSid(),
            api.Fakes.Twilio.AddRecording(FakeAudio.SpeechWav(TimeSpan.FromSeconds(3))), 3);
        await EventuallyAsync(() => Count("agentlocator.call.turns|outcome=ready"), total => total > readyBefore);
        Assert.True(Count("agentlocator.calls.answered|caller=new-lead") > answeredBefore);
    }

    private long Count(string key) => counted.GetValueOrDefault(key);

    private static async Task<T> EventuallyAsync<T>(Func<T> read, Func<T, bool> done)
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
}
