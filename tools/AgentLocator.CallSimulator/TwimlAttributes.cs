using System.Globalization;
using System.Xml.Linq;

namespace AgentLocator.CallSimulator;

/// <summary>Reading verb attributes with Twilio's defaults.</summary>
internal static class TwimlAttributes
{
    /// <summary>GET or POST (Twilio's default); anything else is a TwiML error, reported as a failure.</summary>
    public static string? Method(XElement verb, string attribute, CallSession call)
    {
        var method = (verb.Attribute(attribute)?.Value ?? "POST").Trim().ToUpperInvariant();
        if (method is "GET" or "POST")
        {
            return method;
        }
        call.Fail($"<{verb.Name.LocalName} {attribute}=\"{method}\">: Twilio only uses GET or POST");
        return null;
    }

    public static int? Number(XElement verb, string attribute) =>
        int.TryParse(verb.Attribute(attribute)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static string? Text(XElement verb, string attribute) =>
        verb.Attribute(attribute)?.Value is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
