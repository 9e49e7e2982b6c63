using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AgentLocator.Api.Calls;
using AgentLocator.Api.Calls.Media;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.FakeProviders;
using AgentLocator.Grains.Calls;
using AgentLocator.Grains.Calls.Providers;
using AgentLocator.Grains.Data.Entities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLocator.Api.Tests.Calls;

/// <summary>A business's own hold clip over real HTTP: uploaded, played to a caller on hold, refused when unusable, removed.</summary>
[Collection(ApiCollection.Name)]
public sealed class HoldClipTests(AgentLocatorApiFactory api)
{
    private const string HoldClipUrl = "/api/admin/call-settings/hold-clip";

    private TimeSpan ReplyWait => api.Services.GetRequiredService<IConfiguration>().GetValue("Calls:ReplyWait", TimeSpan.FromSeconds(4));

    private static MultipartFormDataContent Upload(byte[] content, string fileName = "hold.wav", string type = "audio/wav")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    /// <summary>A message left, so the caller is put on hold; the recording's URL leads nowhere (the pipeline fails in the background).</summary>
    private static async Task<System.Xml.Linq.XElement> HoldAsync(TwilioCaller caller)
    {
        await caller.IncomingAsync();
        return await caller.RecordingAsync(TwilioCaller.NewRecordingSid(), new Uri("http://127.0.0.1:9/x"), 4);
    }

