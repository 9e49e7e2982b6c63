using System.Text.Json;
using AgentLocator.Api.Integrations.WebPush;

namespace AgentLocator.Api.Tests.Notifications;

public sealed class VapidTests
{
    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>The header the library sends for an endpoint, with our pair, subject and token cache.</summary>
    private static string HeaderValueFor(VapidKeys keys, VapidTokenCache cache, string audience, string subject = "mailto:ops@example.test")
    {
        using var authentication = keys.CreateAuthentication(subject, cache);
        return "vapid " + authentication.GetVapidSchemeAuthenticationHeaderValueParameter(audience);
    }

    [Fact]
    public void The_header_carries_an_ES256_token_for_twelve_hours_that_verifies_with_the_public_key_it_names()
    {
        using var keys = VapidKeys.Generate();
        var before = DateTimeOffset.UtcNow;

        var value = HeaderValueFor(keys, new VapidTokenCache(TimeProvider.System), "https://fcm.googleapis.com", "https://agentlocator.example/contact");

        Assert.Matches("^vapid t=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+, k=[A-Za-z0-9_-]{87}$", value);
        var (header, error) = VapidHeader.Verify(value);
        Assert.True(header is not null, error);
        Assert.Equal(keys.PublicKey, header.PublicKey);
        Assert.Equal("""{"typ":"JWT","alg":"ES256"}""", JsonSerializer.Serialize(header.Header));
        Assert.Equal("https://fcm.googleapis.com", header.Audience);
        Assert.InRange(header.ExpiresAt, before.AddHours(12).AddSeconds(-1), DateTimeOffset.UtcNow.AddHours(12));
        Assert.Equal("https://agentlocator.example/contact", header.Subject);
    }

    [Fact]
    public void A_token_is_reused_per_audience_until_an_hour_before_it_expires()
    {
        using var keys = VapidKeys.Generate();
        // The library stamps expiry from the system clock; the cache judges freshness by ours, started at the same time.
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var start = clock.Now;
        var cache = new VapidTokenCache(clock);

        var first = HeaderValueFor(keys, cache, "https://push.example");
        clock.Now = start.AddHours(10);
        Assert.Equal(first, HeaderValueFor(keys, cache, "https://push.example"));
        Assert.NotEqual(first, HeaderValueFor(keys, cache, "https://other-push.example"));

        clock.Now = start.AddHours(11).AddMinutes(1);
        var renewed = HeaderValueFor(keys, cache, "https://push.example");
        Assert.NotEqual(first, renewed);
        Assert.True(VapidHeader.Verify(renewed).Header is not null);
    }

    [Fact]
    public void A_configured_pair_is_accepted_and_a_mismatched_or_malformed_one_is_refused_without_echoing_the_key()
    {
        using var first = VapidKeys.Generate();
        using var second = VapidKeys.Generate();
        var firstPrivate = first.ExportPrivateKeyBase64Url();

        using var loaded = VapidKeys.FromBase64Url(first.PublicKeyBase64Url, firstPrivate);
        Assert.Equal(first.PublicKey, loaded.PublicKey);

        var mismatch = Assert.Throws<InvalidVapidSettingsException>(() => VapidKeys.FromBase64Url(second.PublicKeyBase64Url, firstPrivate));
        Assert.Contains("not a key pair", mismatch.Message);
        Assert.DoesNotContain(firstPrivate, mismatch.Message);

        Assert.Contains("VAPID_PRIVATE_KEY", Assert.Throws<InvalidVapidSettingsException>(() => VapidKeys.FromBase64Url(first.PublicKeyBase64Url, "c2hvcnQ")).Message);
        Assert.Contains("VAPID_PUBLIC_KEY", Assert.Throws<InvalidVapidSettingsException>(() => VapidKeys.FromBase64Url("BAAA", firstPrivate)).Message);
    }

    [Theory]
    [InlineData("mailto:support@agentlocator.local", true)]
    [InlineData("https://agentlocator.example", true)]
    [InlineData("http://agentlocator.example", false)]
    [InlineData("support@agentlocator.local", false)]
    [InlineData("mailto:", false)]
    [InlineData("", false)]
    public void The_subject_must_be_a_mailto_or_https_uri(string subject, bool valid)
    {
        var exception = Record.Exception(() => VapidKeysLoader.ValidateSubject(subject));
        Assert.Equal(valid, exception is null);
    }
}
