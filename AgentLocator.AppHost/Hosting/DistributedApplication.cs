using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace AgentLocator.AppHost.Hosting;

/// <summary>The built application: checks prerequisites, starts everything, serves the dashboard, and on
/// Ctrl+C or SIGTERM stops the children in reverse start order before exiting.</summary>
internal sealed partial class DistributedApplication
{
    private readonly DistributedApplicationBuilder _builder;

    internal DistributedApplication(DistributedApplicationBuilder builder)
    {
        _builder = builder;
        Orchestrator = new ResourceOrchestrator(builder.Resources);
    }

    public ResourceOrchestrator Orchestrator { get; }

    public static DistributedApplicationBuilder CreateBuilder(string[] args)
    {
        AppHostOptions options;
        try
        {
            options = AppHostOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            ConsoleOutput.Error(e.Message);
            ConsoleOutput.Error(AppHostOptions.Usage);
            Environment.Exit(64);
            throw;
        }

        if (options.ShowHelp)
        {
            ConsoleOutput.WriteLine(AppHostOptions.Usage);
            Environment.Exit(0);
        }

        return new DistributedApplicationBuilder(options, RepoRoot.Find());
    }

    /// <summary>Null when everything needed is installed; otherwise what to tell the developer.</summary>
    public static string? DescribeMissingPrerequisites(ToolLocator tools, IEnumerable<Resource> resources)
    {
        var required = resources.SelectMany(r => r.RequiredTools).ToArray();
        var packages = tools.MissingPackages(required);
        if (packages.Count == 0)
        {
            return null;
        }

        var commands = required.Where(t => tools.Find(t.Command) is null).Select(t => t.Command).Distinct();
        return $"""
            Missing programs: {string.Join(", ", commands)}.
            Install them with:
              {ToolLocator.InstallCommand(packages)}
            """;
    }

    public void Run() => Environment.ExitCode = RunAsync().GetAwaiter().GetResult();

    public async Task<int> RunAsync()
    {
        if (DescribeMissingPrerequisites(_builder.Tools, _builder.Resources) is { } missing)
        {
            ConsoleOutput.Error(missing);
            return 3;
        }

        for (var i = 0; i < _builder.Resources.Count; i++)
        {
            ConsoleOutput.Echo(_builder.Resources[i], i);
        }

        var shutdownRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var signals = 0;
        void OnSignal(PosixSignalContext context)
        {
            // We stop the children ourselves, in order; the runtime must not just exit underneath them.
            context.Cancel = true;
            if (Interlocked.Increment(ref signals) == 1)
            {
                ConsoleOutput.Error($"{context.Signal}: stopping resources in reverse start order (again to force)…");
                shutdownRequested.TrySetResult();
            }
            else
            {
                ConsoleOutput.Error("forced: killing every resource now");
                Orchestrator.KillAll();
            }
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
        // Backstop for an exit we did not plan (an unhandled exception): children must not outlive us.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Orchestrator.KillAll();

        DashboardServer? dashboard = null;
        try
        {
            dashboard = await DashboardServer.StartAsync(Orchestrator, _builder.Options.DashboardPort);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            ConsoleOutput.Error($"dashboard not started on port {_builder.Options.DashboardPort}: {e.Message}");
        }

        try
        {
            var startAll = Orchestrator.StartAllAsync();
            await Task.WhenAny(startAll, shutdownRequested.Task);
            if (startAll.IsCompleted)
            {
                PrintSummary(dashboard);
            }

            await shutdownRequested.Task;
            await Orchestrator.ShutdownAsync();
            await startAll.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { });
        }
        finally
        {
            if (dashboard is not null)
            {
                await dashboard.DisposeAsync();
            }
        }

        ConsoleOutput.WriteLine("All resources stopped.");
        return 0;
    }

    private void PrintSummary(DashboardServer? dashboard)
    {
        var resources = Orchestrator.Resources;
        ConsoleOutput.WriteLine();
        ConsoleOutput.WriteLine(ConsoleOutput.Table(
            ["RESOURCE", "STATE", "PID", "ENDPOINTS"],
            resources.Select(r => (IReadOnlyList<string>)
            [
                r.Name,
                r.State.ToString() + (r.StateDetail is null ? "" : $" ({r.StateDetail})"),
                r.Pid?.ToString() ?? "-",
                string.Join(" ", r.Endpoints.Select(e => e.Url)),
            ])));

        var links = resources.SelectMany(r => r.Urls).ToList();
        if (dashboard is not null)
        {
            links.Add(new ResourceUrl("AppHost dashboard", dashboard.Url));
        }

        ConsoleOutput.WriteLine();
        ConsoleOutput.WriteLine(ConsoleOutput.Table(["LINK", "URL"], links.Select(l => (IReadOnlyList<string>)[l.DisplayName, l.Url])));

        if (_builder.Options.ServicesOnly)
        {
            ConsoleOutput.WriteLine();
            foreach (var source in _builder.ConnectionStrings)
            {
                ConsoleOutput.WriteLine($"  ConnectionStrings__{source.ConnectionStringName}={HidePassword(source.GetConnectionString())}");
            }

            if (resources.OfType<PostgresServerResource>().FirstOrDefault() is { } postgres)
            {
                ConsoleOutput.WriteLine($"  (the Postgres password is in {postgres.PasswordFile})");
            }
        }

        ConsoleOutput.WriteLine();
        ConsoleOutput.WriteLine("Press Ctrl+C to stop.");
    }

    private static string HidePassword(string connectionString) => PasswordPart().Replace(connectionString, "Password=***");

    [GeneratedRegex("Password=[^;]*", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordPart();
}