    [Fact]
    public async Task An_uploaded_clip_is_what_the_caller_hears_on_hold_looped_to_cover_the_reply_wait_until_it_is_removed()
    {
        var (_, admin, caller) = await api.NewBusinessCallAsync();
        using var client = await api.SignedInAsync(admin);
        var mp3 = FakeAudio.SilentMp3(60); // 60 × 1,152 samples at 44.1 kHz: about 1.57 s

        using var uploaded = await client.Http.PutAsync(HoldClipUrl, Upload(mp3, "music.mp3", "audio/mpeg"));

        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var settings = (await uploaded.Content.ReadFromJsonAsync<CallSettingsResponse>())!;
        Assert.True(settings.HasHoldClip);
        Assert.Equal(60 * 1152 / 44100.0, settings.HoldClipSeconds!.Value, precision: 3);
        Assert.Matches("/media/[A-Za-z0-9_-]{43}$", settings.HoldClipUrl);
        Assert.EndsWith(HoldAudio.Path, settings.DefaultHoldClipUrl);

        var hold = await HoldAsync(caller);
        Assert.Equal(["Play", "Redirect"], TwilioCaller.Verbs(hold));
        var play = hold.Element("Play")!;
        Assert.Equal(settings.HoldClipUrl, play.Value);
        var loops = int.Parse(play.Attribute("loop")!.Value);
        // The first step is the short one: the clip fills it, and the reply request after it waits at most a moment.
        var sound = TimeSpan.FromSeconds(loops * settings.HoldClipSeconds.Value);
        Assert.True(sound >= HoldTiming.FirstStep, $"{loops} loops");
        Assert.True(HoldTiming.ReplyWaitOf(1, ReplyWait, settings.HoldClipSeconds) <= sound + HoldTiming.LongestQuiet, $"{loops} loops");
        using (var anonymous = api.CreateClient())
        {
            Assert.Equal(mp3, await anonymous.GetByteArrayAsync(new Uri(play.Value).PathAndQuery));
        }

        using var removed = await client.Http.DeleteAsync(HoldClipUrl);
        var after = (await removed.Content.ReadFromJsonAsync<CallSettingsResponse>())!;
        Assert.Equal((false, null, null), (after.HasHoldClip, after.HoldClipUrl, after.HoldClipSeconds));
        using (var anonymous = api.CreateClient())
        {
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri(play.Value).PathAndQuery)).StatusCode);
        }
        var next = new TwilioCaller(api, CustomerApiExtensions.NextMobile(), caller.To);
        Assert.Equal(caller.PublicHost + HoldAudio.FirstStepPath, (await HoldAsync(next)).Element("Play")!.Value);
    }

    [Fact]
    public async Task A_replaced_clip_is_deleted_and_a_clip_whose_file_vanished_gives_way_to_the_generated_one()
    {
        var (_, admin, caller) = await api.NewBusinessCallAsync();
        using var client = await api.SignedInAsync(admin);
        using var first = await client.Http.PutAsync(HoldClipUrl, Upload(FakeAudio.SpeechWav(TimeSpan.FromSeconds(3))));
        var firstUrl = (await first.Content.ReadFromJsonAsync<CallSettingsResponse>())!.HoldClipUrl!;

        using var second = await client.Http.PutAsync(HoldClipUrl, Upload(FakeAudio.SpeechWav(TimeSpan.FromSeconds(6))));
        var settings = (await second.Content.ReadFromJsonAsync<CallSettingsResponse>())!;

        Assert.Equal(6, settings.HoldClipSeconds!.Value, precision: 3);
        using var anonymous = api.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri(firstUrl).PathAndQuery)).StatusCode);

        // A six-second clip already covers a step: it plays once.
        var hold = await HoldAsync(caller);
        Assert.Equal(settings.HoldClipUrl, hold.Element("Play")!.Value);
        Assert.Null(hold.Element("Play")!.Attribute("loop"));

        var clipUrl = settings.HoldClipUrl!;
        var key = clipUrl[(clipUrl.LastIndexOf('/') + 1)..];
        await api.Services.GetRequiredService<IMediaStore>().DeleteAsync(MediaArea.Public, key, default);
        var next = new TwilioCaller(api, CustomerApiExtensions.NextMobile(), caller.To);
        Assert.Equal(caller.PublicHost + HoldAudio.FirstStepPath, (await HoldAsync(next)).Element("Play")!.Value);
    }

    [Fact]
    public async Task A_clip_that_is_not_audio_unreadable_too_long_too_short_or_too_large_is_refused_as_problem_json()
    {
        var (_, admin) = await api.CreateBusinessAsync();
        using var client = await api.SignedInAsync(admin);
        var headerOnly = FakeAudio.SpeechWav(TimeSpan.FromSeconds(1))[..12];

        using var text = await client.Http.PutAsync(HoldClipUrl, Upload("hello"u8.ToArray(), "a.wav"));
        using var none = await client.Http.PutAsync(HoldClipUrl, new MultipartFormDataContent());
        using var unreadable = await client.Http.PutAsync(HoldClipUrl, Upload(headerOnly));
        using var tooLong = await client.Http.PutAsync(HoldClipUrl, Upload(FakeAudio.SpeechWav(TimeSpan.FromSeconds(HoldClipApi.MaxSeconds + 5))));
        using var tooShort = await client.Http.PutAsync(HoldClipUrl, Upload(FakeAudio.SpeechWav(TimeSpan.FromSeconds(0.3))));
        using var huge = await client.Http.PutAsync(HoldClipUrl, Upload(FakeAudio.SpeechWav(TimeSpan.FromSeconds(400))));
        using var notForm = await client.Http.PutAsJsonAsync(HoldClipUrl, new { file = "x" });

        Assert.Equal(
            [HttpStatusCode.UnsupportedMediaType, HttpStatusCode.BadRequest, HttpStatusCode.UnprocessableEntity,
                HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity, HttpStatusCode.RequestEntityTooLarge,
                HttpStatusCode.UnsupportedMediaType],
            new[] { text, none, unreadable, tooLong, tooShort, huge, notForm }.Select(r => r.StatusCode));
        var problems = new List<System.Text.Json.JsonElement>();
        foreach (var response in new[] { text, none, unreadable, tooLong, tooShort, huge, notForm })
        {
            problems.Add(await response.ProblemAsync());
        }
        Assert.Contains("seconds", problems[3].GetProperty("detail").GetString());
        using var current = await client.Http.GetAsync("/api/admin/call-settings");
        Assert.False((await current.Content.ReadFromJsonAsync<CallSettingsResponse>())!.HasHoldClip);
    }

    [Fact]
    public async Task Agents_cannot_change_the_hold_clip()
    {
        var (business, _) = await api.CreateBusinessAsync();
        var agent = await api.CreateUserAsync(business.Name, UserRoles.Agent);
        using var client = await api.SignedInAsync(agent);

        using var upload = await client.Http.PutAsync(HoldClipUrl, Upload(FakeAudio.SpeechWav(TimeSpan.FromSeconds(3))));
        using var remove = await client.Http.DeleteAsync(HoldClipUrl);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (upload.StatusCode, remove.StatusCode));
    }
}
