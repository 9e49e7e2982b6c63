using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Xml.Linq;
using AgentLocator.Api.Calls;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.FakeProviders;
using AgentLocator.Grains.Data;

namespace AgentLocator.Api.Tests.Calls;

/// <summary>
/// What incoming_call greets with when Google TTS is configured (the fake speaks Google's wire format): the uploaded
/// recording, else the greeting text spoken ahead by Google TTS and cached, else &lt;Say&gt;; then a second's pause
/// and the recording. The speech is made in the background, never while Twilio waits.
/// </summary>
public sealed class GreetingSpeechTests(CallPipelineFixture api) : IClassFixture<CallPipelineFixture>, IDisposable
{
    private FakeProviders.FakeProviders Fakes => api.Fakes;

    public void Dispose() => Fakes.Google.Faults.Status = null;

    [Fact]
    public async Task At_start_up_a_business_that_answers_calls_has_its_greeting_spoken_and_a_new_caller_hears_it_played()
    {
        var text = GreetingSpeech.TextFor(DevelopmentSeed.DemoBusinessName, null);
        await WaitForSpeechAsync(text);
        var caller = new TwilioCaller(api, CustomerApiExtensions.NextMobile(), "+97235550100");

        var greeting = await caller.IncomingAsync();

        AssertPlaysThenRecords(greeting, caller.PublicHost);
        Assert.Equal(Fakes.Google.Audio, await MediaAsync(greeting.Element("Play")!.Value));
    }

    [Fact]
    public async Task Saved_greeting_text_is_spoken_once_in_the_background_and_played_then_spoken_again_when_it_changes()
    {
        var (_, admin, caller) = await api.NewBusinessCallAsync();
        using var client = await api.SignedInAsync(admin);

        await SaveGreetingAsync(client, "שלום, הגעתם למשרד שלנו. השאירו הודעה.");
        await WaitForSpeechAsync("שלום, הגעתם למשרד שלנו. השאירו הודעה.");
        var first = await caller.IncomingAsync();
        var again = await new TwilioCaller(api, CustomerApiExtensions.NextMobile(), caller.To).IncomingAsync();

        AssertPlaysThenRecords(first, caller.PublicHost);
        Assert.Equal(first.Element("Play")!.Value, again.Element("Play")!.Value);
        // Answering the calls asked Google for nothing: the text was spoken once, when it was saved.
        Assert.Single(Fakes.Google.Syntheses.All, s => s.Text == "שלום, הגעתם למשרד שלנו. השאירו הודעה.");

        await SaveGreetingAsync(client, "ערב טוב, השאירו הודעה אחרי הצליל.");
        await WaitForSpeechAsync("ערב טוב, השאירו הודעה אחרי הצליל.");
        var changed = await new TwilioCaller(api, CustomerApiExtensions.NextMobile(), caller.To).IncomingAsync();

        AssertPlaysThenRecords(changed, caller.PublicHost);
        Assert.NotEqual(first.Element("Play")!.Value, changed.Element("Play")!.Value);
    }

    [Fact]
    public async Task Without_cached_speech_the_greeting_is_said_and_the_call_does_not_wait_for_Google()
    {
        var (_, admin, caller) = await api.NewBusinessCallAsync();
        using var client = await api.SignedInAsync(admin);
        Fakes.Google.Faults.Status = 500;
        var before = Fakes.Google.Syntheses.Count;

        await SaveGreetingAsync(client, "בוקר טוב, זהו המשיבון של המשרד.");
        await api.EventuallyAsync(() => Task.FromResult(Fakes.Google.Syntheses.All.Skip(before).FirstOrDefault()), _ => true, "the refused synthesis");
        var greeting = await caller.IncomingAsync();

        Assert.Equal(["Say", "Pause", "Record", "Say", "Redirect"], TwilioCaller.Verbs(greeting));
        Assert.Equal("בוקר טוב, זהו המשיבון של המשרד.", greeting.Element("Say")!.Value);
        Assert.Equal("false", greeting.Element("Record")!.Attribute("transcribe")?.Value);
    }

    [Fact]
    public async Task An_uploaded_recording_is_played_rather_than_the_spoken_text()
    {
        var (_, admin, caller) = await api.NewBusinessCallAsync();
        using var client = await api.SignedInAsync(admin);
        await SaveGreetingAsync(client, "צהריים טובים, השאירו הודעה.");
        await WaitForSpeechAsync("צהריים טובים, השאירו הודעה.");
        var wav = FakeAudio.SpeechWav(TimeSpan.FromSeconds(1));
        using var file = new ByteArrayContent(wav) { Headers = { ContentType = new MediaTypeHeaderValue("audio/wav") } };
        using var upload = new MultipartFormDataContent { { file, "file", "greeting.wav" } };
        using var uploaded = await client.Http.PutAsync("/api/admin/call-settings/greeting-audio", upload);
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);

        var greeting = await caller.IncomingAsync();

        AssertPlaysThenRecords(greeting, caller.PublicHost);
        Assert.Equal(wav, await MediaAsync(greeting.Element("Play")!.Value));
    }

    private static void AssertPlaysThenRecords(XElement greeting, string publicHost)
    {
        Assert.Equal(["Play", "Pause", "Record", "Say", "Redirect"], TwilioCaller.Verbs(greeting));
        Assert.StartsWith(publicHost + "/media/", greeting.Element("Play")!.Value);
        Assert.Equal("1", greeting.Element("Pause")!.Attribute("length")?.Value);
        var record = greeting.Element("Record")!;
        Assert.Equal("false", record.Attribute("transcribe")?.Value);
        Assert.Equal("/webhook/handle_recording", record.Attribute("action")?.Value);
        Assert.Equal("true", record.Attribute("playBeep")?.Value);
    }

    private static async Task SaveGreetingAsync(ApiClient client, string text)
    {
        using var saved = await client.Http.PutAsJsonAsync("/api/admin/call-settings", new CallSettingsRequest(text, null, null, null));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    private Task WaitForSpeechAsync(string text) => api.EventuallyAsync(
        () => Task.FromResult(Fakes.Google.Syntheses.All.FirstOrDefault(s => s.Text == text)), _ => true, $"the greeting \"{text}\" to be spoken");

    private async Task<byte[]> MediaAsync(string url)
    {
        using var anonymous = api.CreateClient();
        return await anonymous.GetByteArrayAsync(new Uri(url).PathAndQuery);
    }
}
