using System.Diagnostics;

namespace AgentLocator.Api.Tests.Infrastructure;

/// <summary>Runs the built API as its own process, for behaviour only a real start can show (exit codes, commands).</summary>
public static class ApiProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(IDictionary<string, string?> environment, params string[] args)
    {
        var apiDll = Path.Combine(AppContext.BaseDirectory, "AgentLocator.Api.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(apiDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        // Start from a clean slate: the test runner's own variables must not satisfy the settings under test.
        foreach (var key in start.Environment.Keys.Where(IsAppSetting).ToList())
        {
            start.Environment.Remove(key);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The API process did not exit within 90 s.");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    private static bool IsAppSetting(string key) =>
        key.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)
        || AgentLocator.Api.Infrastructure.Configuration.EnvironmentAliases.Map.Any(alias => alias.Alias.Equals(key, StringComparison.OrdinalIgnoreCase));
}
