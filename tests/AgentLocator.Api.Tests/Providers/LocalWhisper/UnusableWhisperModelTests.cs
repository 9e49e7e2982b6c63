using AgentLocator.Api.Integrations;
using AgentLocator.Grains.Calls.Providers;
using Microsoft.Extensions.Logging;

namespace AgentLocator.Api.Tests.Providers.LocalWhisper;

/// <summary>
/// A configured model that is missing or does not load is a clear error in the start-up log, and the API runs on with
/// transcription off (provider "none"): never a crash, and never a silent fallback the operator cannot see.
/// </summary>
public sealed class UnusableWhisperModelTests(SyntheticModelFixture model) : IClassFixture<SyntheticModelFixture>, IDisposable
{
    private readonly string broken = Path.Combine(Path.GetTempPath(), $"agentlocator-broken-model-{Guid.NewGuid():N}.bin");

    [Fact]
    public async Task A_missing_model_file_is_a_start_up_error_and_transcription_is_off()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-dir", "ggml-base.bin");
        await using var host = ProviderHost.Create(new Dictionary<string, string?> { ["Whisper:ModelPath"] = missing });

        await host.Host.StartAsync();
        await host.Host.StopAsync();

        AssertOff(host, missing, "the file does not exist");
    }

    [Fact]
    public async Task A_file_that_is_not_a_model_is_a_start_up_error()
    {
        await File.WriteAllTextAsync(broken, "<html>404 not found</html>");
        await using var host = ProviderHost.Create(new Dictionary<string, string?> { ["Whisper:ModelPath"] = broken });

        await host.Host.StartAsync();
        await host.Host.StopAsync();

        AssertOff(host, broken, "bad magic");
    }

    [Fact]
    public async Task A_model_cut_short_in_its_weights_is_a_start_up_error()
    {
        // An interrupted download: the runtime itself would load this as a model with missing weights.
        var bytes = await File.ReadAllBytesAsync(model.Path);
        await File.WriteAllBytesAsync(broken, bytes[..(bytes.Length / 2)]);
        await using var host = ProviderHost.Create(new Dictionary<string, string?> { ["Whisper:ModelPath"] = broken });

        await host.Host.StartAsync();
        await host.Host.StopAsync();

        AssertOff(host, broken, "the file is truncated");
    }

    [Fact]
    public async Task A_model_the_runtime_refuses_is_a_start_up_error_without_a_crash()
    {
        // Whole and well-formed to our check, but with a tensor name whisper.cpp does not know: its loader says no.
        var bytes = await File.ReadAllBytesAsync(model.Path);
        var name = "encoder.conv1.weight"u8;
        var at = bytes.AsSpan().IndexOf(name);
        bytes[at + name.Length - 1] = (byte)'s';
        await File.WriteAllBytesAsync(broken, bytes);
        await using var host = ProviderHost.Create(new Dictionary<string, string?> { ["Whisper:ModelPath"] = broken });

        await host.Host.StartAsync();
        await host.Host.StopAsync();

        AssertOff(host, broken, "the runtime could not load it");
        Assert.Contains("unknown tensor", host.Logs.AllText);
    }

    [Fact]
    public async Task Without_a_key_or_a_model_the_report_names_both_settings()
    {
        await using var host = ProviderHost.Create(new Dictionary<string, string?>());

        await host.Host.StartAsync();
        await host.Host.StopAsync();

        Assert.Equal(TranscriptionProviders.None, host.Transcriber.Provider);
        var report = Assert.Single(host.Logs.Lines, line => line.Text.Contains("Call providers:"));
        Assert.Contains("transcription off (neither OPENAI_API_KEY nor Whisper__ModelPath is set)", report.Text);
        Assert.DoesNotContain(host.Logs.Lines, line => line.Level >= LogLevel.Error);
    }

    private static void AssertOff(ProviderHost host, string path, string reason)
    {
        Assert.IsType<UnconfiguredCallTranscriber>(host.Transcriber);
        Assert.False(host.Transcriber.IsConfigured);
        Assert.Equal(TranscriptionProviders.None, host.Transcriber.Provider);
        var error = Assert.Single(host.Logs.Lines, line => line.Level == LogLevel.Error);
        Assert.Contains(path, error.Text);
        Assert.Contains(reason, error.Text);
        var report = Assert.Single(host.Logs.Lines, line => line.Text.Contains("Call providers:"));
        Assert.Contains("transcription off (the Whisper model at Whisper:ModelPath cannot be used: ", report.Text);
        Assert.Contains(reason, report.Text);
    }

    public void Dispose() => File.Delete(broken);
}
