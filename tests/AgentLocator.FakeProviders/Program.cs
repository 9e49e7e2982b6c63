using System.Globalization;

namespace AgentLocator.FakeProviders;

/// <summary>
/// Runs the fakes on their own, for trying the API by hand or driving it from the simulator:
/// <c>dotnet run --project tests/AgentLocator.FakeProviders -- --port 5099 [--twilio-sid AC… --twilio-token …]
/// [--google-credentials PATH]</c> (the Twilio account may come from TWILIO_SID and TWILIO_TOKEN instead).
/// Prints the environment variables that point the API at them, then serves until Ctrl+C.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var port = 5099;
        string? twilioSid = null, twilioToken = null, googleCredentials = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--port" when int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value):
                    port = value;
                    break;
                case "--twilio-sid":
                    twilioSid = args[i + 1];
                    break;
                case "--twilio-token":
                    twilioToken = args[i + 1];
                    break;
                // The AppHost names the key file's path up front, so it can hand the API that path before the fake runs.
                case "--google-credentials":
                    googleCredentials = args[i + 1];
                    break;
                default:
                    await Console.Error.WriteLineAsync($"Unknown argument {args[i]}. Usage: --port N [--twilio-sid SID --twilio-token TOKEN] [--google-credentials PATH]");
                    return 2;
            }
        }

        // The AppHost hands the account over in the environment, so the token is never on a command line.
        twilioSid ??= Environment.GetEnvironmentVariable("TWILIO_SID") is { Length: > 0 } sid ? sid : null;
        twilioToken ??= Environment.GetEnvironmentVariable("TWILIO_TOKEN") is { Length: > 0 } token ? token : null;
        await using var fakes = await FakeProviders.StartAsync(new FakeProvidersOptions
        {
            Port = port, TwilioAccountSid = twilioSid, TwilioAuthToken = twilioToken, LogRequests = true,
        });
        // Status callbacks are signed with the account's token, as Twilio signs them, and posted to the StatusCallback URL.
        fakes.Twilio.Messages.SigningToken = twilioToken;
        var variables = new Dictionary<string, string>(fakes.EnvironmentVariables);
        if (googleCredentials is not null)
        {
            // The same key, where it was asked for; mode 600 like the fake's own copy, since it holds a private key.
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(googleCredentials))!);
            File.Copy(fakes.Google.CredentialsPath, googleCredentials, overwrite: true);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(googleCredentials, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            variables["GOOGLE_APPLICATION_CREDENTIALS"] = googleCredentials;
        }

        Console.WriteLine($"# Fake OpenAI, Google and Twilio at {fakes.BaseAddress}. Point the API at them with:");
        foreach (var (name, value) in variables)
        {
            // The token is a secret even here (the AppHost's log keeps this output): the one given is meant, not shown.
            Console.WriteLine(name == "TWILIO_TOKEN" ? "export TWILIO_TOKEN=… (the token this fake was given)" : $"export {name}='{value}'");
        }
        Console.WriteLine($"# Register a recording: curl --data-binary @call.wav -H 'Content-Type: audio/x-wav' {fakes.BaseAddress}_fake/twilio/recordings");
        Console.WriteLine($"# Requests so far: {fakes.BaseAddress}_fake/requests. Ctrl+C stops.");

        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.TrySetResult();
        };
        // The web host's own SIGTERM handling keeps ProcessExit from firing, so SIGTERM is handled here as well.
        using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, signal =>
            {
                signal.Cancel = true;
                stop.TrySetResult();
            });
        await stop.Task;
        return 0;
    }
}
