using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using AgentLocator.Grains.Telemetry;

namespace AgentLocator.Grains.Calls.Pipeline;

/// <summary>
/// One stage of a turn (download, check, transcribe, reply, speak): how it went and how long it took, and for the
/// transcribe stage which provider ran it (<see cref="Providers.TranscriptionProviders"/>).
/// </summary>
public sealed record StageTiming(
    string Stage,
    string Outcome,
    int Milliseconds,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detail = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Provider = null)
{
    public const string TranscribeStage = "transcribe";

    public const string Ok = "ok";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
    public const string NotConfigured = "not-configured";
    public const string Silent = "silent";
    public const string Cached = "cached";
    public const string FellBack = "fallback";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Serialize(IReadOnlyList<StageTiming> stages) => JsonSerializer.Serialize(stages, Json);

    public static IReadOnlyList<StageTiming> Deserialize(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }
        try
        {
            return JsonSerializer.Deserialize<List<StageTiming>>(json, Json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}

/// <summary>
/// Collects a turn's stage timings as the pipeline goes, and traces each stage as a span, so the outbound call a
/// stage makes (OpenAI, Google, Twilio) shows under it in the call's trace.
/// </summary>
internal sealed class StageLog(string callSid, int turn) : IDisposable
{
    private readonly List<StageTiming> stages = [];
    private Activity? running;

    public IReadOnlyList<StageTiming> Stages => stages;

    /// <summary>Opens the span of the stage that starts now; <see cref="Add"/> closes it with its outcome.</summary>
    public void Begin(string stage)
    {
        running?.Dispose();
        running = AgentLocatorTelemetry.Traces.StartActivity("call.stage " + stage);
        running?.SetTag("call.sid", callSid).SetTag("call.turn", turn).SetTag("call.stage", stage);
    }

    public void Add(string stage, string outcome, Stopwatch? watch = null, string? detail = null, string? provider = null)
    {
        stages.Add(new StageTiming(stage, outcome, watch is null ? 0 : (int)watch.ElapsedMilliseconds, Trim(detail), provider));
        if (running is not null && (string?)running.GetTagItem("call.stage") == stage)
        {
            running.SetTag("call.stage.outcome", outcome);
            if (provider is not null)
            {
                running.SetTag("call.stage.provider", provider);
            }
            if (outcome is StageTiming.Failed or StageTiming.FellBack)
            {
                running.SetStatus(ActivityStatusCode.Error, Trim(detail));
            }
            running.Dispose();
            running = null;
        }
    }

    public void Dispose() => running?.Dispose();

    /// <summary>Error details go to agents' call pages: the type and message only, never a stack or a secret-bearing URL.</summary>
    private static string? Trim(string? detail) => detail is null || detail.Length <= 300 ? detail : detail[..300];
}
