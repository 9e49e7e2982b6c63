using AgentLocator.Api.Calls;
using AgentLocator.Grains.Customers;

namespace AgentLocator.Api.Tests.Calls;

/// <summary>Twilio's special caller values, recognised in one place, and how the call list names them.</summary>
public sealed class CallerIdTests
{
    /// <summary>
    /// Every form Twilio (or a carrier through it) gives for a caller with no number to call back: the words in any
    /// case, their keypad numbers (ANONYMOUS 266696687, RESTRICTED 7378742833, UNAVAILABLE 86282452253, UNKNOWN 8656696,
    /// BLOCKED 2562533), with or without the plus, browser and SIP identities, and nothing at all.
    /// </summary>
    public static TheoryData<string?> WithheldForms => new(
        "anonymous", "Anonymous", "ANONYMOUS", "Restricted", "restricted", "unavailable", "UNKNOWN", "Private", "blocked", "withheld",
        " anonymous ",
        "+266696687", "266696687", "+7378742833", "7378742833", "+86282452253", "+8656696", "+2562533", "+7748283",
        "client:agent-browser", "Client:Anna", "sip:caller@example.sip.twilio.com", "SIP:100@pbx.example.com",
        "", "   ", null);

    [Theory]
    [MemberData(nameof(WithheldForms))]
    public void Every_withheld_form_is_recognised_and_shown_as_a_withheld_number(string? from)
    {
        Assert.True(CallerId.IsWithheld(from));
        Assert.Equal("מספר חסוי", CallerId.Display(from));
    }

    [Theory]
    [InlineData("+972501234567", "050-123-4567")]
    [InlineData("+97231234567", "03-123-4567")]
    [InlineData("+14155550123", "+1 415-555-0123")]
    // Near misses of the keypad numbers are real numbers (or at least not Twilio's markers).
    [InlineData("+2666966870", "+2666966870")]
    // Not a number we can parse, but digits someone could dial: shown as given, not hidden.
    [InlineData("12345", "12345")]
    public void Real_numbers_are_not_withheld(string from, string display)
    {
        Assert.False(CallerId.IsWithheld(from));
        Assert.Equal(display, CallerId.Display(from));
    }

    [Fact]
    public void The_call_list_uses_the_same_recogniser()
    {
        Assert.Equal("מספר חסוי", CallQueries.DisplayNumber("+266696687"));
        Assert.Equal("מספר חסוי", CallQueries.DisplayNumber("sip:someone@example.com"));
        Assert.Equal("050-123-4567", CallQueries.DisplayNumber("+972501234567"));
    }
}
