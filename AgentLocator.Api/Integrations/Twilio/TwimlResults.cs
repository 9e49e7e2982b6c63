using System.Text;
using System.Xml.Linq;
using Twilio.TwiML;

namespace AgentLocator.Api.Integrations.Twilio;

/// <summary>How a TwiML document built with Twilio's <see cref="VoiceResponse"/> goes back to Twilio.</summary>
public static class TwimlResults
{
    public const string ContentType = "text/xml";

    /// <summary>The document with its UTF-8 declaration, unindented: whitespace between verbs is noise on every answer.</summary>
    public static string ToXml(this VoiceResponse response) => response.ToString(SaveOptions.DisableFormatting);

    public static IResult ToResult(this VoiceResponse response) => Results.Text(response.ToXml(), ContentType, Encoding.UTF8);

    /// <summary>A messaging answer (an empty <c>&lt;Response/&gt;</c> sends no reply).</summary>
    public static IResult ToResult(this MessagingResponse response) =>
        Results.Text(response.ToString(SaveOptions.DisableFormatting), ContentType, Encoding.UTF8);
}
