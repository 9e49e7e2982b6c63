namespace AgentLocator.CallSimulator;

/// <summary>The end-of-call summary a developer reads: what happened, how long each request took, and the verdict.</summary>
public static class SimulationReport
{
    public static void WriteSummary(SimulationResult result, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("── summary ──────────────────────────────────────────");
        output.WriteLine($"call        {result.CallSid}: {result.FinalCallStatus}, {result.CallDurationSeconds} s");
        output.WriteLine($"turns       {result.RecordingsPosted} recording(s) posted, {result.SkippedRecordings} skipped (caller said nothing)");
        output.WriteLine($"caller      heard {result.SpokenTexts.Count} <Say>, {result.PlayedUrls.Count} <Play>; {result.Verbs.Count} verbs in all");
        foreach (var recording in result.Recordings)
        {
            var requests = result.RecordingDownloads.Where(d => d.RecordingSid == recording.RecordingSid).ToList();
            var fetched = requests.Count == 0
                ? "never downloaded by the server"
                : $"downloaded by the server: {string.Join(", ", requests.Select(r => r.StatusCode))}";
            output.WriteLine($"recording   {recording.RecordingSid} ({recording.DurationSeconds} s, Digits='{recording.Digits}') {fetched}");
        }
        output.WriteLine("requests");
        foreach (var exchange in result.Exchanges)
        {
            output.WriteLine($"  {exchange.Method,-4} {exchange.Path,-40} {exchange.StatusCode?.ToString() ?? "---",3} {exchange.Latency.TotalMilliseconds,7:0} ms");
        }
        if (result.Exchanges.Count > 0)
        {
            var latencies = result.Exchanges.Select(e => e.Latency.TotalMilliseconds).Order().ToList();
            output.WriteLine($"latency     min {latencies[0]:0} ms, median {latencies[latencies.Count / 2]:0} ms, max {latencies[^1]:0} ms");
        }
        output.WriteLine(result.Succeeded ? "result      ✅ OK" : $"result      ❌ FAILED: {result.FailureReason}");
    }
}
