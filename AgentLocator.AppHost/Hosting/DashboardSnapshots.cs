namespace AgentLocator.AppHost.Hosting;

internal sealed record EndpointSnapshot(string Name, string Url);

/// <summary>What the dashboard's JSON says about a resource.</summary>
internal sealed record ResourceSnapshot(
    string Name,
    string Kind,
    string State,
    string? StateDetail,
    int? Pid,
    DateTimeOffset? StartedAt,
    double? UptimeSeconds,
    string? Health,
    IReadOnlyList<EndpointSnapshot> Endpoints,
    IReadOnlyList<EndpointSnapshot> Urls,
    IReadOnlyList<string> WaitsFor,
    IReadOnlyList<CommandSnapshot> Commands)
{
    public static ResourceSnapshot Of(Resource r)
    {
        var pid = r.Pid;
        return new(
            r.Name,
            r.Kind,
            r.State.ToString(),
            r.StateDetail,
            pid,
            r.StartedAt,
            pid is not null && r.StartedAt is { } started ? Math.Round((DateTimeOffset.Now - started).TotalSeconds) : null,
            r.HealthDetail,
            r.Endpoints.Select(e => new EndpointSnapshot(e.Name, e.Url)).ToArray(),
            r.Urls.Select(u => new EndpointSnapshot(u.DisplayName, u.Url)).ToArray(),
            r.WaitsFor.Select(w => w.Name).ToArray(),
            r.Commands.Select(CommandSnapshot.Of).ToArray());
    }
}

/// <summary>A command's button: its state survives a page reload, and every open tab sees a run in progress.</summary>
internal sealed record CommandSnapshot(string Name, string DisplayName, string? Description, bool Running, CommandOutcome? LastOutcome)
{
    public static CommandSnapshot Of(ResourceCommand c) => new(c.Name, c.DisplayName, c.Description, c.IsRunning, c.LastOutcome);
}

internal sealed record LogLineSnapshot(long Seq, DateTimeOffset Time, string Stream, string Text)
{
    public static LogLineSnapshot Of(LogLine line) =>
        new(line.Sequence, line.Time, line.Stream.ToString().ToLowerInvariant(), ConsoleOutput.StripAnsi(line.Text));
}
