using System.Globalization;

namespace AgentLocator.CallSimulator;

/// <summary>A command line the simulator cannot run; the message says what to change.</summary>
public sealed class CommandLineException(string message) : Exception(message);

/// <summary>
/// The simulator's arguments, parsed by hand (no System.CommandLine here). "--name value" and "--name=value" both
/// work. The caller's audio is built separately (<see cref="BuildTurnsAsync"/>) because it may run espeak-ng.
/// </summary>
public sealed class CommandLine
{
    public const string Usage = """
        AgentLocator call simulator: plays Twilio against the webhooks (incoming_call → TwiML → call_status).

        usage: dotnet run --project tools/AgentLocator.CallSimulator -- [options]
               dotnet run --project tools/AgentLocator.CallSimulator -- whatsapp [options]   (see whatsapp --help)

          --api URL            where to send the requests (default http://localhost:5080)
          --public-host URL    the server's PUBLIC_HOST, which requests are signed for (default: --api)
          --token TOKEN        the server's TWILIO_TOKEN (default: $TWILIO_TOKEN, else the Development token)
          --from NUMBER        the caller (default +972501234567)
          --to NUMBER          the business's Twilio number (default +97235550100, the demo business)
          --wav FILE           what the caller says at a <Record>; repeat for more turns
          --turns N            how many turns to generate when no --wav is given (default 1): Hebrew from
                               espeak-ng when installed, else a synthesized voice-like tone
          --no-espeak          generate the tone even when espeak-ng is installed
          --silent             the caller records silence (the action is still requested)
          --empty              the caller says nothing, so Twilio skips each <Record>'s action
          --hangup             the caller hangs up during the last recording (Digits=hangup)
          --hangup-order ORDER how that hang-up reaches the server (implies --hangup):
                                 recording-first       handle_recording, then call_status completed (default)
                                 status-first          call_status completed, then handle_recording
                                 together              both at the same moment
                                 star-after-completed  the caller presses * and hangs up: call_status completed,
                                                       then handle_recording with Digits=* (its answer unheard)
          --missed             the call is not answered: only call_status no-answer is posted
          --busy               like --missed, with CallStatus=busy
          --speed X            real seconds per simulated second (default 1; 0 = no waiting)
          --not-ready          the first download of each recording answers 404, as Twilio may
          --download-wait S    after the call, wait up to S seconds for the server to fetch recordings (default 3)
          --max-verbs N        fail when a call runs more verbs than this (default 50)
          --call-sid SID       use this CallSid (to replay a call, as Twilio's retries do)
          --twiml              print each TwiML document received
          -h, --help           show this help

        Exit code: 0 when every request got what Twilio accepts, 1 when not, 2 for a bad command line.
        """;

    private static readonly string[] Flags = ["--no-espeak", "--silent", "--empty", "--hangup", "--missed", "--busy", "--not-ready", "--twiml", "--help", "-h"];

    private static readonly string[] Values =
        ["--api", "--public-host", "--token", "--from", "--to", "--wav", "--turns", "--speed", "--download-wait", "--max-verbs", "--call-sid",
            "--hangup-order"];

    private readonly List<string> wavFiles = [];
    private int turns = 1;
    private bool turnsGiven, silent, empty, hangup, preferSpeech = true;

    private CommandLine() { }

    public bool ShowHelp { get; private set; }

    /// <summary>Everything but the turns, which <see cref="BuildTurnsAsync"/> adds.</summary>
    public SimulationOptions Options { get; private set; } = new();

    public IReadOnlyList<string> WavFiles => wavFiles;

