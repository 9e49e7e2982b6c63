using System.Text;
using Microsoft.AspNetCore.Http;

namespace AgentLocator.CallSimulator.Tests;

/// <summary>A call with recordings, against a scripted server standing in for our API.</summary>
public sealed class RecordingCallTests
{
    private const string Greeting = "שלום, השאירו הודעה אחרי הצליל.";
    private const string ThankYou = "תודה, הודעתכם התקבלה.";

    private static readonly HttpClient Downloader = new();

    private static CallerTurn Speaks(bool hangsUp = false) => new(CallerVoices.Voice(TimeSpan.FromSeconds(2)), hangsUp);

    [Fact]
    public async Task A_recorded_turn_is_signed_for_the_public_host_and_reported_to_the_relative_action()
    {
        // A public host unlike the real address proves the simulator signs one URL and sends to the other.
        await using var server = await ScriptedTwilioServer.StartAsync(publicHost: "https://crm.example.test");
        byte[]? downloaded = null;
        server.On("/webhook/incoming_call", _ => ScriptedTwilioServer.Twiml(
            $"<Say language=\"he-IL\">{Greeting}</Say>" +
            "<Record action=\"handle_recording\" method=\"POST\" maxLength=\"30\" timeout=\"5\" finishOnKey=\"*\" " +
            "recordingStatusCallback=\"https://crm.example.test/webhook/recording_status\"/>" +
            "<Say>never reached</Say>"));
        server.On("/webhook/handle_recording", async (request, _) =>
        {
            downloaded = await Downloader.GetByteArrayAsync(request["RecordingUrl"]);
            return ScriptedTwilioServer.Twiml($"<Say>{ThankYou}</Say><Hangup/>");
        });

        var result = await new CallSimulation().RunAsync(server.Options(Speaks()), TextWriter.Null);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.All(server.Requests, request => Assert.True(request.SignatureValid, $"{request.Path} is not validly signed"));
        Assert.Equal(["/webhook/call_status", "/webhook/handle_recording", "/webhook/incoming_call", "/webhook/recording_status"],
            server.Requests.Select(r => r.Path).Order());
        Assert.Equal([Greeting, ThankYou], result.SpokenTexts);

        var incoming = Assert.Single(server.To("/webhook/incoming_call"));
        Assert.Matches("^CA[0-9a-f]{32}$", incoming["CallSid"]);
        Assert.Matches("^AC[0-9a-f]{32}$", incoming["AccountSid"]);
        Assert.Equal(("ringing", "inbound", "2010-04-01"), (incoming["CallStatus"], incoming["Direction"], incoming["ApiVersion"]));
        Assert.Equal((SimulationOptions.DefaultFrom, SimulationOptions.DemoBusinessNumber), (incoming["From"], incoming["To"]));
        Assert.Equal((incoming["From"], incoming["To"]), (incoming["Caller"], incoming["Called"]));

        var action = Assert.Single(server.To("/webhook/handle_recording"));
        Assert.Equal(("*", "2", incoming["CallSid"]), (action["Digits"], action["RecordingDuration"], action["CallSid"]));
        Assert.Matches("^RE[0-9a-f]{32}$", action["RecordingSid"]);
        Assert.EndsWith($"/2010-04-01/Accounts/{incoming["AccountSid"]}/Recordings/{action["RecordingSid"]}", action["RecordingUrl"]);
        Assert.NotNull(downloaded);
        Assert.Equal("RIFF", Encoding.ASCII.GetString(downloaded, 0, 4));
        Assert.Equal(200, Assert.Single(result.RecordingDownloads).StatusCode);

        var status = Assert.Single(server.To("/webhook/recording_status"));
        Assert.Equal(("completed", action["RecordingSid"], action["RecordingUrl"], "2"),
            (status["RecordingStatus"], status["RecordingSid"], status["RecordingUrl"], status["RecordingDuration"]));

        var end = Assert.Single(server.To("/webhook/call_status"));
        Assert.Equal("completed", end["CallStatus"]);
        // Two seconds of recording plus the greeting and the thanks: the simulated time, though nothing waited.
        Assert.InRange(int.Parse(end["CallDuration"]), 4, 30);
        Assert.Equal(result.CallDurationSeconds.ToString(), end["CallDuration"]);
        Assert.Equal(1, result.RecordingsPosted);
    }

