using System.Runtime.Versioning;
using Microsoft.Extensions.DependencyInjection;

[assembly: SupportedOSPlatform("linux")]
// Each class starts real servers (and the shutdown test a whole AppHost); on two shared cores they run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace AgentLocator.AppHost.Tests;

/// <summary>A scratch folder under /tmp (short, so Postgres' socket path stays under the unix limit).</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine("/tmp", "apphost-tests-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}

internal static class AppHostFactory
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    /// <summary>
    /// The AppHost's model, its servers' data in <paramref name="dataDirectory"/>, ports chosen freely, and the demo
    /// businesses empty (the tests count calls from zero; the demo data has its own tests in the API's).
    /// </summary>
    public static Task<IDistributedApplicationTestingBuilder> CreateAsync(string dataDirectory, params string[] args) =>
        DistributedApplicationTestingBuilder.CreateAsync<Projects.AgentLocator_AppHost>(
            [$"--AgentLocator:DataDirectory={dataDirectory}", $"--{AppModel.DemoDataKey}=false", .. args],
            (options, _) => options.DisableDashboard = true);

    /// <summary>Only Postgres (with its database) and Redis: what the other resources need, started alone.</summary>
    public static async Task<IDistributedApplicationTestingBuilder> ServicesOnlyAsync(string dataDirectory)
    {
        var builder = await CreateAsync(dataDirectory);
        foreach (var resource in builder.Resources.Where(r => r.Name is not ("postgres" or "agentlocator" or "redis")).ToList())
        {
            builder.Resources.Remove(resource);
        }

        return builder;
    }

    public static async Task WaitHealthyAsync(DistributedApplication app, IEnumerable<string> resources)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        foreach (var resource in resources)
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        }
    }

    /// <summary>What a resource printed so far, for assertions and for failure messages.</summary>
    public static async Task<string> LogsAsync(DistributedApplication app, IResource resource)
    {
        var lines = new List<string>();
        await foreach (var batch in app.Services.GetRequiredService<ResourceLoggerService>().GetAllAsync(resource))
        {
            lines.AddRange(batch.Select(line => line.Content));
        }

        return string.Join('\n', lines);
    }
}
