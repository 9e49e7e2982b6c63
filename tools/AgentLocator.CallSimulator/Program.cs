using System.Text;

namespace AgentLocator.CallSimulator;

// Parses the command line, runs one simulated call and prints its summary; the work is in CallSimulation.
// An explicit entry point, so the test projects that reference both this and the API see one global Program.
internal static class SimulatorProgram
{
    public static async Task<int> Main(string[] args)
    {
        Console.OutputEncoding = Encoding.UTF8;
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, press) =>
        {
            // Ends cleanly (servers stopped, temp files removed) rather than killing the process.
            press.Cancel = true;
            stop.Cancel();
        };
        if (args is [WhatsAppCommandLine.Command, .. var rest])
        {
            return await WhatsAppAsync(rest, stop.Token);
        }

        CommandLine command;
        try
        {
            command = CommandLine.Parse(args, Environment.GetEnvironmentVariable);
        }
        catch (CommandLineException error)
        {
            Console.Error.WriteLine($"callsim: {error.Message}");
            return 2;
        }
        if (command.ShowHelp)
        {
            Console.WriteLine(CommandLine.Usage);
            return 0;
        }

        try
        {
            // A missed call records nothing, so there is no audio to make (espeak-ng takes a moment).
            var turns = command.Options.MissedCallStatus is null ? await command.BuildTurnsAsync(stop.Token) : [];
            var result = await new CallSimulation().RunAsync(command.Options with { Turns = turns }, Console.Out, stop.Token);
            SimulationReport.WriteSummary(result, Console.Out);
            return result.Succeeded ? 0 : 1;
        }
        catch (CommandLineException error)
        {
            Console.Error.WriteLine($"callsim: {error.Message}");
            return 2;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine("callsim: stopped");
            return 130;
        }
    }

    private static async Task<int> WhatsAppAsync(string[] args, CancellationToken cancellationToken)
    {
        try
        {
            var command = WhatsAppCommandLine.Parse(args, Environment.GetEnvironmentVariable);
            if (command.ShowHelp)
            {
                Console.WriteLine(WhatsAppCommandLine.Usage);
                return 0;
            }
            var result = await new WhatsAppSimulation().RunAsync(await command.BuildAsync(cancellationToken), Console.Out, cancellationToken);
            if (!result.Succeeded)
            {
                Console.Error.WriteLine($"callsim: {result.FailureReason}");
            }
            return result.Succeeded ? 0 : 1;
        }
        catch (CommandLineException error)
        {
            Console.Error.WriteLine($"callsim: {error.Message}");
            return 2;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Console.Error.WriteLine("callsim: stopped");
            return 130;
        }
    }
}