    /// <exception cref="CommandLineException">When an argument is unknown, lacks its value, or conflicts with another.</exception>
    public static CommandLine Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var command = new CommandLine();
        var options = new SimulationOptions
        {
            AuthToken = environment("TWILIO_TOKEN") is { Length: > 0 } token ? token : SimulationOptions.DevelopmentToken,
            Speed = 1,
            RecordingDownloadWait = TimeSpan.FromSeconds(3),
        };
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = Split(args[i]);
            if (Flags.Contains(name))
            {
                if (inline is not null)
                {
                    throw new CommandLineException($"{name} takes no value");
                }
                command.SetFlag(name, ref options);
                continue;
            }
            if (!Values.Contains(name))
            {
                throw new CommandLineException($"unknown option {name} (see --help)");
            }
            var value = inline ?? (i + 1 < args.Count ? args[++i] : throw new CommandLineException($"{name} needs a value"));
            options = command.SetValue(name, value, options);
        }
        command.Options = options;
        command.Check();
        return command;
    }

    private void SetFlag(string name, ref SimulationOptions options)
    {
        switch (name)
        {
            case "--no-espeak": preferSpeech = false; break;
            case "--silent": silent = true; break;
            case "--empty": empty = true; break;
            case "--hangup": hangup = true; break;
            case "--missed" or "--busy":
                if (options.MissedCallStatus is not null)
                {
                    throw new CommandLineException("use one of --missed and --busy");
                }
                options = options with { MissedCallStatus = name == "--busy" ? "busy" : "no-answer" };
                break;
            case "--not-ready": options = options with { RecordingNotReadyOnce = true }; break;
            case "--twiml": options = options with { PrintTwiml = true }; break;
            default: ShowHelp = true; break;
        }
    }

    private SimulationOptions SetValue(string name, string value, SimulationOptions options) => name switch
    {
        "--api" => options with { Api = HttpUrl(name, value) },
        // Kept as typed, not normalized: the server signs with its PUBLIC_HOST string exactly as configured.
        "--public-host" => options with { PublicHost = HttpUrl(name, value.Trim()).OriginalString.TrimEnd('/') },
        "--token" => options with { AuthToken = value },
        "--from" => options with { From = value },
        "--to" => options with { To = value },
        "--wav" => AddWav(value, options),
        "--turns" => SetTurns(value, options),
        "--speed" => options with { Speed = Number(name, value, 0, 100) },
        "--download-wait" => options with { RecordingDownloadWait = TimeSpan.FromSeconds(Number(name, value, 0, 600)) },
        "--max-verbs" => options with { MaxVerbs = (int)Number(name, value, 1, 10_000, whole: true) },
        "--call-sid" => options with { CallSid = value },
        "--hangup-order" => SetHangUpOrder(value, options),
        _ => throw new InvalidOperationException($"{name} is listed in Values but not handled"),
    };

    private SimulationOptions AddWav(string path, SimulationOptions options)
    {
        wavFiles.Add(path);
        return options;
    }

    private SimulationOptions SetHangUpOrder(string value, SimulationOptions options)
    {
        if (!HangUpOrders.TryParse(value, out var order))
        {
            throw new CommandLineException($"--hangup-order must be one of {string.Join(", ", HangUpOrders.Names)}, not '{value}'");
        }
        hangup = true;
        return options with { HangUpOrder = order };
    }

    private SimulationOptions SetTurns(string value, SimulationOptions options)
    {
        turns = (int)Number("--turns", value, 1, 100, whole: true);
        turnsGiven = true;
        return options;
    }

    private void Check()
    {
        if (silent && empty)
        {
            throw new CommandLineException("use one of --silent and --empty");
        }
        if (wavFiles.Count > 0 && (silent || empty || turnsGiven))
        {
            throw new CommandLineException("--wav gives the turns itself: leave out --turns, --silent and --empty");
        }
    }

    /// <summary>The caller's turns: the --wav files, or generated speech, tone, silence or nothing.</summary>
    public async Task<IReadOnlyList<CallerTurn>> BuildTurnsAsync(CancellationToken cancellationToken)
    {
        var built = new List<CallerTurn>();
        if (wavFiles.Count > 0)
        {
            foreach (var file in wavFiles)
            {
                built.Add(new CallerTurn(await ReadWavAsync(file, cancellationToken)));
            }
        }
        else
        {
            for (var turn = 0; turn < turns; turn++)
            {
                built.Add(empty ? CallerTurn.Nothing
                    // Silence ends on Twilio's timeout, not on a key: nobody is there to press it.
                    : silent ? new CallerTurn(CallerVoices.Silence(TimeSpan.FromSeconds(3)), PressesFinishKey: false)
                    : new CallerTurn(await CallerVoices.ForTurnAsync(turn, preferSpeech, cancellationToken)));
            }
        }
        if (hangup)
        {
            built[^1] = built[^1] with { HangsUp = true };
        }
        return built;
    }

    internal static async Task<byte[]> ReadWavAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            var wav = await File.ReadAllBytesAsync(file, cancellationToken);
            Wav.Duration(wav);
            return wav;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new CommandLineException($"--wav {file}: {error.Message}");
        }
    }

    internal static (string Name, string? Value) Split(string arg)
    {
        var equals = arg.IndexOf('=');
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 2 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }

    internal static Uri HttpUrl(string name, string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new CommandLineException($"{name} must be an absolute http(s) URL, not '{value}'");

    private static double Number(string name, string value, double min, double max, bool whole = false) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && number >= min && number <= max && (!whole || number == Math.Floor(number))
            ? number
            : throw new CommandLineException($"{name} must be a {(whole ? "whole " : "")}number from {min} to {max}, not '{value}'");
}
