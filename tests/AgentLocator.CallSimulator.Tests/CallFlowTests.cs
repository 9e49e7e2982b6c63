using Microsoft.AspNetCore.Http;

namespace AgentLocator.CallSimulator.Tests;

/// <summary>Redirects, media, and what counts as a failure Twilio would log.</summary>
public sealed class CallFlowTests
{
    [Fact]
    public async Task Redirects_resolve_against_the_current_document_and_a_GET_is_signed_over_its_query()
    {
        await using var server = await ScriptedTwilioServer.StartAsync();
        server.On("/webhook/incoming_call", _ => ScriptedTwilioServer.Twiml("<Redirect>next?step=2</Redirect>"));
        server.On("/webhook/next", _ => ScriptedTwilioServer.Twiml("<Redirect method=\"GET\">/flow/last</Redirect>"));
        server.On("/flow/last", _ => ScriptedTwilioServer.Twiml("<Pause length=\"2\"/><Hangup/>"));

        var result = await new CallSimulation().RunAsync(server.Options(), TextWriter.Null);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(["/webhook/incoming_call", "/webhook/next", "/flow/last", "/webhook/call_status"], server.Requests.Select(r => r.Path));
        Assert.All(server.Requests, request => Assert.True(request.SignatureValid, $"{request.Path} is not validly signed"));
        Assert.Equal("?step=2", server.To("/webhook/next").Single().Query);
        var get = server.To("/flow/last").Single();
        Assert.Equal("GET", get.Method);
        Assert.Contains("CallSid=CA", get.Query);
        Assert.Equal(["Redirect", "Redirect", "Pause", "Hangup"], result.Verbs.Select(v => v.Name));
    }

    [Fact]
    public async Task A_redirect_loop_stops_at_the_verb_limit_as_a_failure_and_the_call_still_ends()
    {
        await using var server = await ScriptedTwilioServer.StartAsync();
        server.On("/webhook/incoming_call", _ => ScriptedTwilioServer.Twiml("<Say>שוב</Say><Redirect>incoming_call</Redirect>"));

        var result = await new CallSimulation().RunAsync(server.Options(), TextWriter.Null);

        Assert.False(result.Succeeded);
        Assert.Contains("more than 50 verbs", result.FailureReason);
        Assert.Equal(50, result.Verbs.Count);
        // Verbs 1..50 are 25 documents of Say + Redirect, the last of which fetched a 26th.
        Assert.Equal(26, server.To("/webhook/incoming_call").Count());
        Assert.Equal("completed", Assert.Single(server.To("/webhook/call_status"))["CallStatus"]);
    }

    public static TheoryData<int, string, string, string> BadAnswers => new()
    {
        { 500, "text/plain", "boom", "HTTP 500" },
        { 404, "text/plain", "", "HTTP 404" },
        { 302, "text/plain", "", "HTTP 302" },
        { 200, "text/xml", "<Response><Say>unclosed", "not well-formed XML" },
        { 200, "text/html", "<Response><Hangup/></Response>", "Content-Type is 'text/html'" },
        { 200, "text/xml", "<Twiml><Hangup/></Twiml>", "root element is <Twiml>" },
        { 200, "text/xml", "<Response><Gather/></Response>", "<Gather> is not a verb" },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task An_answer_Twilio_would_reject_is_a_failure_and_the_call_still_ends(int status, string contentType, string body, string expected)
    {
        await using var server = await ScriptedTwilioServer.StartAsync();
        server.On("/webhook/incoming_call", _ => status == 302
            ? Results.Redirect("/elsewhere")
            : Results.Text(body, contentType, statusCode: status));

        var result = await new CallSimulation().RunAsync(server.Options(), TextWriter.Null);

        Assert.False(result.Succeeded);
        Assert.Contains(expected, result.FailureReason);
        Assert.Empty(server.To("/elsewhere"));
        Assert.Single(server.To("/webhook/call_status"));
    }

    [Fact]
    public async Task A_webhook_slower_than_the_timeout_is_a_failure()
    {
        await using var server = await ScriptedTwilioServer.StartAsync();
        server.On("/webhook/incoming_call", async (_, context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted).ContinueWith(_ => { });
            return ScriptedTwilioServer.Twiml("<Hangup/>");
        });

        var result = await new CallSimulation().RunAsync(
            server.Options() with { WebhookTimeout = TimeSpan.FromMilliseconds(200) }, TextWriter.Null);

        Assert.False(result.Succeeded);
        Assert.Contains("no answer within 0.2 s", result.FailureReason);
    }

    [Fact]
    public async Task Play_fetches_the_media_from_the_server_and_a_missing_one_is_a_failure()
    {
        await using var server = await ScriptedTwilioServer.StartAsync();
        var greeting = CallerVoices.Voice(TimeSpan.FromSeconds(1));
        server.On("/media/greeting.wav", _ => Results.Bytes(greeting, "audio/wav"));
        server.On("/webhook/incoming_call", _ => ScriptedTwilioServer.Twiml("<Play>/media/greeting.wav</Play><Play>/media/gone.mp3</Play><Hangup/>"));

        var result = await new CallSimulation().RunAsync(server.Options(), TextWriter.Null);

        Assert.Equal([server.PublicHost + "/media/greeting.wav", server.PublicHost + "/media/gone.mp3"], result.PlayedUrls);
        Assert.Single(server.To("/media/greeting.wav"));
        Assert.Equal("<Play> " + server.PublicHost + "/media/gone.mp3: HTTP 404, the caller hears nothing", Assert.Single(result.Failures));
        Assert.Equal("Hangup", result.Verbs[^1].Name);
    }

    [Theory]
    [InlineData("no-answer")]
    [InlineData("busy")]
    public async Task A_missed_call_posts_only_its_status(string status)
    {
        await using var server = await ScriptedTwilioServer.StartAsync();

        var result = await new CallSimulation().RunAsync(server.Options() with { MissedCallStatus = status }, TextWriter.Null);

        Assert.True(result.Succeeded, result.FailureReason);
        var only = Assert.Single(server.Requests);
        Assert.Equal(("/webhook/call_status", status, "0"), (only.Path, only["CallStatus"], only["CallDuration"]));
        Assert.True(only.SignatureValid);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_and_reported_with_what_to_check()
    {
        await using var server = await ScriptedTwilioServer.StartAsync();
        server.On("/webhook/incoming_call", request => request.SignatureValid
            ? ScriptedTwilioServer.Twiml("<Hangup/>")
            : Results.StatusCode(StatusCodes.Status403Forbidden));

        var result = await new CallSimulation().RunAsync(server.Options() with { AuthToken = "not-the-token" }, TextWriter.Null);

        Assert.False(result.Succeeded);
        Assert.Contains("--public-host its PUBLIC_HOST", result.FailureReason);
    }
}