    [Fact]
    public async Task An_empty_turn_skips_the_action_and_goes_on_with_the_next_verb()
    {
        await using var server = await ScriptedTwilioServer.StartAsync();
        server.On("/webhook/incoming_call", _ => ScriptedTwilioServer.Twiml(
            "<Record action=\"/webhook/handle_recording\" timeout=\"5\"/><Say>לא שמענו הודעה.</Say><Hangup/>"));

        var result = await new CallSimulation().RunAsync(server.Options(CallerTurn.Nothing), TextWriter.Null);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Empty(server.To("/webhook/handle_recording"));
        Assert.Equal(["לא שמענו הודעה."], result.SpokenTexts);
        Assert.Equal((0, 1), (result.RecordingsPosted, result.SkippedRecordings));
        Assert.Equal(["Record", "Say", "Hangup"], result.Verbs.Select(v => v.Name));
        // The silent wait until Twilio's timeout (5 s) still counts as call time, with the Say's second after it.
        Assert.InRange(int.Parse(Assert.Single(server.To("/webhook/call_status"))["CallDuration"]), 6, 7);
    }

    [Fact]
    public async Task Hanging_up_during_a_recording_posts_Digits_hangup_and_plays_nothing_after()
    {
        await using var server = await ScriptedTwilioServer.StartAsync();
        server.On("/webhook/incoming_call", _ => ScriptedTwilioServer.Twiml("<Record action=\"handle_recording\" finishOnKey=\"*\"/>"));
        server.On("/webhook/handle_recording", _ => ScriptedTwilioServer.Twiml("<Say>nobody hears this</Say><Redirect>incoming_call</Redirect>"));

        var result = await new CallSimulation().RunAsync(server.Options(Speaks(hangsUp: true)), TextWriter.Null);

        Assert.True(result.Succeeded, result.FailureReason);
        var action = Assert.Single(server.To("/webhook/handle_recording"));
        Assert.Equal(("hangup", "completed"), (action["Digits"], action["CallStatus"]));
        Assert.Empty(result.SpokenTexts);
        Assert.Single(server.To("/webhook/incoming_call"));
        Assert.Equal("hangup", Assert.Single(result.Recordings).Digits);
    }

    [Theory]
    [InlineData(HangUpOrder.RecordingFirst, "/webhook/handle_recording", "hangup")]
    [InlineData(HangUpOrder.StatusFirst, "/webhook/call_status", "hangup")]
    [InlineData(HangUpOrder.StarAfterCompleted, "/webhook/call_status", "*")]
    public async Task A_hang_up_reaches_the_server_in_the_order_asked_for(HangUpOrder order, string first, string digits)
    {
        await using var server = await ScriptedTwilioServer.StartAsync();
        server.On("/webhook/incoming_call", _ => ScriptedTwilioServer.Twiml("<Record action=\"handle_recording\" finishOnKey=\"*\"/>"));
        server.On("/webhook/handle_recording", _ => ScriptedTwilioServer.Twiml("<Play>hold.wav</Play><Redirect>call_reply</Redirect>"));

        var result = await new CallSimulation().RunAsync(server.Options(Speaks(hangsUp: true)) with { HangUpOrder = order }, TextWriter.Null);

        Assert.True(result.Succeeded, result.FailureReason);
        var ending = server.Requests.Where(r => r.Path is "/webhook/handle_recording" or "/webhook/call_status").ToList();
        Assert.Equal(2, ending.Count);
        Assert.Equal(first, ending[0].Path);
        var action = Assert.Single(server.To("/webhook/handle_recording"));
        Assert.Equal((digits, "completed"), (action["Digits"], action["CallStatus"]));
        Assert.Equal("completed", Assert.Single(server.To("/webhook/call_status"))["CallStatus"]);
        // Nobody is left on the line: the action's answer is never played or followed.
        Assert.Empty(result.PlayedUrls);
        Assert.Empty(server.To("/webhook/call_reply"));
        Assert.Equal("completed", result.FinalCallStatus);
    }

