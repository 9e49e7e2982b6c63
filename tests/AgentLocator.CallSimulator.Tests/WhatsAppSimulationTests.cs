using System.Text;

namespace AgentLocator.CallSimulator.Tests;

/// <summary>The <c>whatsapp</c> command: one signed inbound message, with media the server can fetch, against a scripted server.</summary>
public sealed class WhatsAppSimulationTests
{
    private static readonly HttpClient Downloader = new();

    [Fact]
    public async Task A_message_with_a_voice_note_and_a_photo_is_signed_for_the_public_host_and_its_media_is_served()
    {
        await using var server = await ScriptedTwilioServer.StartAsync(publicHost: "https://crm.example.test");
        var fetched = new List<(string ContentType, byte[] Bytes)>();
        server.On("/webhook/whatsapp", async (request, _) =>
        {
            for (var i = 0; i < int.Parse(request["NumMedia"], System.Globalization.CultureInfo.InvariantCulture); i++)
            {
                using var response = await Downloader.GetAsync(request[$"MediaUrl{i}"]);
                fetched.Add((response.Content.Headers.ContentType!.MediaType!, await response.Content.ReadAsByteArrayAsync()));
            }
            return ScriptedTwilioServer.Twiml("");
        });
        var voice = CallerVoices.Voice(TimeSpan.FromSeconds(1));
        var options = new WhatsAppSimulationOptions
        {
            Api = server.Address, PublicHost = server.PublicHost, AuthToken = ScriptedTwilioServer.Token, Text = "שלום", ProfileName = "דנה",
            VoiceNote = voice, Photo = true, MediaDownloadWait = TimeSpan.FromSeconds(5),
        };

        var result = await new WhatsAppSimulation().RunAsync(options, TextWriter.Null);

        Assert.True(result.Succeeded, result.FailureReason);
        var request = Assert.Single(server.To("/webhook/whatsapp"));
        Assert.True(request.SignatureValid);
        Assert.Matches("^SM[0-9a-f]{32}$", request["MessageSid"]);
        Assert.Equal(result.MessageSid, request["MessageSid"]);
        Assert.Equal(("whatsapp:" + SimulationOptions.DefaultFrom, "whatsapp:" + SimulationOptions.DemoBusinessNumber), (request["From"], request["To"]));
        Assert.Equal(("שלום", "דנה", SimulationOptions.DefaultFrom.TrimStart('+'), "2"), (request["Body"], request["ProfileName"], request["WaId"], request["NumMedia"]));
        Assert.Equal(("audio/wav", "image/png"), (request["MediaContentType0"], request["MediaContentType1"]));
        Assert.Matches($"/2010-04-01/Accounts/{request["AccountSid"]}/Messages/{request["MessageSid"]}/Media/ME[0-9a-f]{{32}}$", request["MediaUrl0"]);
        Assert.Equal([("audio/wav", voice.Length), ("image/png", fetched[1].Bytes.Length)], fetched.Select(f => (f.ContentType, f.Bytes.Length)));
        Assert.Equal(voice, fetched[0].Bytes);
        Assert.Equal("\x89PNG", Encoding.Latin1.GetString(fetched[1].Bytes, 0, 4));
        Assert.Equal(2, result.MediaDownloads.Count(d => d.StatusCode == 200));
    }

    [Fact]
    public async Task A_server_that_refuses_the_signature_fails_the_run_and_unfetched_media_fails_it_too()
    {
        await using var server = await ScriptedTwilioServer.StartAsync();
        server.On("/webhook/whatsapp", _ => ScriptedTwilioServer.Twiml(""));
        var options = new WhatsAppSimulationOptions
        {
            Api = server.Address, AuthToken = ScriptedTwilioServer.Token, Photo = true, MediaDownloadWait = TimeSpan.FromMilliseconds(200),
        };

        var unfetched = await new WhatsAppSimulation().RunAsync(options, TextWriter.Null);
        Assert.False(unfetched.Succeeded);
        Assert.Contains("media", unfetched.FailureReason);

        server.On("/webhook/whatsapp", _ => Microsoft.AspNetCore.Http.Results.StatusCode(403));
        var refused = await new WhatsAppSimulation().RunAsync(options with { Photo = false }, TextWriter.Null);
        Assert.False(refused.Succeeded);
        Assert.Contains("403", refused.FailureReason);
    }

    [Fact]
    public void The_command_line_reads_the_whatsapp_options_and_refuses_unknown_ones()
    {
        var command = WhatsAppCommandLine.Parse(
            ["--api", "http://localhost:5080", "--public-host=http://localhost:5173/", "--from", "+972521112233", "--text", "", "--photo", "--voice-note", "--name", "יוסי"],
            name => name == "TWILIO_TOKEN" ? "exported" : null);

        Assert.Equal(("http://localhost:5173", "+972521112233", "", "יוסי", "exported"),
            (command.Options.PublicHost, command.Options.From, command.Options.Text, command.Options.ProfileName, command.Options.AuthToken));
        Assert.True(command.Options.Photo);
        Assert.True(command.WantsVoiceNote);
        Assert.Throws<CommandLineException>(() => WhatsAppCommandLine.Parse(["--turns", "2"], _ => null));
        Assert.Throws<CommandLineException>(() => WhatsAppCommandLine.Parse(["--api", "not a url"], _ => null));
        Assert.True(WhatsAppCommandLine.Parse(["-h"], _ => null).ShowHelp);
    }
}
