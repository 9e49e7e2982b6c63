namespace AgentLocator.AppHost.Resources;

/// <summary>
/// A local redis-server with append-only persistence (Orleans reminders survive a restart), run as an Aspire
/// executable on the port DCP assigns behind its proxy. The class name matters: Aspire.Hosting.Orleans derives the
/// provider type it hands the silo ("Redis") from the resource type's name.
/// </summary>
internal sealed class RedisResource(string name, string dataDirectory)
    : ExecutableResource(name, "redis-server", dataDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    private EndpointReference? _endpoint;

    public string DataDirectory { get; } = dataDirectory;

    public EndpointReference PrimaryEndpoint => _endpoint ??= new(this, EndpointName);

    /// <summary>StackExchange.Redis configuration format.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
}
