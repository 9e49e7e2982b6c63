using AgentLocator.Api.Twilio;
using Microsoft.Extensions.Primitives;

namespace AgentLocator.Api.Tests.Twilio;

/// <summary>
/// Pinned to the vectors published in Twilio's helper libraries' request-validator tests (auth token "12345"),
/// so an implementation that only agrees with itself cannot pass.
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
        Assert.True(TwilioSignature.IsValid(Token, Url, Parameters, Published));
        Assert.Equal(Published, TwilioSignature.Compute(Token, Url, Parameters));
    }

    [Theory]
    [InlineData("https://MyCompany.com/myapp.php?foo=1&bar=2", "g9IN/x4Cft2g517EjYvEvM/W7LU=")]
    [InlineData("https://MyCompany.com:1234/myapp.php?foo=1&bar=2", "PCqOZm8cnu/L6+u5i5fuEd+Iac4=")]
    [InlineData("http://MyCompany.com/myapp.php?foo=1&bar=2", "XY7AlKOKL6im4yWyX84gldUrtis=")]
    [InlineData("http://username:password@MyCompany.com/myapp.php?foo=1&bar=2", "PJ08CxXr7KLPjEQCTc8LkUSMwSM=")]
    [InlineData("http://mycompany.com:1234/myapp.php?foo=1&bar=2", "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=")]
    [InlineData("https://mycompany.com:1234/myapp.php?foo=1&bar=2", "CYn1h0gLBdNxDGkKJg6hYohgeD8=")]
    public void Published_urls_validate_as_given(string url, string signature) =>
        Assert.True(TwilioSignature.IsValid(Token, url, Parameters, signature));

    [Theory]
    // Signed with the default port spelled out, requested without it.
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=2", "kvajT1Ptam85bY51eRf/AJRuM3w=")]
    [InlineData("http://mycompany.com/myapp.php?foo=1&bar=2", "0ZXoZLH/DfblKGATFgpif+LLRf4=")]
    // Signed without a port, requested with one.
    [InlineData("https://mycompany.com:1234/myapp.php?foo=1&bar=2", Published)]
    [InlineData("https://mycompany.com:443/myapp.php?foo=1&bar=2", Published)]
    public void A_port_added_or_removed_still_validates(string url, string signature) =>
        Assert.True(TwilioSignature.IsValid(Token, url, Parameters, signature));

    [Theory]
    [InlineData("https://MyCompany.com/myapp.php?foo=1&bar=2")]
    [InlineData("https://MyCompany.com:1234/myapp.php?foo=1&bar=2")]
    [InlineData("http://MyCompany.com/myapp.php?foo=1&bar=2")]
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=2&extra=1")]
    [InlineData("https://mycompany.com/other.php?foo=1&bar=2")]
    public void Another_url_does_not_validate(string url) =>
        Assert.False(TwilioSignature.IsValid(Token, url, Parameters, Published));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("FAIL")]
    [InlineData("NOTRSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("invalid 王")]
    [InlineData("RSOYDt4T1cUTdK1PDd93/VVr8B8=RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    public void Missing_or_malformed_signatures_fail(string? signature) =>
        Assert.False(TwilioSignature.IsValid(Token, Url, Parameters, signature));

    [Fact]
    public void A_tampered_parameter_or_another_token_fails()
    {
        KeyValuePair<string, StringValues>[] tampered = [.. Parameters.Where(p => p.Key != "Digits"), new("Digits", "9999")];
        Assert.False(TwilioSignature.IsValid(Token, Url, tampered, Published));
        Assert.False(TwilioSignature.IsValid(Token, Url, [.. Parameters, new("Extra", "1")], Published));
        Assert.False(TwilioSignature.IsValid("54321", Url, Parameters, Published));
        Assert.False(TwilioSignature.IsValid("", Url, Parameters, Published));
    }

    [Fact]
    public void Repeated_parameters_match_the_published_vector()
    {
        KeyValuePair<string, StringValues>[] repeated =
        [
            new("Sid", "CA123"), new("SidAccount", "AC123"), new("Digits", new StringValues(["5678", "1234", "1234"])),
        ];
        Assert.True(TwilioSignature.IsValid(Token, Url, repeated, "IK+Dwps556ElfBT0I3Rgjkr1wJU="));
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
        Assert.True(TwilioSignature.IsValid(Token, url, hebrew, "Vk+vuA26SK9Ae5E7VoLI97osZdk="));
        Assert.Equal("Vk+vuA26SK9Ae5E7VoLI97osZdk=", TwilioSignature.Compute(Token, url, hebrew));
    }

    [Fact]
    public void Url_variants_keep_the_text_and_toggle_only_the_port()
    {
        Assert.Equal(["https://Crm.example.com/a?b=1", "https://Crm.example.com:443/a?b=1"],
            TwilioSignature.UrlVariants("https://Crm.example.com/a?b=1"));
        Assert.Equal(["http://u:p@host:8080/a", "http://u:p@host/a"], TwilioSignature.UrlVariants("http://u:p@host:8080/a"));
        Assert.Equal(["https://[::1]:5001/x", "https://[::1]/x"], TwilioSignature.UrlVariants("https://[::1]:5001/x"));
        Assert.Equal(["https://host", "https://host:443"], TwilioSignature.UrlVariants("https://host"));
    }
}
