using System.Text.Json;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.FakeProviders;

namespace AgentLocator.Api.Tests.Calls;

/// <summary>
/// Statuses are enums in C#; the calls API must still send them as the words the web app and the database use
/// (<c>in-progress</c>, <c>no-message</c>, <c>not-configured</c> …), read here from the raw JSON, not through our types.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CallWireStringsTests(AgentLocatorApiFactory api) : IAsyncLifetime
{
    private FakeProviders.FakeProviders fakes = null!;

    public async Task InitializeAsync() => fakes = await FakeProviders.FakeProviders.StartAsync();

    public async Task DisposeAsync() => await fakes.DisposeAsync();

    [Fact]
    public async Task The_calls_api_sends_statuses_states_and_dispositions_as_their_words()
    {
        // No speech keys in the shared test API: the turn ends not-configured and the caller hears the fallback.
        var (_, admin, caller) = await api.NewBusinessCallAsync();
        await caller.IncomingAsync();
        var url = fakes.Twilio.AddRecording(FakeAudio.SpeechWav(TimeSpan.FromSeconds(3)));
        var hold = await caller.RecordingAsync(TwilioCaller.NewRecordingSid(), url, 3);
        await caller.FollowAsync(hold.Element("Redirect")!);
        await caller.StatusAsync("completed", 20);
        var call = await api.ProcessedAsync(caller);

        using var client = await api.SignedInAsync(admin);
        using var detail = JsonDocument.Parse(await client.Http.GetStringAsync($"/api/calls/{call.Id}"));
        Assert.Equal(("completed", "message"), (Text(detail.RootElement, "status"), Text(detail.RootElement, "disposition")));
        var turn = Assert.Single(detail.RootElement.GetProperty("turns").EnumerateArray());
        Assert.Equal(("not-configured", "fallback"), (Text(turn, "state"), Text(turn, "spokenAs")));

        using var list = JsonDocument.Parse(await client.Http.GetStringAsync("/api/calls?disposition=message"));
        var row = Assert.Single(list.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(("completed", "message"), (Text(row, "status"), Text(row, "disposition")));

        // A second call still ringing: the hyphenated words of the first state.
        var (_, other, ringing) = await api.NewBusinessCallAsync();
        await ringing.IncomingAsync();
        using var otherClient = await api.SignedInAsync(other);
        using var live = JsonDocument.Parse(await otherClient.Http.GetStringAsync("/api/calls?disposition=in-progress"));
        var liveRow = Assert.Single(live.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(("in-progress", "in-progress"), (Text(liveRow, "status"), Text(liveRow, "disposition")));
    }

    private static string? Text(JsonElement element, string property) => element.GetProperty(property).GetString();
}
