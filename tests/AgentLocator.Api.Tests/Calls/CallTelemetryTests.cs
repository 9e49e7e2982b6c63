using System.Diagnostics;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.FakeProviders;
using AgentLocator.Grains.Telemetry;

namespace AgentLocator.Api.Tests.Calls;

/// <summary>What an operator sees of a call in the dashboard: one trace per call, and the product's counters.</summary>
public sealed class CallTelemetryTests(CallPipelineFixture api) : IClassFixture<CallPipelineFixture>, IDisposable
{
    private readonly TelemetryRecorder telemetry = new("Microsoft.Orleans.Application", "System.Net.Http");

    public void Dispose()
    {
        telemetry.Dispose();
        api.Fakes.Reset();
    }

    private Uri Speech() => api.Fakes.Twilio.AddRecording(FakeAudio.SpeechWav(TimeSpan.FromSeconds(3)));

    [Fact]
    public async Task A_call_is_one_trace_from_the_webhooks_through_the_grain_to_each_stage_and_its_provider_request()
    {
        var (_, _, caller) = await api.NewBusinessCallAsync();
        api.Fakes.OpenAI.Reply = "תודה, נחזור אליך. " + Guid.NewGuid().ToString("N")[..6];
        await caller.IncomingAsync();
        var hold = await caller.RecordingAsync(TwilioCaller.NewRecordingSid(), Speech(), 3);
        await caller.FollowAsync(hold.Element("Redirect")!);
        await caller.StatusAsync("completed", 20);
        await api.ProcessedAsync(caller);

        var trace = CallTrace.ContextOf(caller.CallSid).TraceId;
        var spans = await TelemetryRecorder.EventuallyAsync(() => telemetry.Spans(trace),
            spans => spans.Any(s => s.OperationName == "call.stage speak"));

        Assert.Contains(spans, s => s.OperationName == "twilio /webhook/incoming_call");
        Assert.Contains(spans, s => s.OperationName == "twilio /webhook/handle_recording");
        var stages = spans.Where(s => s.OperationName.StartsWith("call.stage ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["download", "check", "transcribe", "reply", "speak"],
            stages.OrderBy(s => s.StartTimeUtc).Select(s => (string)s.GetTagItem("call.stage")!));
        Assert.All(stages, s => Assert.Equal("ok", s.GetTagItem("call.stage.outcome")));
        // The outbound requests are children of the stage that made them.
        var transcribe = stages.Single(s => (string?)s.GetTagItem("call.stage") == "transcribe");
        Assert.Equal("openai", transcribe.GetTagItem("call.stage.provider"));
        Assert.Contains(spans, s => s.Kind == ActivityKind.Client && s.ParentSpanId == transcribe.SpanId);
    }

    [Fact]
    public async Task Answered_calls_and_turns_by_outcome_are_counted()
    {
        var answeredBefore = telemetry.Count("agentlocator.calls.answered|caller=new-lead");
        var readyBefore = telemetry.Count("agentlocator.call.turns|outcome=ready");
        var (_, _, caller) = await api.NewBusinessCallAsync();
        await caller.IncomingAsync();
        await caller.RecordingAsync(TwilioCaller.NewRecordingSid(), Speech(), 3);
        await TelemetryRecorder.EventuallyAsync(() => telemetry.Count("agentlocator.call.turns|outcome=ready"), total => total > readyBefore);
        Assert.True(telemetry.Count("agentlocator.call.turns|outcome=ready") > readyBefore);
        Assert.True(telemetry.Count("agentlocator.calls.answered|caller=new-lead") > answeredBefore);
    }
}
