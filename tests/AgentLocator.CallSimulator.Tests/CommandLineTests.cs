namespace AgentLocator.CallSimulator.Tests;

public sealed class CommandLineTests
{
    private static CommandLine Parse(params string[] args) => CommandLine.Parse(args, _ => null);

    [Fact]
    public void The_defaults_match_the_API_in_Development_and_the_demo_business()
    {
        var options = Parse().Options;
        Assert.Equal(new Uri("http://localhost:5080"), options.Api);
        Assert.Null(options.PublicHost);
        Assert.Equal("development-twilio-token", options.AuthToken);
        Assert.Equal(("+972501234567", "+97235550100"), (options.From, options.To));
        Assert.Equal((1.0, 50, (string?)null), (options.Speed, options.MaxVerbs, options.MissedCallStatus));
    }

    [Fact]
    public void The_token_comes_from_TWILIO_TOKEN_when_set()
    {
        var command = CommandLine.Parse([], name => name == "TWILIO_TOKEN" ? "from-env" : null);
        Assert.Equal("from-env", command.Options.AuthToken);
        Assert.Equal("given", CommandLine.Parse(["--token", "given"], _ => "from-env").Options.AuthToken);
    }

    [Fact]
    public void Values_come_after_a_space_or_an_equals_sign()
    {
        var command = Parse("--api=http://127.0.0.1:6000", "--public-host", "https://Tunnel.example.test/", "--speed", "0",
            "--wav", "a.wav", "--wav=b.wav", "--busy", "--not-ready", "--call-sid", "CA1");
        var options = command.Options;
        Assert.Equal(new Uri("http://127.0.0.1:6000"), options.Api);
        Assert.Equal("https://Tunnel.example.test", options.PublicHost);
        Assert.Equal((0.0, "busy", true, "CA1"), (options.Speed, options.MissedCallStatus, options.RecordingNotReadyOnce, options.CallSid));
        Assert.Equal(["a.wav", "b.wav"], command.WavFiles);
    }

    [Theory]
    [InlineData("unknown option --bogus", "--bogus")]
    [InlineData("--turns needs a value", "--turns")]
    [InlineData("--speed must be a number", "--speed", "fast")]
    [InlineData("--turns must be a whole number", "--turns", "1.5")]
    [InlineData("--api must be an absolute http(s) URL", "--api", "localhost:5080")]
    [InlineData("use one of --silent and --empty", "--silent", "--empty")]
    [InlineData("use one of --missed and --busy", "--missed", "--busy")]
    [InlineData("--wav gives the turns itself", "--wav", "a.wav", "--turns", "2")]
    [InlineData("--hangup takes no value", "--hangup=yes")]
    [InlineData("--hangup-order must be one of recording-first, status-first, together, star-after-completed", "--hangup-order", "later")]
    public void A_bad_command_line_says_what_is_wrong(string message, params string[] args) =>
        Assert.StartsWith(message, Assert.Throws<CommandLineException>(() => Parse(args)).Message);

    [Fact]
    public async Task Empty_turns_say_nothing_and_hangup_marks_the_last_turn()
    {
        var turns = await Parse("--turns", "2", "--empty", "--hangup").BuildTurnsAsync(CancellationToken.None);
        Assert.Equal([false, false], turns.Select(t => t.SaysSomething));
        Assert.Equal([false, true], turns.Select(t => t.HangsUp));
    }

    [Theory]
    [InlineData("recording-first", HangUpOrder.RecordingFirst)]
    [InlineData("status-first", HangUpOrder.StatusFirst)]
    [InlineData("together", HangUpOrder.Together)]
    [InlineData("Star-After-Completed", HangUpOrder.StarAfterCompleted)]
    public async Task A_hang_up_order_implies_the_hang_up(string name, HangUpOrder order)
    {
        var command = Parse("--turns", "2", "--no-espeak", "--hangup-order", name);

        Assert.Equal(order, command.Options.HangUpOrder);
        Assert.Equal([false, true], (await command.BuildTurnsAsync(CancellationToken.None)).Select(t => t.HangsUp));
        Assert.Equal(HangUpOrder.RecordingFirst, Parse("--hangup").Options.HangUpOrder);
    }

    [Fact]
    public async Task Generated_turns_are_audio_and_silent_turns_end_on_the_timeout()
    {
        var voices = await Parse("--turns", "2", "--no-espeak").BuildTurnsAsync(CancellationToken.None);
        Assert.All(voices, turn => Assert.True(turn.SaysSomething && turn.PressesFinishKey && Wav.IsWav(turn.Audio)));
        var silent = Assert.Single(await Parse("--silent").BuildTurnsAsync(CancellationToken.None));
        Assert.False(silent.PressesFinishKey);
    }

    [Fact]
    public async Task A_wav_file_that_is_not_a_WAV_is_a_command_line_error()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "not audio");
            var error = await Assert.ThrowsAsync<CommandLineException>(() => Parse("--wav", file).BuildTurnsAsync(CancellationToken.None));
            Assert.Contains(file, error.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Help_is_a_flag() => Assert.True(Parse("-h").ShowHelp);
}
