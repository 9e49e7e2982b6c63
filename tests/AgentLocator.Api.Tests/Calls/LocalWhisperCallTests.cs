using System.Net.Http.Json;
using AgentLocator.Api.Calls;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Api.Tests.Providers.LocalWhisper;
using AgentLocator.FakeProviders;
using AgentLocator.Grains.Calls.Providers;
using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Api.Tests.Calls;

/// <summary>The API with no keys but a local Whisper model (the synthetic one): a call's turn is transcribed on the machine.</summary>
public sealed class LocalWhisperApiFixture : AgentLocatorApiFactory
{
    private readonly SyntheticModelFixture model = new();

    public override async Task InitializeAsync()
    {
        WithSetting("Whisper:ModelPath", model.Path);
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        model.Dispose();
    }
}

public sealed class LocalWhisperCallTests(LocalWhisperApiFixture api) : IClassFixture<LocalWhisperApiFixture>, IAsyncLifetime
{
    /// <summary>Only Twilio's recording URL is faked: where Twilio keeps recordings, keys or not.</summary>
    private FakeProviders.FakeProviders fakes = null!;

    public async Task InitializeAsync() => fakes = await FakeProviders.FakeProviders.StartAsync();

    public async Task DisposeAsync() => await fakes.DisposeAsync();

    [Fact]
    public async Task Without_a_key_the_turn_is_transcribed_by_the_local_model_and_the_call_says_so()
    {
        var (_, admin, caller) = await api.NewBusinessCallAsync();
        await caller.IncomingAsync();
        var url = fakes.Twilio.AddRecording(FakeAudio.MuLawWav(FakeAudio.SpeechSamples(TimeSpan.FromSeconds(3))));

        var answer = await caller.RecordingAsync(TwilioCaller.NewRecordingSid(), url, 3);
        while (answer.Element("Redirect") is { } next)
        {
            answer = await caller.FollowAsync(next);
        }
        Assert.NotEmpty(TwilioCaller.Verbs(answer));
        await caller.StatusAsync("completed", 20);
        var call = await api.ProcessedAsync(caller);

        using var client = await api.SignedInAsync(admin);
        var detail = await client.Http.GetFromJsonAsync<CallDetailResponse>($"/api/calls/{call.Id}");
        Assert.True(detail!.TranscriptionConfigured);
        Assert.Equal(TranscriptionProviders.WhisperLocal, detail.TranscriptionProvider);
        var turn = Assert.Single(detail.Turns);
        Assert.Equal(TranscriptionProviders.WhisperLocal, turn.TranscribedBy);
        var transcribe = Assert.Single(turn.Stages, stage => stage.Stage == "transcribe");
        Assert.Equal(TranscriptionProviders.WhisperLocal, transcribe.Provider);
        Assert.Contains(transcribe.Outcome, new[] { "ok", "silent" });
        Assert.NotEqual(TurnState.NotConfigured, turn.State);
    }
}
