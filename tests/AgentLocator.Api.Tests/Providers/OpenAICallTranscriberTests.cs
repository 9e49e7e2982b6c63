using System.ClientModel;
using System.Diagnostics;
using AgentLocator.FakeProviders;
using AgentLocator.Grains.Calls.Providers;

namespace AgentLocator.Api.Tests.Providers;

/// <summary>Transcription through Microsoft.Extensions.AI and the OpenAI client, over HTTP against the fake OpenAI.</summary>
public sealed class OpenAICallTranscriberTests
{
    private static readonly RecordingAudio Recording = new(FakeAudio.SpeechWav(TimeSpan.FromSeconds(2)), "audio/x-wav");

    [Fact]
    public async Task Hebrew_is_forced_and_the_default_model_is_whisper()
    {
        await using var fakes = await FakeProviders.FakeProviders.StartAsync();
        await using var host = ProviderHost.For(fakes);

        var text = await host.Transcriber.TranscribeAsync(Recording, CancellationToken.None);

        Assert.True(host.Transcriber.IsConfigured);
        Assert.Equal(FakeOpenAI.DefaultTranscript, text);
        var request = Assert.Single(fakes.OpenAI.Transcriptions.All);
        Assert.True(request.Authorized);
        Assert.Equal("he", request.Language);
        Assert.Equal("whisper-1", request.Model);
        Assert.Equal(Recording.Content.Length, request.FileLength);
        // The service reads the format from the file name; Microsoft.Extensions.AI names every upload .wav, which is
        // what Twilio serves at a RecordingUrl without extension.
        Assert.EndsWith(".wav", request.FileName);
        Assert.DoesNotContain(fakes.OpenAI.ApiKey, host.Logs.AllText);
    }

    [Fact]
    public async Task The_configured_model_is_used_and_the_text_is_trimmed()
    {
        await using var fakes = await FakeProviders.FakeProviders.StartAsync();
        await using var host = ProviderHost.For(fakes, new Dictionary<string, string?> { ["OpenAI:TranscriptionModel"] = "gpt-4o-transcribe" });
        fakes.OpenAI.Transcript = "  כן, מחר בבוקר  \n";

        var text = await host.Transcriber.TranscribeAsync(Recording, CancellationToken.None);

        Assert.Equal("כן, מחר בבוקר", text);
        Assert.Equal("gpt-4o-transcribe", fakes.OpenAI.Transcriptions.Last.Model);
    }

    [Fact]
    public async Task Nothing_recognised_is_an_empty_string()
    {
        await using var fakes = await FakeProviders.FakeProviders.StartAsync();
        await using var host = ProviderHost.For(fakes);
        fakes.OpenAI.Transcript = "";

        Assert.Equal("", await host.Transcriber.TranscribeAsync(Recording, CancellationToken.None));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(429)]
    public async Task A_server_error_fails_once_without_retrying(int status)
    {
        await using var fakes = await FakeProviders.FakeProviders.StartAsync();
        await using var host = ProviderHost.For(fakes);
        fakes.OpenAI.Faults.Status = status;

        var failure = await Assert.ThrowsAsync<ClientResultException>(() => host.Transcriber.TranscribeAsync(Recording, CancellationToken.None));

        Assert.Equal(status, failure.Status);
        Assert.Equal(1, fakes.OpenAI.Transcriptions.Count);
    }

    [Fact]
    public async Task A_wrong_key_is_refused_and_not_revealed()
    {
        await using var fakes = await FakeProviders.FakeProviders.StartAsync();
        await using var host = ProviderHost.For(fakes, new Dictionary<string, string?> { ["OpenAI:ApiKey"] = "sk-wrong-key-for-tests" });

        var failure = await Assert.ThrowsAsync<ClientResultException>(() => host.Transcriber.TranscribeAsync(Recording, CancellationToken.None));

        Assert.Equal(401, failure.Status);
        Assert.False(fakes.OpenAI.Transcriptions.Last.Authorized);
        Assert.DoesNotContain("sk-wrong-key-for-tests", failure.Message + host.Logs.AllText);
    }

    [Fact]
    public async Task A_slow_service_times_out_as_configured()
    {
        await using var fakes = await FakeProviders.FakeProviders.StartAsync();
        await using var host = ProviderHost.For(fakes, new Dictionary<string, string?> { ["OpenAI:TimeoutSeconds"] = "1" });
        fakes.OpenAI.Faults.Delay = TimeSpan.FromSeconds(30);
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAsync<TimeoutException>(() => host.Transcriber.TranscribeAsync(Recording, CancellationToken.None));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_reported_as_a_timeout()
    {
        await using var fakes = await FakeProviders.FakeProviders.StartAsync();
        await using var host = ProviderHost.For(fakes);
        fakes.OpenAI.Faults.Delay = TimeSpan.FromSeconds(30);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Transcriber.TranscribeAsync(Recording, cancel.Token));
    }
}
