using AgentLocator.Api.Integrations.OpenAI;
using AgentLocator.Api.Integrations.Whisper;
using AgentLocator.FakeProviders;
using AgentLocator.Grains.Calls.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace AgentLocator.Api.Tests.Providers.LocalWhisper;

/// <summary>
/// The local speech-to-text wired as the API wires it (<c>AddWhisper</c> and the transcriber choice), running the real Whisper.net runtime
/// on a synthetic zero-weight model: the model loads, a Twilio recording goes through the conversion and whisper.cpp,
/// and what comes back is whatever that model says (deterministic, not meaningful). A real model is tested in
/// <see cref="RealWhisperModelTests"/> when one is configured.
/// </summary>
public sealed class WhisperCallTranscriberTests(SyntheticModelFixture model, ITestOutputHelper output) : IClassFixture<SyntheticModelFixture>
{
    private static readonly RecordingAudio TwilioRecording =
        new(FakeAudio.MuLawWav(FakeAudio.SpeechSamples(TimeSpan.FromSeconds(3))), "audio/x-wav");

    [Fact]
    public async Task A_configured_model_loads_and_transcribes_a_twilio_recording_locally()
    {
        output.WriteLine($"Synthetic ggml model ({new FileInfo(model.Path).Length:N0} bytes, zero weights) through the real Whisper.net runtime.");
        await using var host = ProviderHost.Create(new Dictionary<string, string?> { ["Whisper:ModelPath"] = model.Path });

        var transcriber = Assert.IsType<WhisperCallTranscriber>(host.Transcriber);
        var first = await transcriber.TranscribeAsync(TwilioRecording, CancellationToken.None);
        var second = await transcriber.TranscribeAsync(TwilioRecording, CancellationToken.None);

        output.WriteLine($"The synthetic model said: \"{first}\"");
        Assert.True(transcriber.IsConfigured);
        Assert.Equal(TranscriptionProviders.WhisperLocal, transcriber.Provider);
        Assert.Equal(Path.GetFileName(model.Path), transcriber.ModelName);
        Assert.Equal(first, second);
        Assert.Equal(first.Trim(), first);
        Assert.Equal(2, host.Logs.Lines.Count(line => line.Text.Contains("Transcribed 3.0 s of audio locally with " + transcriber.ModelName)));
        Assert.DoesNotContain(host.Logs.Lines, line => line.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task Turns_arriving_together_all_get_their_transcript()
    {
        // They queue for the one model (one transcription at a time); each still gets the same deterministic answer.
        await using var host = ProviderHost.Create(new Dictionary<string, string?> { ["Whisper:ModelPath"] = model.Path });

        var texts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => host.Transcriber.TranscribeAsync(TwilioRecording, CancellationToken.None)));

        Assert.Single(texts.Distinct());
    }

    [Fact]
    public async Task The_start_up_log_and_health_say_the_local_model_is_on()
    {
        await using var host = ProviderHost.Create(new Dictionary<string, string?> { ["Whisper:ModelPath"] = model.Path });

        await host.Host.StartAsync();
        var health = await host.Host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        await host.Host.StopAsync();

        var report = Assert.Single(host.Logs.Lines, line => line.Text.Contains("Call providers:"));
        Assert.Contains($"transcription on: local Whisper ({Path.GetFileName(model.Path)})", report.Text);
        var entry = health.Entries["transcription"];
        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal(TranscriptionProviders.WhisperLocal, entry.Data["provider"]);
        Assert.Contains("local Whisper", entry.Description);
    }

    [Fact]
    public async Task An_openai_key_comes_before_a_local_model()
    {
        await using var fakes = await FakeProviders.FakeProviders.StartAsync();
        await using var host = ProviderHost.For(fakes, new Dictionary<string, string?> { ["Whisper:ModelPath"] = model.Path });

        var text = await host.Transcriber.TranscribeAsync(TwilioRecording, CancellationToken.None);

        Assert.IsType<OpenAICallTranscriber>(host.Transcriber);
        Assert.Equal(TranscriptionProviders.OpenAI, host.Transcriber.Provider);
        Assert.Equal(FakeOpenAI.DefaultTranscript, text);
        Assert.Equal(1, fakes.OpenAI.Transcriptions.Count);
        Assert.Contains(host.Logs.Lines, line => line.Text.Contains("OPENAI_API_KEY comes first: the local model is not loaded"));
    }

    [Fact]
    public async Task A_recording_the_model_cannot_read_fails_the_turn_with_a_reason()
    {
        await using var host = ProviderHost.Create(new Dictionary<string, string?> { ["Whisper:ModelPath"] = model.Path });

        var failure = await Assert.ThrowsAsync<InvalidDataException>(() =>
            host.Transcriber.TranscribeAsync(new RecordingAudio(FakeAudio.SilentMp3(), "audio/mpeg"), CancellationToken.None));

        Assert.Contains("RIFF/WAVE", failure.Message);
    }

    [Fact]
    public async Task A_cancelled_turn_is_not_transcribed()
    {
        await using var host = ProviderHost.Create(new Dictionary<string, string?> { ["Whisper:ModelPath"] = model.Path });
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Transcriber.TranscribeAsync(TwilioRecording, cancelled.Token));
    }
}
