using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Calls;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.FakeProviders;
using AgentLocator.Grains.Data.Entities;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLocator.Api.Tests.Calls;

/// <summary>An admin's answering settings as the caller hears them, and the call log's live updates.</summary>
[Collection(ApiCollection.Name)]
public sealed class CallSettingsAndLiveTests(AgentLocatorApiFactory api)
{
    private static MultipartFormDataContent Upload(byte[] content, string fileName = "greeting.wav", string type = "audio/wav")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    [Fact]
    public async Task The_greeting_text_the_admin_writes_is_what_the_caller_hears()
    {
        var (_, admin, caller) = await api.NewBusinessCallAsync();
        using var client = await api.SignedInAsync(admin);

        using var saved = await client.Http.PutAsJsonAsync("/api/admin/call-settings",
            new CallSettingsRequest("ברוכים הבאים למשרד שלנו, השאירו הודעה.", "ענו בקצרה.", "נחזור אליכם מחר.", admin.Id));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var settings = await saved.Content.ReadFromJsonAsync<CallSettingsResponse>();
        Assert.Equal(("ענו בקצרה.", "נחזור אליכם מחר.", admin.Id), (settings!.ReplyPrompt, settings.FallbackMessage, settings.DefaultAgentId));

        var greeting = await caller.IncomingAsync();
        Assert.Equal("ברוכים הבאים למשרד שלנו, השאירו הודעה.", greeting.Element("Say")!.Value);
    }

