using System.Net;
using System.Xml.Linq;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Api.WhatsApp;
using AgentLocator.FakeProviders;
using AgentLocator.Grains.Data.Entities;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLocator.Api.Tests.WhatsApp;

/// <summary>
/// The API with Twilio's Messages API pointed at the local fake (<c>Twilio:ApiBaseUrl</c>), which answers sends in
/// Twilio's JSON and posts signed status callbacks back to this API in Twilio's order.
/// </summary>
public sealed class WhatsAppFixture : AgentLocatorApiFactory
{
    /// <summary>The fakes of another test (a restart, a second instance), which this fixture neither starts nor stops.</summary>
    private readonly FakeProviders.FakeProviders? sharedFakes;

    private readonly IWhatsAppMediaClaimObserver? mediaObserver;

    public WhatsAppFixture()
    {
    }

    /// <summary>
    /// An instance on <paramref name="database"/> with <paramref name="fakes"/>, polling its media copies often with a short
    /// lease and short back-off, so a dead instance's copy is taken over in seconds (the restart tests).
    /// </summary>
    public static WhatsAppFixture Restartable(FakeProviders.FakeProviders fakes, string database, IWhatsAppMediaClaimObserver? mediaObserver = null) =>
        new(fakes, database, mediaObserver);

    // xUnit builds a collection fixture with its one public constructor; the restart tests use the factory above.
    private WhatsAppFixture(FakeProviders.FakeProviders fakes, string database, IWhatsAppMediaClaimObserver? mediaObserver)
    {
        sharedFakes = fakes;
        this.mediaObserver = mediaObserver;
        OnDatabase(database);
        WithSetting("WhatsApp:Media:PollInterval", "00:00:00.200");
        WithSetting("WhatsApp:Media:ClaimLease", "00:00:02");
        WithSetting("WhatsApp:Media:RetryBaseDelay", "00:00:00.200");
        WithSetting("Calls:RecordingDownloadAttempts", "1");
    }

    public FakeProviders.FakeProviders Fakes { get; private set; } = null!;

    public FakeTwilioMessages Messages => Fakes.Twilio.Messages;

    public override async Task InitializeAsync()
    {
        Fakes = sharedFakes ?? await FakeProviders.FakeProviders.StartAsync();
        WithSetting("Twilio:AccountSid", Fakes.Twilio.AccountSid);
        WithSetting("Twilio:ApiBaseUrl", Fakes.BaseAddress.ToString());
        // Voice notes are transcribed by the speech-to-text the calls use: here the fake's OpenAI-compatible endpoint.
        WithSetting("OpenAI:ApiKey", Fakes.OpenAI.ApiKey);
        WithSetting("OpenAI:Endpoint", Fakes.OpenAIEndpoint.ToString());
        await base.InitializeAsync();
        // The API keeps its development token, which signs Twilio's requests; the fake signs its callbacks with it and
        // delivers them here, as a proxy would deliver what Twilio sends to PUBLIC_HOST.
        Messages.SigningToken = Token;
        Messages.DeliverCallbacksTo = ServerAddress;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (mediaObserver is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(mediaObserver));
        }
    }

    public string Token => Services.GetRequiredService<IConfiguration>()["Twilio:AuthToken"]!;

    public string PublicHost => Services.GetRequiredService<IConfiguration>()["Public:Host"]!.TrimEnd('/');

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (sharedFakes is null)
        {
            await Fakes.DisposeAsync();
        }
    }

    /// <summary>A business of its own with a WhatsApp sender number, and its admin signed in.</summary>
    public async Task<(Business Business, ApiClient Admin, User AdminUser)> NewWhatsAppBusinessAsync()
    {
        var (business, admin) = await CreateBusinessAsync();
        var number = "+97233" + Random.Shared.Next(100000, 999999);
        await using (var db = CreateDbContext())
        {
            await db.Businesses.Where(b => b.Id == business.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.WhatsAppNumber, number));
        }
        business.WhatsAppNumber = number;
        return (business, await this.SignedInAsync(admin), admin);
    }

    public static string NewMessageSid() => "SM" + Guid.NewGuid().ToString("N");

    /// <summary>Posts Twilio's messaging webhook for a message from <paramref name="from"/> to the business's sender, signed unless told otherwise.</summary>
    public async Task<HttpResponseMessage> PostInboundAsync(string messageSid, string from, string to, string body, string? profileName = "דנה",
        string? signature = null, bool signed = true, IDictionary<string, string>? extra = null)
    {
        var form = new Dictionary<string, string>
        {
            ["SmsMessageSid"] = messageSid, ["NumMedia"] = "0", ["ProfileName"] = profileName ?? "", ["MessageType"] = "text",
            ["SmsSid"] = messageSid, ["WaId"] = from.TrimStart('+'), ["SmsStatus"] = "received", ["Body"] = body,
            ["To"] = "whatsapp:" + to, ["NumSegments"] = "1", ["ReferralNumMedia"] = "0", ["MessageSid"] = messageSid,
            ["AccountSid"] = Fakes.Twilio.AccountSid, ["From"] = "whatsapp:" + from, ["ApiVersion"] = "2010-04-01",
        };
        if (profileName is null)
        {
            form.Remove("ProfileName");
        }
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            form[key] = value;
        }
        return await PostFormAsync(WhatsAppWebhooks.InboundPath, form, signed ? signature ?? FakeTwilioMessages.Sign(Token, PublicHost + WhatsAppWebhooks.InboundPath, form) : null);
    }

    /// <summary>Posts a status callback for <paramref name="messageSid"/>, signed as Twilio signs it.</summary>
    public async Task<HttpResponseMessage> PostStatusAsync(string messageSid, string status, int? errorCode = null, string? signature = null)
    {
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = messageSid, ["SmsSid"] = messageSid, ["MessageStatus"] = status, ["SmsStatus"] = status,
            ["AccountSid"] = Fakes.Twilio.AccountSid, ["ApiVersion"] = "2010-04-01", ["ChannelPrefix"] = "whatsapp",
        };
        if (errorCode is { } code)
        {
            form["ErrorCode"] = code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return await PostFormAsync(WhatsAppWebhooks.StatusPath, form, signature ?? FakeTwilioMessages.Sign(Token, PublicHost + WhatsAppWebhooks.StatusPath, form));
    }

    private async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> form, string? signature)
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (signature is not null)
        {
            request.Headers.Add("X-Twilio-Signature", signature);
        }
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>Twilio's messaging webhook must get 200 with an empty messaging &lt;Response/&gt; (no reply is sent).</summary>
    public static async Task AssertEmptyResponseAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var root = XDocument.Parse(body).Root!;
        Assert.Equal("Response", root.Name.LocalName);
        Assert.Empty(root.Elements());
    }

    public async Task<List<WhatsAppMessage>> MessagesAsync(Guid businessId)
    {
        await using var db = CreateDbContext(businessId);
        return await db.WhatsAppMessages.AsNoTracking().OrderBy(m => m.CreatedAt).ToListAsync();
    }

    public async Task<WhatsAppMessage?> MessageBySidAsync(string messageSid)
    {
        await using var db = CreateDbContext();
        return await db.WhatsAppMessages.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(m => m.MessageSid == messageSid);
    }
}

[CollectionDefinition(Name)]
public sealed class WhatsAppCollection : ICollectionFixture<WhatsAppFixture>
{
    public const string Name = "whatsapp";
}
