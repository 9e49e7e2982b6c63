namespace AgentLocator.CallSimulator;

/// <summary>The <c>whatsapp</c> command's arguments: one inbound message, optionally with a voice note and a photo.</summary>
public sealed class WhatsAppCommandLine
{
    public const string Command = "whatsapp";

    public const string Usage = """
        AgentLocator call simulator, WhatsApp: plays Twilio posting one inbound WhatsApp message to /webhook/whatsapp.

        usage: dotnet run --project tools/AgentLocator.CallSimulator -- whatsapp [options]

          --api URL            where to send the request (default http://localhost:5080)
          --public-host URL    the server's PUBLIC_HOST, which the request is signed for (default: --api)
          --token TOKEN        the server's TWILIO_TOKEN (default: $TWILIO_TOKEN, else the Development token)
          --from NUMBER        the customer (default +972501234567)
          --to NUMBER          the business's WhatsApp sender (default +97235550100, the demo business)
          --name NAME          the customer's WhatsApp profile name
          --text TEXT          the message's text ("" for none; default a Hebrew enquiry)
          --voice-note         attach a voice note: Hebrew from espeak-ng when installed, else a voice-like tone
          --wav FILE           attach this WAV as the voice note instead
          --photo              attach a small generated PNG photo
          --message-sid SID    use this MessageSid (to replay a message, as Twilio's retries do)
          --download-wait S    wait up to S seconds for the server to fetch the media (default 10)
          -h, --help           show this help

        Exit code: 0 when Twilio got its empty <Response/> and the media was fetched, 1 when not, 2 for a bad command line.
        """;

    private static readonly string[] Flags = ["--voice-note", "--photo", "--help", "-h"];
    private static readonly string[] Values = ["--api", "--public-host", "--token", "--from", "--to", "--name", "--text", "--wav", "--message-sid", "--download-wait"];

    private string? wavFile;
    private bool voiceNote;

    private WhatsAppCommandLine() { }

    public bool ShowHelp { get; private set; }

    /// <summary>Everything but the voice note's audio, which <see cref="BuildAsync"/> adds.</summary>
    public WhatsAppSimulationOptions Options { get; private set; } = new();

    public bool WantsVoiceNote => voiceNote || wavFile is not null;

    /// <exception cref="CommandLineException">When an argument is unknown or lacks its value.</exception>
    public static WhatsAppCommandLine Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var command = new WhatsAppCommandLine();
        var options = new WhatsAppSimulationOptions
        {
            AuthToken = environment("TWILIO_TOKEN") is { Length: > 0 } token ? token : SimulationOptions.DevelopmentToken,
        };
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = CommandLine.Split(args[i]);
            if (Flags.Contains(name))
            {
                if (inline is not null)
                {
                    throw new CommandLineException($"{name} takes no value");
                }
                switch (name)
                {
                    case "--voice-note": command.voiceNote = true; break;
                    case "--photo": options = options with { Photo = true }; break;
                    default: command.ShowHelp = true; break;
                }
                continue;
            }
            if (!Values.Contains(name))
            {
                throw new CommandLineException($"unknown option {name} (see whatsapp --help)");
            }
            var value = inline ?? (i + 1 < args.Count ? args[++i] : throw new CommandLineException($"{name} needs a value"));
            options = name switch
            {
                "--api" => options with { Api = CommandLine.HttpUrl(name, value) },
                "--public-host" => options with { PublicHost = CommandLine.HttpUrl(name, value.Trim()).OriginalString.TrimEnd('/') },
                "--token" => options with { AuthToken = value },
                "--from" => options with { From = value },
                "--to" => options with { To = value },
                "--name" => options with { ProfileName = value },
                "--text" => options with { Text = value },
                "--message-sid" => options with { MessageSid = value },
                "--download-wait" => options with { MediaDownloadWait = TimeSpan.FromSeconds(Seconds(name, value)) },
                "--wav" => SetWav(command, value, options),
                _ => throw new InvalidOperationException($"{name} is listed in Values but not handled"),
            };
        }
        command.Options = options;
        return command;
    }

    /// <summary>The options with the voice note's audio: the --wav file, else generated Hebrew speech (or a tone).</summary>
    public async Task<WhatsAppSimulationOptions> BuildAsync(CancellationToken cancellationToken)
    {
        if (wavFile is not null)
        {
            return Options with { VoiceNote = await CommandLine.ReadWavAsync(wavFile, cancellationToken) };
        }
        return voiceNote ? Options with { VoiceNote = await CallerVoices.ForTurnAsync(0, preferSpeech: true, cancellationToken) } : Options;
    }

    private static WhatsAppSimulationOptions SetWav(WhatsAppCommandLine command, string value, WhatsAppSimulationOptions options)
    {
        command.wavFile = value;
        return options;
    }

    private static double Seconds(string name, string value) =>
        double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0 and <= 600
            ? seconds
            : throw new CommandLineException($"{name} must be a number from 0 to 600, not '{value}'");
}
