using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace AgentLocator.FakeProviders;

public sealed record FakeProvidersOptions
{
    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; }

    public string OpenAIKey { get; init; } = "sk-fake-agentlocator";

    /// <summary>When both are set, recording downloads must carry them as HTTP Basic auth.</summary>
    public string? TwilioAccountSid { get; init; }

    public string? TwilioAuthToken { get; init; }

    /// <summary>Console logging of the fake's own requests (for running it standalone).</summary>
    public bool LogRequests { get; init; }
}

/// <summary>
/// Fake OpenAI, Google (token and Text-to-Speech), Twilio (recordings, messages) and the Tax Authority (OAuth2, allocation
/// numbers) on one local Kestrel port, each speaking the
/// real service's wire format, with controls (scripted answers, forced errors, delays) and logs of what arrived.
/// </summary>
public sealed class FakeProviders : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeProviders(WebApplication app, FakeProvidersOptions options)
    {
        this.app = app;
        OpenAI = new FakeOpenAI(options.OpenAIKey);
        Google = new FakeGoogle();
        Twilio = new FakeTwilio();
        TaxAuthority = new FakeTaxAuthority();
        if (options.TwilioAccountSid is { Length: > 0 } sid && options.TwilioAuthToken is { Length: > 0 } token)
        {
            Twilio.RequireCredentials(sid, token);
            // Twilio signs its status callbacks with the account's token; standalone (e2e, by hand) the fake does too.
            Twilio.Messages.SigningToken = token;
        }
    }

    /// <summary>For example <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The OpenAI base URL (OPENAI_BASE_URL): <see cref="BaseAddress"/> + <c>v1</c>.</summary>
    public Uri OpenAIEndpoint => new(BaseAddress, "v1");

    public FakeOpenAI OpenAI { get; }

    public FakeGoogle Google { get; }

    public FakeTwilio Twilio { get; }

    public FakeTaxAuthority TaxAuthority { get; }

    /// <summary>The settings that point the API at these fakes, by their .NET configuration keys.</summary>
    public IReadOnlyDictionary<string, string?> Configuration => new Dictionary<string, string?>
    {
        ["OpenAI:ApiKey"] = OpenAI.ApiKey,
        ["OpenAI:Endpoint"] = OpenAIEndpoint.ToString(),
        ["Google:CredentialsPath"] = Google.CredentialsPath,
        ["Google:TextToSpeechEndpoint"] = BaseAddress.ToString().TrimEnd('/'),
        ["Twilio:AccountSid"] = Twilio.AccountSid,
        ["Twilio:AuthToken"] = Twilio.AuthToken,
        ["TaxAuthority:AuthorizeUrl"] = TaxAuthorityUrl("oauth2/authorize"),
        ["TaxAuthority:TokenUrl"] = TaxAuthorityUrl("oauth2/token"),
        ["TaxAuthority:ApiBaseUrl"] = TaxAuthorityUrl(""),
        ["TaxAuthority:ClientId"] = FakeTaxAuthority.ClientId,
        ["TaxAuthority:ClientSecret"] = FakeTaxAuthority.ClientSecret,
    };

    private string TaxAuthorityUrl(string path) => new Uri(BaseAddress, "tax-authority/" + path).ToString();

    /// <summary>The same settings as environment variables, by the names the deployment uses where there is one.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables
    {
        get
        {
            var variables = new Dictionary<string, string>
            {
                ["OPENAI_API_KEY"] = OpenAI.ApiKey,
                ["OPENAI_BASE_URL"] = OpenAIEndpoint.ToString(),
                ["GOOGLE_APPLICATION_CREDENTIALS"] = Google.CredentialsPath,
                ["Google__TextToSpeechEndpoint"] = BaseAddress.ToString().TrimEnd('/'),
                ["TaxAuthority__AuthorizeUrl"] = TaxAuthorityUrl("oauth2/authorize"),
                ["TaxAuthority__TokenUrl"] = TaxAuthorityUrl("oauth2/token"),
                ["TaxAuthority__ApiBaseUrl"] = TaxAuthorityUrl(""),
                ["TaxAuthority__ClientId"] = FakeTaxAuthority.ClientId,
                ["TaxAuthority__ClientSecret"] = FakeTaxAuthority.ClientSecret,
            };
            if (Twilio.AuthToken is { } token)
            {
                variables["TWILIO_SID"] = Twilio.AccountSid;
                variables["TWILIO_TOKEN"] = token;
                // Sends, templates and media through Twilio's REST client, at this fake.
                variables["Twilio__ApiBaseUrl"] = BaseAddress.ToString();
            }
            return variables;
        }
    }

    public static async Task<FakeProviders> StartAsync(FakeProvidersOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeProvidersOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (options.LogRequests)
        {
            builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        }
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        // A delayed answer still in flight must not hold a test's teardown for the default 30 s.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        var fakes = new FakeProviders(app, options);
        try
        {
            fakes.OpenAI.Map(app);
            fakes.Google.Map(app);
            fakes.Twilio.Map(app);
            fakes.TaxAuthority.Map(app);
            FakeControls.Map(app, fakes);
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            fakes.Started(new Uri(address.TrimEnd('/') + "/"));
            return fakes;
        }
        catch
        {
            await fakes.DisposeAsync();
            throw;
        }
    }

    // With port 0 the address is known only once Kestrel listens; nothing can call before StartAsync returns it.
    private void Started(Uri baseAddress)
    {
        BaseAddress = baseAddress;
        Google.Started(baseAddress);
        Twilio.Started(baseAddress);
    }

    public void Reset()
    {
        OpenAI.Reset();
        Google.Reset();
        Twilio.Reset();
        TaxAuthority.Reset();
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        Google.Dispose();
    }
}
