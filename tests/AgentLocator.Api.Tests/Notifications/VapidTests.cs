using System.Text.Json;
using AgentLocator.Api.Notifications.WebPush;
using Microsoft.Extensions.Options;

namespace AgentLocator.Api.Tests.Notifications;

public sealed class VapidTests
{
    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static VapidAuthorization Authorization(VapidKeys keys, TimeProvider clock, string subject = "mailto:ops@example.test") =>
        new(keys, Options.Create(new VapidOptions { Subject = subject }), clock);

    [Fact]
    public void The_header_carries_an_ES256_token_that_verifies_with_the_public_key_it_names()
    {
        using var keys = VapidKeys.Generate();
        var clock = new ManualClock(Start);

        var value = Authorization(keys, clock, "https://agentlocator.example/contact")
            .HeaderValueFor(new Uri("https://fcm.googleapis.com/fcm/send/abc:def"));

        Assert.Matches("^vapid t=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+, k=[A-Za-z0-9_-]{87}$", value);
        var (header, error) = VapidHeader.Verify(value);
        Assert.True(header is not null, error);
        Assert.Equal(keys.PublicKey, header.PublicKey);
        Assert.Equal("""{"typ":"JWT","alg":"ES256"}""", JsonSerializer.Serialize(header.Header));
        Assert.Equal("https://fcm.googleapis.com", header.Audience);
        Assert.Equal(Start.AddHours(12), header.ExpiresAt);
        Assert.Equal("https://agentlocator.example/contact", header.Subject);
    }

    [Theory]
    [InlineData("https://updates.push.services.mozilla.com/wpush/v2/gAAAA", "https://updates.push.services.mozilla.com")]
    [InlineData("https://push.example:8443/p/1?x=y", "https://push.example:8443")]
    [InlineData("http://127.0.0.1:5123/push/1", "http://127.0.0.1:5123")]
    public void The_audience_is_the_endpoint_origin(string endpoint, string audience) =>
        Assert.Equal(audience, VapidAuthorization.AudienceOf(new Uri(endpoint)));

    [Fact]
    public void A_token_is_reused_per_audience_until_an_hour_before_it_expires()
    {
        using var keys = VapidKeys.Generate();
        var clock = new ManualClock(Start);
        var vapid = Authorization(keys, clock);
        var endpoint = new Uri("https://push.example/a");

        var first = vapid.HeaderValueFor(endpoint);
        clock.Now = Start.AddHours(10);
        Assert.Equal(first, vapid.HeaderValueFor(new Uri("https://push.example/b")));
        Assert.NotEqual(first, vapid.HeaderValueFor(new Uri("https://other-push.example/a")));

        clock.Now = Start.AddHours(11).AddMinutes(1);
        var renewed = vapid.HeaderValueFor(endpoint);
        Assert.NotEqual(first, renewed);
        Assert.Equal(clock.Now.AddHours(12), VapidHeader.Verify(renewed).Header!.ExpiresAt);
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
