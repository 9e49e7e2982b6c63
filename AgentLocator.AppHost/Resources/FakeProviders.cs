namespace AgentLocator.AppHost.Resources;

/// <summary>
/// tests/AgentLocator.FakeProviders as a resource: fake OpenAI and Google (token and Text-to-Speech) on one port,
/// speaking their wire formats, so the API's real clients run without keys.
/// </summary>
internal static class FakeProviders
{
    /// <summary>The key the fake OpenAI accepts (FakeOpenAI's default).</summary>
    public const string OpenAIKey = "sk-fake-agentlocator";

    public static IResourceBuilder<ProjectResource> AddFakeProviders(this IDistributedApplicationBuilder builder, string name)
    {
        var credentials = CredentialsPath(builder);
        var fakes = builder.AddProject<Projects.AgentLocator_FakeProviders>(name, launchProfileName: null)
            .WithHttpEndpoint(name: "http")
            .WithHttpHealthCheck("/_fake/requests")
            .WithUrl("/_fake/requests", "Requests the fakes received");
        var endpoint = fakes.GetEndpoint("http");
        // Its Main listens where --port says and writes its Google key file where we ask, so both are known up front.
        return fakes.WithArgs(context =>
        {
            context.Args.Add("--port");
            context.Args.Add(endpoint.Property(EndpointProperty.TargetPort));
            context.Args.Add("--google-credentials");
            context.Args.Add(credentials);
        });
    }

    /// <summary>OPENAI_API_KEY, OPENAI_BASE_URL, GOOGLE_APPLICATION_CREDENTIALS and Google__TextToSpeechEndpoint.</summary>
    public static IResourceBuilder<ProjectResource> WithFakeProviders(this IResourceBuilder<ProjectResource> api, IResourceBuilder<ProjectResource> fakes)
    {
        var endpoint = fakes.GetEndpoint("http");
        return api
            .WithEnvironment("OPENAI_API_KEY", OpenAIKey)
            .WithEnvironment("OPENAI_BASE_URL", ReferenceExpression.Create($"{endpoint}/v1"))
            .WithEnvironment("GOOGLE_APPLICATION_CREDENTIALS", CredentialsPath(api.ApplicationBuilder))
            .WithEnvironment("Google__TextToSpeechEndpoint", endpoint);
    }

    private static string CredentialsPath(IDistributedApplicationBuilder builder) =>
        Path.Combine(builder.DataDirectory(), "fakes", "google-service-account.json");
}
