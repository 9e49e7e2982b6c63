namespace AgentLocator.CallSimulator.Tests;

/// <summary>
/// Pinned to the vectors our API's own signature tests pin (Twilio's published example, auth token "12345", and a
/// Hebrew one computed independently), so the simulator and the server cannot agree on a wrong signature.
/// </summary>
public sealed class TwilioSignerTests
{
    [Fact]
    public void The_published_example_signs_the_same()
    {
        KeyValuePair<string, string>[] fields =
        [
            new("CallSid", "CA1234567890ABCDE"), new("From", "+14158675309"), new("Digits", "1234"),
            new("To", "+18005551212"), new("Caller", "+14158675309"),
        ];
        Assert.Equal("RSOYDt4T1cUTdK1PDd93/VVr8B8=", TwilioSigner.Sign("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", fields));
    }

    [Fact]
    public void Hebrew_values_are_signed_as_UTF8()
    {
        KeyValuePair<string, string>[] fields =
        [
            new("SpeechResult", "שלום, אני רוצה לקבוע פגישה"), new("To", "+97235550100"), new("From", "+972541234567"),
            new("CallerName", "ישראל ישראלי"), new("CallSid", "CA0123456789abcdef0123456789abcdef"),
        ];
        Assert.Equal("Vk+vuA26SK9Ae5E7VoLI97osZdk=",
            TwilioSigner.Sign("12345", "https://crm.example.com/webhook/incoming_call?retry=1", fields));
    }

    [Fact]
    public void A_repeated_name_is_signed_once_per_distinct_value_in_value_order()
    {
        // The published vector of Twilio's helper libraries for a repeated parameter.
        KeyValuePair<string, string>[] fields =
        [
            new("Sid", "CA123"), new("SidAccount", "AC123"), new("Digits", "5678"), new("Digits", "1234"), new("Digits", "1234"),
        ];
        Assert.Equal("IK+Dwps556ElfBT0I3Rgjkr1wJU=", TwilioSigner.Sign("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", fields));
    }
}
