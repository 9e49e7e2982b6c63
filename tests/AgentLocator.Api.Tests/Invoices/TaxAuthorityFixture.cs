using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Integrations.TaxAuthority;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.FakeProviders;

namespace AgentLocator.Api.Tests.Invoices;

/// <summary>
/// The API with the Tax Authority's OAuth2 server and Invoices API pointed at the local fake, a short request timeout (so a
/// hanging Authority is a timeout within seconds) and a short back-off and poll (so the background retry is seen).
/// </summary>
public sealed class TaxAuthorityFixture : AgentLocatorApiFactory
{
    public FakeProviders.FakeProviders Fakes { get; private set; } = null!;

    public const string SmsFrom = "+972559990001";

    public FakeTaxAuthority Authority => Fakes.TaxAuthority;

    public FakeTwilioMessages Messages => Fakes.Twilio.Messages;

    public override async Task InitializeAsync()
    {
        Fakes = await FakeProviders.FakeProviders.StartAsync();
        foreach (var (key, value) in Fakes.Configuration.Where(setting => setting.Key.StartsWith("TaxAuthority:", StringComparison.Ordinal)))
        {
            WithSetting(key, value);
        }
        // Twilio's Messages API at the fake too, so a document's link goes out as a real SMS send the tests read back.
        WithSetting("Twilio:AccountSid", Fakes.Twilio.AccountSid);
        WithSetting("Twilio:ApiBaseUrl", Fakes.BaseAddress.ToString());
        WithSetting("Twilio:SmsFrom", SmsFrom);
        // Short, so a hanging Authority is a timeout within seconds; not 2 s, which a loaded machine's round trip to the local fake
        // (a token refresh, then the approval) can take, turning an answered request into a timeout.
        WithSetting("TaxAuthority:RequestTimeout", "00:00:05");
        WithSetting("TaxAuthority:RetryBaseDelay", "00:00:00.500");
        WithSetting("TaxAuthority:RetryMaxDelay", "00:00:02");
        WithSetting("TaxAuthority:PollInterval", "00:00:00.250");
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Fakes.DisposeAsync();
    }

    /// <summary>A billing business whose admin went through the Authority's consent: connect, authorize, callback.</summary>
    public async Task<ApiClient> ConnectedBusinessAsync()
    {
        var client = await this.BillingBusinessAsync();
        var connect = await client.Http.PostAsync("/api/invoices/settings/tax-authority/connect", null);
        Assert.True(connect.StatusCode == HttpStatusCode.OK, await connect.Content.ReadAsStringAsync());
        var authorizeUrl = (await connect.Content.ReadFromJsonAsync<TaxAuthorityConnectResponse>(JsonSerializerOptions.Web))!.AuthorizeUrl;
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var consent = await browser.GetAsync(authorizeUrl);
        Assert.Equal(HttpStatusCode.Redirect, consent.StatusCode);
        // The Authority sends the browser to PUBLIC_HOST; here that address is this server.
        var back = consent.Headers.Location!;
        Assert.Equal(TaxAuthorityConnectApi.CallbackPath, back.AbsolutePath);
        var callback = await browser.GetAsync(new Uri(ServerAddress, back.PathAndQuery));
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/invoices/settings?taxAuthority=connected", callback.Headers.Location!.OriginalString);
        return client;
    }
}

[CollectionDefinition(Name)]
public sealed class TaxAuthorityCollection : ICollectionFixture<TaxAuthorityFixture>
{
    public const string Name = "tax-authority";
}
