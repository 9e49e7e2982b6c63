using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using AgentLocator.Api.Integrations.GoogleTts;
using AgentLocator.FakeProviders;
using AgentLocator.Grains.Calls.Providers;
using Microsoft.Extensions.Logging;

namespace AgentLocator.Api.Tests.Providers;

/// <summary>Google Text-to-Speech over REST with a service account's token, against the fake Google.</summary>
public sealed class GoogleSpeechSynthesizerTests
{
    private const string Text = "תודה, נחזור אליך בהקדם";

    [Fact]
    public async Task Hebrew_mp3_is_requested_with_a_service_account_token_and_stored_as_public_media()
    {
        await using var fakes = await FakeProviders.FakeProviders.StartAsync();
        await using var host = ProviderHost.For(fakes);

        var speech = await host.Speech.SynthesizeAsync(Text, CancellationToken.None);

        Assert.True(host.Speech.IsConfigured);
        Assert.False(speech.FromCache);
        Assert.Equal("audio/mpeg", speech.ContentType);
        Assert.Equal(fakes.Google.Audio, host.Media.Content(MediaArea.Public, speech.MediaKey));
        var request = Assert.Single(fakes.Google.Syntheses.All);
        Assert.True(request.Authorized);
        Assert.Equal(Text, request.Text);
        Assert.Equal("he-IL", request.LanguageCode);
        Assert.Equal("he-IL-Wavenet-A", request.Voice);
        Assert.Equal("MP3", request.AudioEncoding);
        var token = Assert.Single(fakes.Google.Tokens.All);
        Assert.True(token.SignatureValid);
        Assert.Equal("urn:ietf:params:oauth:grant-type:jwt-bearer", token.GrantType);
        Assert.Equal(FakeGoogle.ClientEmail, token.Issuer);
        Assert.Contains(token.Audience, new[] { FakeGoogle.GoogleTokenAudience, fakes.Google.TokenUri.ToString() });
        Assert.Contains("https://www.googleapis.com/auth/cloud-platform", token.Scope);
        Assert.DoesNotContain("PRIVATE KEY", host.Logs.AllText);
    }

    [Fact]
    public async Task The_same_text_is_served_from_the_store_without_a_second_request()
    {
        await using var fakes = await FakeProviders.FakeProviders.StartAsync();
        await using var host = ProviderHost.For(fakes);

        var first = await host.Speech.SynthesizeAsync(Text, CancellationToken.None);
        var second = await host.Speech.SynthesizeAsync("  " + Text + " ", CancellationToken.None);

        Assert.True(second.FromCache);
        Assert.Equal(first.MediaKey, second.MediaKey);
        Assert.Equal("audio/mpeg", second.ContentType);
        Assert.Equal(1, fakes.Google.Syntheses.Count);
        Assert.Equal(1, host.Media.SaveCount);
        Assert.Equal(first.MediaKey, host.Media.Alias(MediaArea.Public, GoogleSpeechSynthesizer.CacheAlias("he-IL-Wavenet-A", Text)));
    }

    [Fact]
    public async Task The_cache_is_per_voice_and_the_configured_voice_is_sent()
    {
        await using var fakes = await FakeProviders.FakeProviders.StartAsync();
        await using var wavenet = ProviderHost.For(fakes);
        await using var standard = ProviderHost.For(fakes, new Dictionary<string, string?> { ["Google:Voice"] = "he-IL-Standard-B" });

        await wavenet.Speech.SynthesizeAsync(Text, CancellationToken.None);
        await standard.Speech.SynthesizeAsync(Text, CancellationToken.None);

        Assert.Equal(["he-IL-Wavenet-A", "he-IL-Standard-B"], fakes.Google.Syntheses.All.Select(r => r.Voice));
        Assert.NotEqual(GoogleSpeechSynthesizer.CacheAlias("he-IL-Wavenet-A", Text), GoogleSpeechSynthesizer.CacheAlias("he-IL-Standard-B", Text));
    }

