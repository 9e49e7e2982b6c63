using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace AgentLocator.Api.Twilio;

/// <summary>Attributes of <c>&lt;Record&gt;</c>; null ones are left out so Twilio's defaults apply.</summary>
public sealed record RecordOptions
{
    public string? Action { get; init; }
    public string? Method { get; init; }
    public int? MaxLength { get; init; }
    public int? Timeout { get; init; }
    public string? FinishOnKey { get; init; }
    public bool? PlayBeep { get; init; }
    public bool? Trim { get; init; }
    public string? RecordingStatusCallback { get; init; }
    public string? RecordingStatusCallbackMethod { get; init; }
    public string? RecordingStatusCallbackEvent { get; init; }
}

/// <summary>
/// A TwiML document built with XElement, so any text (a customer's name, a business name) is escaped and the
/// answer is always well-formed. Only the verbs our call flow uses.
/// </summary>
public sealed class TwiML
{
    public const string ContentType = "text/xml";
    public const string HebrewLanguage = "he-IL";
    public const string DefaultHebrewVoice = "Google.he-IL-Standard-A";

    private readonly XElement response = new("Response");

    public TwiML Say(string text, string language = HebrewLanguage, string? voice = DefaultHebrewVoice) =>
        Add(new XElement("Say", Attribute("language", language), Attribute("voice", voice), text));

    public TwiML Play(string url, int? loop = null) =>
        Add(new XElement("Play", Attribute("loop", loop), url));

    public TwiML Record(RecordOptions options) =>
        Add(new XElement("Record",
            Attribute("action", options.Action),
            Attribute("method", options.Method),
            Attribute("maxLength", options.MaxLength),
            Attribute("timeout", options.Timeout),
            Attribute("finishOnKey", options.FinishOnKey),
            Attribute("playBeep", options.PlayBeep),
            Attribute("trim", options.Trim is null ? null : options.Trim.Value ? "trim-silence" : "do-not-trim"),
            Attribute("recordingStatusCallback", options.RecordingStatusCallback),
            Attribute("recordingStatusCallbackMethod", options.RecordingStatusCallbackMethod),
            Attribute("recordingStatusCallbackEvent", options.RecordingStatusCallbackEvent)));

    public TwiML Redirect(string url, string method = "POST") =>
        Add(new XElement("Redirect", Attribute("method", method), url));

    public TwiML Pause(int seconds) =>
        Add(new XElement("Pause", Attribute("length", seconds)));

    public TwiML Hangup() => Add(new XElement("Hangup"));

    /// <summary>The document with its XML declaration, UTF-8 as declared.</summary>
    public override string ToString()
    {
        using var writer = new Utf8StringWriter();
        using (var xml = XmlWriter.Create(writer, new XmlWriterSettings { Encoding = Encoding.UTF8, Indent = false }))
        {
            new XDocument(new XDeclaration("1.0", "utf-8", null), response).Save(xml);
        }
        return writer.ToString();
    }

    public IResult ToResult() => Results.Text(ToString(), ContentType, Encoding.UTF8);

    private TwiML Add(XElement verb)
    {
        response.Add(verb);
        return this;
    }

    private static XAttribute? Attribute(string name, object? value) => value switch
    {
        null => null,
        bool flag => new XAttribute(name, flag ? "true" : "false"),
        IFormattable number => new XAttribute(name, number.ToString(null, CultureInfo.InvariantCulture)),
        _ => new XAttribute(name, value),
    };

    /// <summary>StringWriter reports UTF-16, which would put encoding="utf-16" in the declaration.</summary>
    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter() : base(CultureInfo.InvariantCulture) { }

        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
