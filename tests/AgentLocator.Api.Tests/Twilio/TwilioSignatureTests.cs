using AgentLocator.Api.Integrations.Twilio;
using AgentLocator.CallSimulator;
using Microsoft.Extensions.Primitives;

namespace AgentLocator.Api.Tests.Twilio;

/// <summary>
/// The webhooks' check (Twilio's RequestValidator behind <see cref="TwilioSignatureFilter.IsSigned"/>) and the call
/// simulator's signer, pinned to the vectors published in Twilio's helper libraries' request-validator tests (auth
/// token "12345"), so neither can pass by only agreeing with the other.
/// </summary>
public sealed class TwilioSignatureTests
{
    private const string Token = "12345";
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private const string Published = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    // Deliberately out of order: the signature sorts by name.
    private static readonly KeyValuePair<string, StringValues>[] Parameters =
    [
        new("CallSid", "CA1234567890ABCDE"),
        new("From", "+14158675309"),
        new("Digits", "1234"),
        new("To", "+18005551212"),
        new("Caller", "+14158675309"),
    ];

    [Fact]
    public void The_published_example_validates_and_computes()
    {
        Assert.True(TwilioSignatureFilter.IsSigned(Token, Url, Parameters, Published));
        Assert.Equal(Published, TwilioSigner.Sign(Token, Url, Fields(Parameters)));
    }

    [Theory]
    [InlineData("https://MyCompany.com/myapp.php?foo=1&bar=2", "g9IN/x4Cft2g517EjYvEvM/W7LU=")]
    [InlineData("https://MyCompany.com:1234/myapp.php?foo=1&bar=2", "PCqOZm8cnu/L6+u5i5fuEd+Iac4=")]
    [InlineData("http://MyCompany.com/myapp.php?foo=1&bar=2", "XY7AlKOKL6im4yWyX84gldUrtis=")]
    [InlineData("http://username:password@MyCompany.com/myapp.php?foo=1&bar=2", "PJ08CxXr7KLPjEQCTc8LkUSMwSM=")]
    [InlineData("http://mycompany.com:1234/myapp.php?foo=1&bar=2", "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=")]
    [InlineData("https://mycompany.com:1234/myapp.php?foo=1&bar=2", "CYn1h0gLBdNxDGkKJg6hYohgeD8=")]
    public void Published_urls_validate_as_given(string url, string signature) =>
        Assert.True(TwilioSignatureFilter.IsSigned(Token, url, Parameters, signature));

    [Theory]
    // Signed with the default port spelled out, requested without it.
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=2", "kvajT1Ptam85bY51eRf/AJRuM3w=")]
    [InlineData("http://mycompany.com/myapp.php?foo=1&bar=2", "0ZXoZLH/DfblKGATFgpif+LLRf4=")]
    // Signed without a port, requested with one.
    [InlineData("https://mycompany.com:1234/myapp.php?foo=1&bar=2", Published)]
    [InlineData("https://mycompany.com:443/myapp.php?foo=1&bar=2", Published)]
    public void A_port_added_or_removed_still_validates(string url, string signature) =>
        Assert.True(TwilioSignatureFilter.IsSigned(Token, url, Parameters, signature));