    [Fact]
    public async Task Together_posts_the_hung_up_recording_and_the_status_at_the_same_moment()
    {
        await using var server = await ScriptedTwilioServer.StartAsync();
        var recording = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var status = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.On("/webhook/incoming_call", _ => ScriptedTwilioServer.Twiml("<Record action=\"handle_recording\"/>"));
        // Each answers only once the other has arrived: posted one after the other, neither would.
        server.On("/webhook/handle_recording", async (_, _) =>
        {
            recording.TrySetResult();
            await status.Task.WaitAsync(TimeSpan.FromSeconds(10));
            return ScriptedTwilioServer.Twiml("<Hangup/>");
        });
        server.On("/webhook/call_status", async (_, _) =>
        {
            status.TrySetResult();
            await recording.Task.WaitAsync(TimeSpan.FromSeconds(10));
            return Results.Text("OK", "text/plain");
        });

        var result = await new CallSimulation().RunAsync(server.Options(Speaks(hangsUp: true)) with { HangUpOrder = HangUpOrder.Together }, TextWriter.Null);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal("hangup", Assert.Single(server.To("/webhook/handle_recording"))["Digits"]);
        Assert.Single(server.To("/webhook/call_status"));
    }

    [Fact]
    public async Task A_recording_that_is_not_ready_answers_404_first_then_the_WAV()
    {
        await using var server = await ScriptedTwilioServer.StartAsync();
        var statuses = new List<int>();
        server.On("/webhook/incoming_call", _ => ScriptedTwilioServer.Twiml("<Record action=\"handle_recording\"/>"));
        server.On("/webhook/handle_recording", async (request, _) =>
        {
            // As our API does: retry while Twilio is still processing the recording.
            for (var attempt = 0; attempt < 3; attempt++)
            {
                using var response = await Downloader.GetAsync(request["RecordingUrl"] + ".wav");
                statuses.Add((int)response.StatusCode);
                if (response.IsSuccessStatusCode)
                {
                    Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
                    Assert.True(Wav.IsWav(await response.Content.ReadAsByteArrayAsync()));
                    break;
                }
            }
            return ScriptedTwilioServer.Twiml("<Hangup/>");
        });

        var result = await new CallSimulation().RunAsync(server.Options(Speaks()) with { RecordingNotReadyOnce = true }, TextWriter.Null);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal([404, 200], statuses);
        Assert.Equal([404, 200], result.RecordingDownloads.Select(d => d.StatusCode));
    }

    [Fact]
    public async Task Silence_is_recorded_and_ends_on_the_timeout_without_a_key()
    {
        await using var server = await ScriptedTwilioServer.StartAsync();
        server.On("/webhook/incoming_call", _ => ScriptedTwilioServer.Twiml("<Record action=\"handle_recording\" finishOnKey=\"*\" timeout=\"5\"/>"));
        server.On("/webhook/handle_recording", _ => ScriptedTwilioServer.Twiml("<Hangup/>"));
        var silence = new CallerTurn(CallerVoices.Silence(TimeSpan.FromSeconds(3)), PressesFinishKey: false);

        var result = await new CallSimulation().RunAsync(server.Options(silence), TextWriter.Null);

        Assert.True(result.Succeeded, result.FailureReason);
        var action = Assert.Single(server.To("/webhook/handle_recording"));
        Assert.Equal(("", "3"), (action["Digits"], action["RecordingDuration"]));
    }
}
