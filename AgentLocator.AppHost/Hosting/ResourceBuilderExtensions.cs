namespace AgentLocator.AppHost.Hosting;

/// <summary>The wiring verbs of Program.cs. Names follow Aspire so a later move is a swap, not a rewrite.</summary>
internal static class ResourceBuilderExtensions
{
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this DistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new PostgresServerResource(name, builder.ResolvePath($".agentlocator/{name}"), builder.Ports.Allocate(), builder.Tools));

    public static IResourceBuilder<PostgresServerResource> WithDataDirectory(this IResourceBuilder<PostgresServerResource> builder, string path)
    {
        builder.Resource.DataDirectory = builder.ApplicationBuilder.ResolvePath(path);
        return builder;
    }

    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(this IResourceBuilder<PostgresServerResource> builder, string databaseName)
    {
        builder.Resource.AddDatabase(databaseName);
        var database = new PostgresDatabaseResource(builder.Resource, databaseName);
        builder.ApplicationBuilder.AddConnectionString(database);
        return new ResourceBuilder<PostgresDatabaseResource>(builder.ApplicationBuilder, database);
    }

    public static IResourceBuilder<RedisResource> AddRedis(this DistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new RedisResource(name, builder.ResolvePath($".agentlocator/{name}"), builder.Ports.Allocate()));

    public static IResourceBuilder<RedisResource> WithDataDirectory(this IResourceBuilder<RedisResource> builder, string path)
    {
        builder.Resource.DataDirectory = builder.ApplicationBuilder.ResolvePath(path);
        return builder;
    }

    /// <param name="project">A .csproj, or a folder holding one named after it, relative to the repo root.</param>
    public static IResourceBuilder<ProjectResource> AddProject(
        this DistributedApplicationBuilder builder, string name, string project, int? preferredPort = null)
    {
        var path = builder.ResolvePath(project);
        if (Directory.Exists(path))
        {
            path = Path.Combine(path, Path.GetFileName(path.TrimEnd('/')) + ".csproj");
        }

        var resource = new ProjectResource(name, path, builder.Ports.Allocate(preferredPort));
        return builder.AddResource(resource);
    }

    public static IResourceBuilder<NpmAppResource> AddNpmApp(
        this DistributedApplicationBuilder builder, string name, string folder, string script = "dev", int? preferredPort = null)
    {
        var resource = new NpmAppResource(name, builder.ResolvePath(folder), script, builder.Ports.Allocate(preferredPort));
        resource.Urls.Add(new ResourceUrl("Web app", resource.HttpEndpoint.BrowserUrl));
        return builder.AddResource(resource);
    }

    public static IResourceBuilder<ExecutableResource> AddExecutable(
        this DistributedApplicationBuilder builder, string name, string command, string workingDirectory, params string[] arguments) =>
        builder.AddResource(new ExecutableResource(name, command, arguments, builder.ResolvePath(workingDirectory)));

    /// <summary>Injects <c>ConnectionStrings__{name}</c>, read when <paramref name="builder"/>'s resource starts.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithConnectionString> source)
        where T : Resource
    {
        var target = source.Resource;
        builder.Resource.SetEnvironment($"ConnectionStrings__{target.ConnectionStringName}", target.GetConnectionString);
        return builder;
    }

    /// <summary>Injects <c>services__{name}__http__0</c>, the key Aspire's service discovery reads.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithServiceDiscovery> source)
        where T : Resource
    {
        var service = source.Resource;
        builder.Resource.SetEnvironment($"services__{service.Name}__http__0", () => service.HttpEndpoint.Url);
        return builder;
    }

    /// <summary>Do not start until <paramref name="dependency"/> is healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IWaitTarget> dependency)
        where T : Resource
    {
        var target = dependency.Resource.WaitTarget;
        if (!builder.Resource.WaitsFor.Contains(target))
        {
            builder.Resource.WaitsFor.Add(target);
        }

        return builder;
    }

    public static IResourceBuilder<T> WithHttpHealthCheck<T>(this IResourceBuilder<T> builder, string path, string endpointName = "http")
        where T : Resource
    {
        var endpoint = builder.Resource.GetEndpoint(endpointName);
        builder.Resource.HealthCheck = ct => HealthChecks.HttpGetAsync(endpoint.Url + path, ct);
        return builder;
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value)
        where T : Resource
    {
        builder.Resource.SetEnvironment(name, () => value);
        return builder;
    }

    /// <summary>An extra port (e.g. Orleans silo and gateway), handed to the process in <paramref name="env"/>.</summary>
    public static IResourceBuilder<T> WithEndpoint<T>(this IResourceBuilder<T> builder, string name, string env, string scheme = "tcp")
        where T : Resource
    {
        var endpoint = new Endpoint(name, scheme, builder.ApplicationBuilder.Ports.Allocate());
        builder.Resource.Endpoints.Add(endpoint);
        builder.Resource.SetEnvironment(env, () => endpoint.Port.ToString());
        return builder;
    }

    /// <summary>Command-line arguments after the project's assembly (<c>dotnet app.dll &lt;args&gt;</c>).</summary>
    public static IResourceBuilder<ProjectResource> WithArgs(this IResourceBuilder<ProjectResource> builder, params string[] arguments)
    {
        builder.Resource.Arguments.AddRange(arguments);
        return builder;
    }

    /// <summary>A button on the dashboard that runs <paramref name="executeCommand"/>; see <see cref="ResourceCommand"/>.</summary>
    public static IResourceBuilder<T> WithCommand<T>(
        this IResourceBuilder<T> builder,
        string name,
        string displayName,
        Func<ExecuteCommandContext, Task<ExecuteCommandResult>> executeCommand,
        string? description = null)
        where T : Resource
    {
        if (builder.Resource.FindCommand(name) is not null)
        {
            throw new InvalidOperationException($"Resource '{builder.Resource.Name}' already has a command '{name}'.");
        }

        builder.Resource.Commands.Add(new ResourceCommand(name, displayName, executeCommand) { Description = description });
        return builder;
    }

    /// <summary>A link for the dashboard and the start-up table, relative to the resource's HTTP endpoint.</summary>
    public static IResourceBuilder<T> WithUrl<T>(this IResourceBuilder<T> builder, string displayName, string path)
        where T : Resource
    {
        builder.Resource.Urls.Add(new ResourceUrl(displayName, builder.Resource.GetEndpoint("http").Url + path));
        return builder;
    }
}