    [Fact]
    public async Task Settings_are_validated_field_by_field()
    {
        var (_, admin) = await api.CreateBusinessAsync();
        var (_, stranger) = await api.CreateBusinessAsync();
        using var client = await api.SignedInAsync(admin);

        using var tooLong = await client.Http.PutAsJsonAsync("/api/admin/call-settings", new CallSettingsRequest(new string('א', 1001), null, null, null));
        using var foreignAgent = await client.Http.PutAsJsonAsync("/api/admin/call-settings", new CallSettingsRequest(null, null, null, stranger.Id));

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.True((await tooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("greetingText", out _));
        Assert.Equal(HttpStatusCode.BadRequest, foreignAgent.StatusCode);
        Assert.True((await foreignAgent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("defaultAgentId", out _));
    }

    [Fact]
    public async Task An_uploaded_greeting_is_played_from_an_unguessable_url_and_a_missing_file_falls_back_to_speech()
    {
        var (_, admin, caller) = await api.NewBusinessCallAsync();
        using var client = await api.SignedInAsync(admin);
        var wav = FakeAudio.SpeechWav(TimeSpan.FromSeconds(1));

        using var uploaded = await client.Http.PutAsync("/api/admin/call-settings/greeting-audio", Upload(wav));
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var settings = await uploaded.Content.ReadFromJsonAsync<CallSettingsResponse>();
        Assert.True(settings!.HasGreetingAudio);

        var greeting = await caller.IncomingAsync();
        var play = Assert.Single(greeting.Elements("Play"));
        Assert.Equal(settings.GreetingAudioUrl, play.Value);
        Assert.Matches("/media/[A-Za-z0-9_-]{43}$", play.Value);
        using (var anonymous = api.CreateClient())
        {
            Assert.Equal(wav, await anonymous.GetByteArrayAsync(new Uri(play.Value).PathAndQuery));
        }

        // The file vanished (a disk swap, a bad restore): the caller hears the greeting text instead of an error.
        var key = play.Value[(play.Value.LastIndexOf('/') + 1)..];
        var media = api.Services.GetRequiredService<Grains.Calls.Providers.IMediaStore>();
        await media.DeleteAsync(Grains.Calls.Providers.MediaArea.Public, key, default);
        var second = new TwilioCaller(api, CustomerApiExtensions.NextMobile(), caller.To);
        Assert.Equal(["Say", "Pause", "Record", "Say", "Redirect"], TwilioCaller.Verbs(await second.IncomingAsync()));

        using var removed = await client.Http.DeleteAsync("/api/admin/call-settings/greeting-audio");
        Assert.False((await removed.Content.ReadFromJsonAsync<CallSettingsResponse>())!.HasGreetingAudio);
    }

    [Fact]
    public async Task A_greeting_that_is_not_audio_or_too_large_is_refused()
    {
        var (_, admin) = await api.CreateBusinessAsync();
        using var client = await api.SignedInAsync(admin);

        using var text = await client.Http.PutAsync("/api/admin/call-settings/greeting-audio", Upload("hello"u8.ToArray(), "a.wav"));
        using var huge = await client.Http.PutAsync("/api/admin/call-settings/greeting-audio",
            Upload(FakeAudio.SpeechWav(TimeSpan.FromSeconds(400))));
        using var none = await client.Http.PutAsync("/api/admin/call-settings/greeting-audio", new MultipartFormDataContent());

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.All([text, huge, none], r => Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType));
    }

    [Fact]
    public async Task Agents_cannot_change_the_settings()
    {
        var (business, _) = await api.CreateBusinessAsync();
        var agent = await api.CreateUserAsync(business.Name, UserRoles.Agent);
        using var client = await api.SignedInAsync(agent);

        using var response = await client.Http.PutAsJsonAsync("/api/admin/call-settings", new CallSettingsRequest("x", null, null, null));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_call_in_progress_appears_live_on_the_watching_call_log()
    {
        var (_, admin, caller) = await api.NewBusinessCallAsync();
        var (_, stranger, strangersCaller) = await api.NewBusinessCallAsync();
        var token = (await new ApiClient(api).SignInAsync(admin.Email)).AccessToken;
        var strangerToken = (await new ApiClient(api).SignInAsync(stranger.Email)).AccessToken;
        var seen = new ConcurrentBag<CallListItem>();
        var strangerSeen = new ConcurrentBag<CallListItem>();
        var wire = new ConcurrentBag<JsonElement>();
        await using var connection = await WatchAsync(token, seen, wire);
        await using var strangerConnection = await WatchAsync(strangerToken, strangerSeen);

        await caller.IncomingAsync();

        var update = await api.EventuallyAsync(() => Task.FromResult(seen.FirstOrDefault()), _ => true, "call:updated");
        Assert.Equal((caller.From, CallDisposition.InProgress), (update.From, update.Disposition));
        // The message carries the statuses as the same words the calls API sends, not enum numbers.
        var sent = wire.First();
        Assert.Equal(("in-progress", "in-progress"), (sent.GetProperty("status").GetString(), sent.GetProperty("disposition").GetString()));
        await Task.Delay(300);
        Assert.Empty(strangerSeen);
        _ = strangersCaller;
    }

    [Fact]
    public async Task Bursts_of_calls_at_two_businesses_each_reach_their_own_log_every_one()
    {
        var (business, admin, _) = await api.NewBusinessCallAsync();
        var (other, otherAdmin, _) = await api.NewBusinessCallAsync();
        var seen = new ConcurrentBag<CallListItem>();
        var otherSeen = new ConcurrentBag<CallListItem>();
        await using var connection = await WatchAsync((await new ApiClient(api).SignInAsync(admin.Email)).AccessToken, seen);
        await using var otherConnection = await WatchAsync((await new ApiClient(api).SignInAsync(otherAdmin.Email)).AccessToken, otherSeen);
        var callers = Enumerable.Range(0, 30).Select(_ => new TwilioCaller(api, CustomerApiExtensions.NextMobile(), business.TwilioNumber!)).ToList();
        var otherCallers = Enumerable.Range(0, 30).Select(_ => new TwilioCaller(api, CustomerApiExtensions.NextMobile(), other.TwilioNumber!)).ToList();

        // Interleaved, so the announcements queue together and are read and sent in shared batches.
        await Task.WhenAll(callers.Zip(otherCallers).SelectMany(pair => new[] { pair.First.IncomingAsync(), pair.Second.IncomingAsync() }));

        var expected = callers.Select(c => c.From).ToHashSet();
        var otherExpected = otherCallers.Select(c => c.From).ToHashSet();
        await api.EventuallyAsync(() => Task.FromResult<int?>(seen.Select(s => s.From).Distinct().Count()), count => count >= expected.Count, "the first log's calls");
        await api.EventuallyAsync(() => Task.FromResult<int?>(otherSeen.Select(s => s.From).Distinct().Count()), count => count >= otherExpected.Count, "the second log's calls");
        Assert.Equal(expected, seen.Select(s => s.From).ToHashSet());
        Assert.Equal(otherExpected, otherSeen.Select(s => s.From).ToHashSet());
    }

    private async Task<HubConnection> WatchAsync(string token, ConcurrentBag<CallListItem> seen, ConcurrentBag<JsonElement>? wire = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(api.ServerAddress, "/ws"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        connection.On<JsonElement>("call:updated", body =>
        {
            wire?.Add(body.Clone());
            seen.Add(body.Deserialize<CallListItem>(JsonSerializerOptions.Web)!);
        });
        await connection.StartAsync();
        Assert.True(await connection.InvokeAsync<bool>("WatchCalls"));
        return connection;
    }
}
