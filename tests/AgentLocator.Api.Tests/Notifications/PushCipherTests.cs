using System.Security.Cryptography;
using System.Text;
using AgentLocator.Api.Notifications.WebPush;

namespace AgentLocator.Api.Tests.Notifications;

public sealed class PushCipherTests
{
    /// <summary>RFC 8291 Appendix A, line breaks removed.</summary>
    private static class Rfc8291Example
    {
        public const string Plaintext = "When I grow up, I want to be a watermelon";
        public const string SenderPrivateKey = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
        public const string SenderPublicKey = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
        public const string UserAgentPrivateKey = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
        public const string UserAgentPublicKey = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
        public const string AuthSecret = "BTBZMqHH6r4Tts7J_aSIgg";
        public const string Salt = "DGv6ra1nlYgDCS1FRnbzlw";
        public const string Body =
            "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27ml" +
            "mlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPT" +
            "pK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";
    }

    private static byte[] Bytes(string base64Url) => Base64UrlBytes.Decode(base64Url, "test vector");

    [Fact]
    public void Encrypting_the_RFC_8291_example_with_its_keys_and_salt_gives_its_body_byte_for_byte()
    {
        using var sender = P256.ImportPrivateKey(Bytes(Rfc8291Example.SenderPrivateKey));
        Assert.Equal(Rfc8291Example.SenderPublicKey, Base64UrlBytes.Encode(P256.ExportPublicKey(sender)));

        var body = PushPayloadCipher.Encrypt(Encoding.UTF8.GetBytes(Rfc8291Example.Plaintext),
            Bytes(Rfc8291Example.UserAgentPublicKey), Bytes(Rfc8291Example.AuthSecret), sender, Bytes(Rfc8291Example.Salt));

        Assert.Equal(Rfc8291Example.Body, Base64UrlBytes.Encode(body));
    }

    [Fact]
    public void The_RFC_8291_example_body_decrypts_with_the_user_agent_key()
    {
        using var userAgent = P256.ImportPrivateKey(Bytes(Rfc8291Example.UserAgentPrivateKey));
        Assert.Equal(Rfc8291Example.UserAgentPublicKey, Base64UrlBytes.Encode(P256.ExportPublicKey(userAgent)));

        var plaintext = PushPayloadCipher.Decrypt(Bytes(Rfc8291Example.Body), userAgent, Bytes(Rfc8291Example.AuthSecret));

        Assert.Equal(Rfc8291Example.Plaintext, Encoding.UTF8.GetString(plaintext));
    }

    [Fact]
    public void A_message_round_trips_with_fresh_keys_and_a_header_as_RFC_8188_lays_it_out()
    {
        using var browser = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var auth = RandomNumberGenerator.GetBytes(16);
        var payload = Encoding.UTF8.GetBytes("""{"title":"משימה","body":"להתקשר ללקוח"}""");

        var first = PushPayloadCipher.Encrypt(payload, P256.ExportPublicKey(browser), auth);
        var second = PushPayloadCipher.Encrypt(payload, P256.ExportPublicKey(browser), auth);

        Assert.Equal(payload, PushPayloadCipher.Decrypt(first, browser, auth));
        Assert.Equal(new byte[] { 0, 0, 0x10, 0, 65, 0x04 }, first[16..22]);
        Assert.Equal(86 + payload.Length + 1 + 16, first.Length);
        // A fresh salt and ephemeral key every time.
        Assert.NotEqual(first[..16], second[..16]);
        Assert.NotEqual(first[21..86], second[21..86]);
    }

    [Fact]
    public void The_largest_payload_that_fits_a_4096_byte_body_round_trips_and_one_more_byte_is_refused()
    {
        using var browser = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var auth = RandomNumberGenerator.GetBytes(16);
        var payload = RandomNumberGenerator.GetBytes(PushPayloadCipher.MaxPlaintextLength);

        var body = PushPayloadCipher.Encrypt(payload, P256.ExportPublicKey(browser), auth);

        Assert.Equal(4096, body.Length);
        Assert.Equal(payload, PushPayloadCipher.Decrypt(body, browser, auth));
        Assert.Throws<ArgumentException>(() => PushPayloadCipher.Encrypt(new byte[payload.Length + 1], P256.ExportPublicKey(browser), auth));
    }

    [Theory]
    [InlineData(0)]    // salt
    [InlineData(30)]   // the sender's public key
    [InlineData(90)]   // ciphertext
    [InlineData(-1)]   // tag
    public void A_tampered_body_does_not_decrypt(int position)
    {
        using var userAgent = P256.ImportPrivateKey(Bytes(Rfc8291Example.UserAgentPrivateKey));
        var body = Bytes(Rfc8291Example.Body);
        body[position < 0 ? body.Length + position : position] ^= 0x01;

        Assert.ThrowsAny<CryptographicException>(() => PushPayloadCipher.Decrypt(body, userAgent, Bytes(Rfc8291Example.AuthSecret)));
    }

    [Fact]
    public void The_wrong_auth_secret_does_not_decrypt()
    {
        using var userAgent = P256.ImportPrivateKey(Bytes(Rfc8291Example.UserAgentPrivateKey));

        Assert.ThrowsAny<CryptographicException>(() => PushPayloadCipher.Decrypt(Bytes(Rfc8291Example.Body), userAgent, new byte[16]));
    }
}
