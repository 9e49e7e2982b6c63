namespace AgentLocator.AppHost.Resources;

/// <summary>
/// tests/AgentLocator.FakeProviders as a resource: fake OpenAI, Google (token and Text-to-Speech) and Twilio's REST API
/// (Messages with signed status callbacks, Content templates, recordings) on one port, speaking their wire formats, so the
/// API's real clients run without keys.
/// </summary>
internal static class FakeProviders
{
    /// <summary>The key the fake OpenAI accepts (FakeOpenAI's default).</summary>
    public const string OpenAIKey = "sk-fake-agentlocator";

    /// <summary>
    /// The Twilio account the fake plays: FakeTwilio.DefaultAccountSid, repeated because the fakes are a project resource
    /// here, not a referenced assembly. Twilio's shape, plainly fake. The API sends and downloads with it and the token.
    /// </summary>
    public const string TwilioAccountSid = "ACfake-local-twilio-account";

    /// <param name="twilioToken">The API's Twilio token: the fake requires it with the account on sends and downloads, and signs
    /// its status callbacks with it. Handed over in the environment, never on a command line.</param>
    public static IResourceBuilder<ProjectResource> AddFakeProviders(this IDistributedApplicationBuilder builder, string name, string twilioToken)
    {
        var credentials = CredentialsPath(builder);
        var fakes = builder.AddProject<Projects.AgentLocator_FakeProviders>(name, launchProfileName: null)
            .WithHttpEndpoint(name: "http")
            .WithHttpHealthCheck("/_fake/requests")
            .WithUrl("/_fake/requests", "Requests the fakes received")
            .WithEnvironment("TWILIO_SID", TwilioAccountSid)
            .WithEnvironment("TWILIO_TOKEN", twilioToken);
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

    /// <summary>
    /// OPENAI_API_KEY, OPENAI_BASE_URL, GOOGLE_APPLICATION_CREDENTIALS and Google__TextToSpeechEndpoint; and Twilio's REST
    /// API (WhatsApp sends, the Content API's templates, media) at the fake, as the fake's account; and the Tax Authority's
/// OAuth2 server and allocation numbers at the fake (its client id and secret are the fake's fixed ones).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithFakeProviders(this IResourceBuilder<ProjectResource> api, IResourceBuilder<ProjectResource> fakes)
    {
        var endpoint = fakes.GetEndpoint("http");
        return api
            .WithEnvironment("OPENAI_API_KEY", OpenAIKey)
            .WithEnvironment("OPENAI_BASE_URL", ReferenceExpression.Create($"{endpoint}/v1"))
            .WithEnvironment("GOOGLE_APPLICATION_CREDENTIALS", CredentialsPath(api.ApplicationBuilder))
            .WithEnvironment("Google__TextToSpeechEndpoint", endpoint)
            .WithEnvironment("Twilio__AccountSid", TwilioAccountSid)
            .WithEnvironment("Twilio__ApiBaseUrl", endpoint)
            // The Tax Authority's OAuth2 and allocation numbers, as the fake's registered client.
            .WithEnvironment("TaxAuthority__AuthorizeUrl", ReferenceExpression.Create($"{endpoint}/tax-authority/oauth2/authorize"))
            .WithEnvironment("TaxAuthority__TokenUrl", ReferenceExpression.Create($"{endpoint}/tax-authority/oauth2/token"))
            .WithEnvironment("TaxAuthority__ApiBaseUrl", ReferenceExpression.Create($"{endpoint}/tax-authority/"))
            .WithEnvironment("TaxAuthority__ClientId", "agentlocator-fake-client")
            .WithEnvironment("TaxAuthority__ClientSecret", "fake-tax-authority-secret");
    }

    private static string CredentialsPath(IDistributedApplicationBuilder builder) =>
        Path.Combine(builder.DataDirectory(), "fakes", "google-service-account.json");
}
