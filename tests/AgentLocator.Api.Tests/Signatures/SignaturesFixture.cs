using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AgentLocator.Api.Integrations.Pdf;
using AgentLocator.Api.Signatures;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.FakeProviders;
using AgentLocator.Grains.Data.Entities;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLocator.Api.Tests.Signatures;

/// <summary>
/// The API with Twilio's Messages API pointed at the local fake, so signing links and one-time codes go out as real SMS
/// sends the tests read back. Loopback is a trusted proxy, so each test can speak from its own address (X-Forwarded-For)
/// and the per-address limit is testable; the per-link limit is low enough to reach.
/// </summary>
public sealed partial class SignaturesFixture : AgentLocatorApiFactory
{
    public const int PerLinkLimit = 40;
    public const int PerAddressLimit = 60;
    public const string SmsFrom = "+972559990000";

    public FakeProviders.FakeProviders Fakes { get; private set; } = null!;

    public FakeTwilioMessages Messages => Fakes.Twilio.Messages;

    public override async Task InitializeAsync()
    {
        Fakes = await FakeProviders.FakeProviders.StartAsync();
        WithSetting("Twilio:AccountSid", Fakes.Twilio.AccountSid);
        WithSetting("Twilio:ApiBaseUrl", Fakes.BaseAddress.ToString());
        WithSetting("Twilio:SmsFrom", SmsFrom);
        WithSetting("Proxy:KnownProxies", "127.0.0.1");
        WithSetting("Signatures:PublicRequestsPerMinutePerLink", PerLinkLimit.ToString());
        WithSetting("Signatures:PublicRequestsPerMinutePerAddress", PerAddressLimit.ToString());
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Fakes.DisposeAsync();
    }

    private static int addressSequence;

    /// <summary>An anonymous client speaking from its own address, as a signer's phone would.</summary>
    public HttpClient Signer()
    {
        var client = new HttpClient { BaseAddress = ServerAddress };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.51.{Interlocked.Increment(ref addressSequence) % 250}.{Random.Shared.Next(1, 250)}");
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)");
        return client;
    }

    public async Task<byte[]> HebrewPdfAsync() => await SignedPdfTests.HebrewBodyAsync(Services.GetRequiredService<IPdfRenderer>());

    public async Task<HttpResponseMessage> PostRequestAsync(ApiClient agent, Guid customerId, object[] signers, bool ordered = false,
        bool requireCode = false, string delivery = "sms", byte[]? pdf = null, string title = "הסכם שירות")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(pdf ?? await HebrewPdfAsync());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "contract.pdf");
        form.Add(new StringContent(title), "title");
        form.Add(new StringContent(JsonSerializer.Serialize(signers)), "signers");
        form.Add(new StringContent(ordered ? "true" : "false"), "ordered");
        form.Add(new StringContent(requireCode ? "true" : "false"), "requireCode");
        form.Add(new StringContent(delivery), "delivery");
        return await agent.Http.PostAsync($"/api/customers/{customerId}/signature-requests", form);
    }

    public async Task<SignatureRequestResponse> CreateRequestAsync(ApiClient agent, Guid customerId, object[] signers, bool ordered = false,
        bool requireCode = false, string delivery = "sms")
    {
        var response = await PostRequestAsync(agent, customerId, signers, ordered, requireCode, delivery);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SignatureRequestResponse>(JsonSerializerOptions.Web))!;
    }

    /// <summary>The token in the last signing SMS sent to <paramref name="phone"/>.</summary>
    public string LinkTokenSentTo(string phone)
    {
        var body = Messages.Sends.All.Last(s => s.To == phone && s.Body is not null && s.Body.Contains("/sign/")).Body!;
        return TokenIn(body);
    }

    public static string TokenIn(string message) => LinkToken().Match(message).Groups[1].Value;

    public string CodeSentTo(string phone)
    {
        var body = Messages.Sends.All.Last(s => s.To == phone && s.Body is not null && s.Body.Contains("קוד האימות")).Body!;
        return Code().Match(body).Value;
    }

    [GeneratedRegex(@"/sign/([A-Za-z0-9_-]{20,64})")]
    private static partial Regex LinkToken();

    [GeneratedRegex(@"\d{6}$")]
    private static partial Regex Code();

    public static object SignerBody(string name, string phone, string role = SignerRoles.Customer) => new { name, phone, role };
}

[CollectionDefinition(Name)]
public sealed class SignaturesCollection : ICollectionFixture<SignaturesFixture>
{
    public const string Name = "signatures";
}
