namespace AgentLocator.AppHost.Commands;

/// <summary>What a simulator prints, line by line, as log entries of the replica a command ran on, each tagged with <paramref name="tag"/>.</summary>
internal sealed class ResourceLogWriter(ILogger logger, string tag) : StringWriter
{
    public override void WriteLine(string? value) => logger.LogInformation("[{Tag}] {Line}", tag, value);

    public override void Write(string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            foreach (var line in value.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                logger.LogInformation("[{Tag}] {Line}", tag, line.TrimEnd('\r'));
            }
        }
    }
}