    [Theory]
    [InlineData("https://MyCompany.com/myapp.php?foo=1&bar=2")]
    [InlineData("https://MyCompany.com:1234/myapp.php?foo=1&bar=2")]
    [InlineData("http://MyCompany.com/myapp.php?foo=1&bar=2")]
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=2&extra=1")]
    [InlineData("https://mycompany.com/other.php?foo=1&bar=2")]
    public void Another_url_does_not_validate(string url) =>
        Assert.False(TwilioSignatureFilter.IsSigned(Token, url, Parameters, Published));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("FAIL")]
    [InlineData("NOTRSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("invalid 王")]
    [InlineData("RSOYDt4T1cUTdK1PDd93/VVr8B8=RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    public void Missing_or_malformed_signatures_fail(string? signature) =>
        Assert.False(TwilioSignatureFilter.IsSigned(Token, Url, Parameters, signature));

    [Fact]
    public void A_tampered_parameter_or_another_token_fails()
    {
        KeyValuePair<string, StringValues>[] tampered = [.. Parameters.Where(p => p.Key != "Digits"), new("Digits", "9999")];
        Assert.False(TwilioSignatureFilter.IsSigned(Token, Url, tampered, Published));
        Assert.False(TwilioSignatureFilter.IsSigned(Token, Url, [.. Parameters, new("Extra", "1")], Published));
        Assert.False(TwilioSignatureFilter.IsSigned("54321", Url, Parameters, Published));
        Assert.False(TwilioSignatureFilter.IsSigned("", Url, Parameters, Published));
    }

    [Fact]
    public void Repeated_parameters_match_the_published_vector()
    {
        KeyValuePair<string, StringValues>[] repeated =
        [
            new("Sid", "CA123"), new("SidAccount", "AC123"), new("Digits", new StringValues(["5678", "1234", "1234"])),
        ];
        Assert.True(TwilioSignatureFilter.IsSigned(Token, Url, repeated, "IK+Dwps556ElfBT0I3Rgjkr1wJU="));
        Assert.Equal("IK+Dwps556ElfBT0I3Rgjkr1wJU=", TwilioSigner.Sign(Token, Url, Fields(repeated)));
    }

    [Fact]
    public void Hebrew_values_are_signed_as_UTF8()
    {
        // Expected value computed independently (Python hmac/hashlib over the UTF-8 bytes).
        KeyValuePair<string, StringValues>[] hebrew =
        [
            new("SpeechResult", "שלום, אני רוצה לקבוע פגישה"), new("To", "+97235550100"), new("From", "+972541234567"),
            new("CallerName", "ישראל ישראלי"), new("CallSid", "CA0123456789abcdef0123456789abcdef"),
        ];
        const string url = "https://crm.example.com/webhook/incoming_call?retry=1";
        Assert.True(TwilioSignatureFilter.IsSigned(Token, url, hebrew, "Vk+vuA26SK9Ae5E7VoLI97osZdk="));
        Assert.Equal("Vk+vuA26SK9Ae5E7VoLI97osZdk=", TwilioSigner.Sign(Token, url, Fields(hebrew)));
    }

    [Fact]
    public void Only_a_spelled_out_default_port_is_dropped_before_validating_and_the_text_is_kept()
    {
        Assert.Equal("https://Crm.example.com/a?b=1", TwilioSignatureFilter.WithoutDefaultPort("https://Crm.example.com:443/a?b=1"));
        Assert.Equal("http://u:p@host/a", TwilioSignatureFilter.WithoutDefaultPort("http://u:p@host:80/a"));
        Assert.Equal("https://[::1]/x", TwilioSignatureFilter.WithoutDefaultPort("https://[::1]:443/x"));
        Assert.Equal("http://u:p@host:8080/a", TwilioSignatureFilter.WithoutDefaultPort("http://u:p@host:8080/a"));
        Assert.Equal("https://host:80/a", TwilioSignatureFilter.WithoutDefaultPort("https://host:80/a"));
        Assert.Equal("https://host", TwilioSignatureFilter.WithoutDefaultPort("https://host"));
    }

    [Fact]
    public void What_the_simulator_signs_the_validator_accepts_including_repeated_names_and_Hebrew()
    {
        KeyValuePair<string, StringValues>[] form =
        [
            new("To", "+97235550100"), new("CallerName", "ישראל ישראלי"),
            new("Digits", new StringValues(["9", "1", "9", "5"])), new("SpeechResult", new StringValues(["שלום", "להתראות"])),
        ];
        const string url = "https://crm.example.com:8443/webhook/handle_recording?turn=2";

        var signature = TwilioSigner.Sign(Token, url, Fields(form));

        Assert.True(TwilioSignatureFilter.IsSigned(Token, url, form, signature));
        // Each value counts: dropping one repeated value, or signing the values joined, is refused.
        KeyValuePair<string, StringValues>[] fewer = [.. form.Where(p => p.Key != "Digits"), new("Digits", new StringValues(["1", "5"]))];
        Assert.False(TwilioSignatureFilter.IsSigned(Token, url, fewer, signature));
        Assert.False(TwilioSignatureFilter.IsSigned(Token, url, form,
            TwilioSigner.Sign(Token, url, form.Select(p => new KeyValuePair<string, string>(p.Key, p.Value.ToString())))));
    }

    /// <summary>The form as the simulator posts it: one pair per value, a repeated name as several pairs.</summary>
    private static IEnumerable<KeyValuePair<string, string>> Fields(IEnumerable<KeyValuePair<string, StringValues>> form) =>
        form.SelectMany(pair => pair.Value.Select(value => new KeyValuePair<string, string>(pair.Key, value!)));
}
