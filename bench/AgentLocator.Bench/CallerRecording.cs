using System.Net.Http.Headers;
using System.Text.Json;
using AgentLocator.FakeProviders;
using Fakes = AgentLocator.FakeProviders.FakeProviders;

namespace AgentLocator.Bench;

/// <summary>
/// The caller's message: 3 s of speech-like WAV served at a fake Twilio RecordingUrl. Registered with the standalone
/// fakes run.sh started (so the API, pointed at the same fakes, also gets instant transcription, replies and speech),
/// or, without them, with fakes started in this process (the recording is then all the API's pipeline can get).
/// One recording serves every call: each handle_recording still carries its own RecordingSid.
/// </summary>
public sealed class CallerRecording : IAsyncDisposable
{
    public const int Seconds = 3;

    private readonly Fakes? inProcess;

    private CallerRecording(string url, Fakes? inProcess, string where)
    {
        Url = url;
        this.inProcess = inProcess;
        Where = where;
    }

    public string Url { get; }

    /// <summary>Which fakes serve it, for the report.</summary>
    public string Where { get; }

    public static async Task<CallerRecording> OpenAsync(Uri? fakesUrl, HttpClient http, CancellationToken cancellationToken)
    {
        var wav = FakeAudio.SpeechWav(TimeSpan.FromSeconds(Seconds));
        if (fakesUrl is null)
        {
            var fakes = await Fakes.StartAsync(new FakeProvidersOptions(), cancellationToken);
            return new CallerRecording(fakes.Twilio.AddRecording(wav).ToString(), fakes, $"fakes in the bench process ({fakes.BaseAddress})");
        }
        using var content = new ByteArrayContent(wav) { Headers = { ContentType = new MediaTypeHeaderValue("audio/x-wav") } };
        using var response = await http.PostAsync(new Uri(fakesUrl, "/_fake/twilio/recordings"), content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The fakes at {fakesUrl} refused the recording: {(int)response.StatusCode}");
        }
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return new CallerRecording(body.GetProperty("recordingUrl").GetString()!, null, $"standalone fakes ({fakesUrl})");
    }

    public async ValueTask DisposeAsync()
    {
        if (inProcess is not null)
        {
            await inProcess.DisposeAsync();
        }
    }
}
