using System.Net;
using System.Security.Cryptography;
using System.Text;
using AgentLocator.Api.Integrations.WebPush;
using AgentLocator.Grains.Notifications;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentLocator.Api.Tests.Notifications;

/// <summary>
/// The bodies Lib.Net.Http.WebPush produces, sent through our <see cref="RetryingPushClient"/>, decrypted by our own
/// browser-side code; and that code itself checked against RFC 8291's worked example, so it is a trustworthy judge.
/// </summary>
public sealed class PushEncryptionTests
{
    /// <summary>RFC 8291 Appendix A, line breaks removed.</summary>
    private static class Rfc8291Example
    {
        public const string Plaintext = "When I grow up, I want to be a watermelon";
        public const string UserAgentPrivateKey = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
        public const string UserAgentPublicKey = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
        public const string AuthSecret = "BTBZMqHH6r4Tts7J_aSIgg";
        public const string Body =
            "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27ml" +
            "mlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPT" +
            "pK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";
    }

    private static byte[] Bytes(string base64Url) => Base64UrlBytes.Decode(base64Url, "test vector");

    /// <summary>Stands in for a push service that accepts everything, keeping each request's headers and body.</summary>
    private sealed class RecordingPushService : HttpMessageHandler
    {
        public List<(HttpRequestMessage Request, byte[] Body)> Received { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Received.Add((request, await request.Content!.ReadAsByteArrayAsync(cancellationToken)));
            return new HttpResponseMessage(HttpStatusCode.Created);
        }
    }

    private sealed class Browser : IDisposable
    {
        public ECDiffieHellman Key { get; } = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        public byte[] AuthSecret { get; } = RandomNumberGenerator.GetBytes(16);

        public RetryingPushClient.Target Target => new("https://push.example/send/1",
            Base64UrlBytes.Encode(TestKeys.ExportPublicKey(Key)), Base64UrlBytes.Encode(AuthSecret));

        public void Dispose() => Key.Dispose();
    }

    private static async Task<List<(HttpRequestMessage Request, byte[] Body)>> SendThroughTheLibraryAsync(Browser browser, params PushMessage[] messages)
    {
        var pushService = new RecordingPushService();
        using var http = new HttpClient(new ExplicitNormalUrgencyHandler { InnerHandler = pushService });
        using var keys = VapidKeys.Generate();
        var client = new RetryingPushClient(http, keys, new VapidTokenCache(TimeProvider.System),
            Options.Create(new VapidOptions()), Options.Create(new WebPushOptions()), TimeProvider.System, NullLogger<RetryingPushClient>.Instance);
        foreach (var message in messages)
        {
            Assert.Equal(PushDeliveryOutcome.Delivered, await client.SendAsync(browser.Target, message, CancellationToken.None));
        }
        return pushService.Received;
    }

    [Fact]
    public async Task The_library_encrypts_each_message_to_the_browser_with_a_fresh_salt_and_key_in_an_RFC_8188_record()
    {
        using var browser = new Browser();
        var payload = """{"title":"משימה","body":"להתקשר ללקוח"}""";
        var message = new PushMessage(payload, "task-1", TimeSpan.FromMinutes(5), "normal");

        var received = await SendThroughTheLibraryAsync(browser, message, message);

        var (request, first) = received[0];
        var second = received[1].Body;
        Assert.Equal(payload, Encoding.UTF8.GetString(BrowserPushDecryption.Decrypt(first, browser.Key, browser.AuthSecret)));
        Assert.Equal(payload, Encoding.UTF8.GetString(BrowserPushDecryption.Decrypt(second, browser.Key, browser.AuthSecret)));
        // Record size 4096, a 65-byte key id that is an uncompressed P-256 point.
        Assert.Equal(new byte[] { 0, 0, 0x10, 0, 65, 0x04 }, first[16..22]);
        Assert.Equal(86 + Encoding.UTF8.GetByteCount(payload) + 1 + 16, first.Length);
        Assert.NotEqual(first[..16], second[..16]);
        Assert.NotEqual(first[21..86], second[21..86]);
        Assert.Equal("aes128gcm", Assert.Single(request.Content!.Headers.ContentEncoding));
        Assert.Equal("application/octet-stream", request.Content.Headers.ContentType!.MediaType);
        Assert.Equal("300", request.Headers.GetValues("TTL").Single());
        Assert.Equal("normal", request.Headers.GetValues("Urgency").Single());
        Assert.Equal("task-1", request.Headers.GetValues("Topic").Single());
        Assert.Equal("vapid", request.Headers.Authorization!.Scheme);
    }

    [Fact]
    public async Task The_largest_payload_the_queue_accepts_fills_a_4096_byte_body_exactly_and_one_byte_more_would_not_fit()
    {
        using var browser = new Browser();
        var largest = new string('x', PushMessage.MaxPayloadBytes);

        var received = await SendThroughTheLibraryAsync(browser,
            new PushMessage(largest, null, TimeSpan.FromMinutes(1)), new PushMessage(largest + "x", null, TimeSpan.FromMinutes(1)));

        Assert.Equal(4096, received[0].Body.Length);
        Assert.Equal(largest, Encoding.UTF8.GetString(BrowserPushDecryption.Decrypt(received[0].Body, browser.Key, browser.AuthSecret)));
        Assert.Equal("high", received[0].Request.Headers.GetValues("Urgency").Single());
        Assert.Equal(4097, received[1].Body.Length);
    }

    [Fact]
    public void The_RFC_8291_example_body_decrypts_with_the_user_agent_key()
    {
        using var userAgent = TestKeys.ImportPrivateKey(Bytes(Rfc8291Example.UserAgentPrivateKey));
        Assert.Equal(Rfc8291Example.UserAgentPublicKey, Base64UrlBytes.Encode(TestKeys.ExportPublicKey(userAgent)));

        var plaintext = BrowserPushDecryption.Decrypt(Bytes(Rfc8291Example.Body), userAgent, Bytes(Rfc8291Example.AuthSecret));

        Assert.Equal(Rfc8291Example.Plaintext, Encoding.UTF8.GetString(plaintext));
    }

    [Theory]
    [InlineData(0)]    // salt
    [InlineData(30)]   // the sender's public key
    [InlineData(90)]   // ciphertext
    [InlineData(-1)]   // tag
    public void A_tampered_body_does_not_decrypt(int position)
    {
        using var userAgent = TestKeys.ImportPrivateKey(Bytes(Rfc8291Example.UserAgentPrivateKey));
        var body = Bytes(Rfc8291Example.Body);
        body[position < 0 ? body.Length + position : position] ^= 0x01;

        Assert.ThrowsAny<CryptographicException>(() => BrowserPushDecryption.Decrypt(body, userAgent, Bytes(Rfc8291Example.AuthSecret)));
    }

    [Fact]
    public void The_wrong_auth_secret_does_not_decrypt()
    {
        using var userAgent = TestKeys.ImportPrivateKey(Bytes(Rfc8291Example.UserAgentPrivateKey));

        Assert.ThrowsAny<CryptographicException>(() => BrowserPushDecryption.Decrypt(Bytes(Rfc8291Example.Body), userAgent, new byte[16]));
    }
}
