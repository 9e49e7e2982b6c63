using AgentLocator.Grains.Calls.Providers;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AgentLocator.Api.Integrations;

/// <summary>
/// Shows the active speech-to-text in /health (and so on the dashboard). Always healthy: running without transcription is
/// a supported mode, not a fault; the description says which provider is on and, when off, why.
/// </summary>
internal sealed class TranscriptionHealthCheck(ICallTranscriber transcriber) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy(
            $"transcription {CallProvidersReport.Describe(transcriber)}",
            new Dictionary<string, object> { ["provider"] = transcriber.Provider }));
}
