namespace AgentLocator.AppHost.Hosting;

/// <summary>Any command: useful for one-off tools and for exercising the orchestrator itself.</summary>
internal sealed class ExecutableResource(string name, string command, IReadOnlyList<string> arguments, string workingDirectory)
    : Resource(name)
{
    public override string Kind => "Executable";

    public override LaunchSpec CreateLaunchSpec() =>
        new(command, arguments, workingDirectory) { Environment = ResolveEnvironment() };
}