    [Fact]
    public void The_cache_alias_is_the_hex_sha256_of_voice_newline_text()
    {
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("he-IL-Wavenet-A\n" + Text)));

        Assert.Equal(expected, GoogleSpeechSynthesizer.CacheAlias("he-IL-Wavenet-A", Text));
        Assert.Matches("^[0-9a-f]{64}$", expected);
    }

    [Fact]
    public async Task An_alias_whose_file_is_gone_is_synthesized_again()
    {
        await using var fakes = await FakeProviders.FakeProviders.StartAsync();
        await using var host = ProviderHost.For(fakes);
        var first = await host.Speech.SynthesizeAsync(Text, CancellationToken.None);
        await host.Media.DeleteAsync(MediaArea.Public, first.MediaKey, CancellationToken.None);

        var again = await host.Speech.SynthesizeAsync(Text, CancellationToken.None);

        Assert.False(again.FromCache);
        Assert.NotEqual(first.MediaKey, again.MediaKey);
        Assert.Equal(2, fakes.Google.Syntheses.Count);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(403)]
    public async Task An_error_status_throws_and_stores_nothing(int status)
    {
        await using var fakes = await FakeProviders.FakeProviders.StartAsync();
        await using var host = ProviderHost.For(fakes);
        fakes.Google.Faults.Status = status;

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => host.Speech.SynthesizeAsync(Text, CancellationToken.None));

        Assert.Equal(status, (int?)failure.StatusCode);
        Assert.Equal(0, host.Media.SaveCount);
    }

    [Theory]
    [InlineData("{\"audioContent\": ")]
    [InlineData("{}")]
    [InlineData("{\"audioContent\": \"\"}")]
    [InlineData("{\"audioContent\": \"not base64!\"}")]
    [InlineData("<html>Service Unavailable</html>")]
    public async Task An_answer_without_usable_audio_throws_and_stores_nothing(string body)
    {
        await using var fakes = await FakeProviders.FakeProviders.StartAsync();
        await using var host = ProviderHost.For(fakes);
        fakes.Google.Faults.Body = body;

        await Assert.ThrowsAsync<InvalidDataException>(() => host.Speech.SynthesizeAsync(Text, CancellationToken.None));

        Assert.Equal(0, host.Media.SaveCount);
        Assert.Null(host.Media.Alias(MediaArea.Public, GoogleSpeechSynthesizer.CacheAlias("he-IL-Wavenet-A", Text)));
    }

    [Fact]
    public async Task A_refused_token_fails_before_any_synthesis()
    {
        await using var fakes = await FakeProviders.FakeProviders.StartAsync();
        await using var host = ProviderHost.For(fakes);
        fakes.Google.TokenFaults.Status = 400;

        await Assert.ThrowsAnyAsync<Exception>(() => host.Speech.SynthesizeAsync(Text, CancellationToken.None));

        Assert.Equal(0, fakes.Google.Syntheses.Count);
    }

    [Fact]
    public async Task A_slow_service_times_out_as_configured()
    {
        await using var fakes = await FakeProviders.FakeProviders.StartAsync();
        await using var host = ProviderHost.For(fakes, new Dictionary<string, string?> { ["Google:TimeoutSeconds"] = "1" });
        fakes.Google.Faults.Delay = TimeSpan.FromSeconds(30);
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAsync<TimeoutException>(() => host.Speech.SynthesizeAsync(Text, CancellationToken.None));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Without_a_credentials_path_speech_is_off_quietly()
    {
        await using var host = ProviderHost.Create(new Dictionary<string, string?>());

        Assert.False(host.Speech.IsConfigured);
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Speech.SynthesizeAsync(Text, CancellationToken.None));
        Assert.DoesNotContain(host.Logs.Lines, line => line.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task A_missing_credentials_file_turns_speech_off_with_one_warning()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.json");
        await using var host = ProviderHost.Create(new Dictionary<string, string?> { ["Google:CredentialsPath"] = path });

        Assert.False(host.Speech.IsConfigured);
        Assert.False(host.Speech.IsConfigured);
        var warning = Assert.Single(host.Logs.Lines, line => line.Level == LogLevel.Warning);
        Assert.Contains(path, warning.Text);
    }

    [Fact]
    public async Task An_unusable_credentials_file_turns_speech_off_without_logging_its_contents()
    {
        var path = Path.GetTempFileName();
        const string secret = "-----BEGIN PRIVATE KEY-----\\nTOP-SECRET-MATERIAL\\n-----END PRIVATE KEY-----";
        await File.WriteAllTextAsync(path, $"{{\"type\": \"service_account\", \"private_key\": \"{secret}\", \"client_email\": \"x@y\"}}");
        try
        {
            await using var host = ProviderHost.Create(new Dictionary<string, string?> { ["Google:CredentialsPath"] = path });

            Assert.False(host.Speech.IsConfigured);
            Assert.Single(host.Logs.Lines, line => line.Level == LogLevel.Warning);
            Assert.DoesNotContain("TOP-SECRET-MATERIAL", host.Logs.AllText);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
