using System.Net;
using System.Xml;
using System.Xml.Linq;

namespace AgentLocator.Bench;

/// <summary>Which step of the call flow a TwiML answer is, read from its verbs.</summary>
public enum TwimlStep
{
    /// <summary>Say/Play a greeting, Record, and a Redirect back to incoming_call for the silent case.</summary>
    Greeting,

    /// <summary>Hold audio and a Redirect to call_reply: the reply is not ready yet.</summary>
    Hold,

    /// <summary>The reply as synthesized audio: Play of a /media/ file (not the hold music).</summary>
    AudioReply,

    /// <summary>Say then Record with no Redirect: the reply read by Twilio's voice (speech failed), or a re-prompt.</summary>
    SaidReply,

    /// <summary>Say and Hangup with no Record: the business's fallback message, an apology, or "not in service".</summary>
    Goodbye,

    Other,
}

/// <summary>
/// A webhook's answer, held to what Twilio accepts (200, an XML content type, a &lt;Response&gt; root) and then
/// classified. <see cref="Problem"/> is null for a valid document, else a short kind to count errors by.
/// </summary>
public sealed record TwimlAnswer(TwimlStep Step, string? RedirectUrl, string? Problem)
{
    private const string HoldAudioPath = "/media/hold.wav";
    private const string CallReplyPath = "/webhook/call_reply";

    public static async Task<TwimlAnswer> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return Invalid($"HTTP {(int)response.StatusCode}");
        }
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is not ("text/xml" or "application/xml"))
        {
            return Invalid($"Content-Type {mediaType ?? "(none)"}, not XML");
        }
        XElement? root;
        try
        {
            root = XDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).Root;
        }
        catch (XmlException)
        {
            return Invalid("body is not XML");
        }
        return root?.Name == "Response" ? Classify(root) : Invalid($"root <{root?.Name}>, not <Response>");
    }

    private static TwimlAnswer Invalid(string problem) => new(TwimlStep.Other, null, problem);

    private static TwimlAnswer Classify(XElement response)
    {
        var verbs = response.Elements().ToList();
        var first = verbs.FirstOrDefault();
        var redirect = verbs.FirstOrDefault(verb => verb.Name == "Redirect")?.Value.Trim();
        var records = verbs.Any(verb => verb.Name == "Record");
        var step = true switch
        {
            _ when redirect?.StartsWith(CallReplyPath, StringComparison.Ordinal) == true => TwimlStep.Hold,
            _ when records && redirect is not null => TwimlStep.Greeting,
            _ when first?.Name == "Play" && first.Value.Contains("/media/", StringComparison.Ordinal)
                && !first.Value.EndsWith(HoldAudioPath, StringComparison.Ordinal) => TwimlStep.AudioReply,
            _ when records && first?.Name == "Say" => TwimlStep.SaidReply,
            _ when !records && verbs.Any(verb => verb.Name == "Hangup") => TwimlStep.Goodbye,
            _ => TwimlStep.Other,
        };
        return new TwimlAnswer(step, redirect, null);
    }

    /// <summary>Null when the answer is a valid document of the expected step, else the kind of error to count.</summary>
    public string? ProblemUnless(TwimlStep expected) =>
        Problem ?? (Step == expected ? null : $"{Describe(Step)} instead of {Describe(expected)}");

    public static string Describe(TwimlStep step) => step switch
    {
        TwimlStep.Greeting => "a greeting",
        TwimlStep.Hold => "hold + Redirect",
        TwimlStep.AudioReply => "the reply as audio (Play)",
        TwimlStep.SaidReply => "a <Say> reply or re-prompt",
        TwimlStep.Goodbye => "a <Say> + <Hangup> (fallback, apology or not in service)",
        _ => "unrecognised TwiML",
    };
}
