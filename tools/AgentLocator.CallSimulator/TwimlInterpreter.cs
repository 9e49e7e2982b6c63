using System.Xml.Linq;

namespace AgentLocator.CallSimulator;

/// <summary>A TwiML &lt;Response&gt; and the public URL it came from (relative URLs in it resolve against that).</summary>
internal sealed record TwimlDocument(XElement Response, string Url);

/// <summary>
/// Carries out TwiML verbs in order, as Twilio does, until a &lt;Hangup&gt;, the end of a document, a failed
/// webhook, or the verb limit. A &lt;Record&gt; that reports a recording and a &lt;Redirect&gt; continue with the
/// document their request returns; nothing after them in the current document runs.
/// </summary>
internal sealed class TwimlInterpreter(CallSession call)
{
    /// <summary>Roughly how fast a Hebrew text-to-speech voice speaks.</summary>
    private const double CharactersPerSecond = 14;

    private readonly RecordVerb record = new(call);
    private int verbs;

    public async Task RunAsync(TwimlDocument first, CancellationToken cancellationToken)
    {
        for (var document = first; document is not null;)
        {
            document = await RunDocumentAsync(document, cancellationToken);
        }
    }

    private async Task<TwimlDocument?> RunDocumentAsync(TwimlDocument document, CancellationToken cancellationToken)
    {
        foreach (var verb in document.Response.Elements())
        {
            if (++verbs > call.Options.MaxVerbs)
            {
                call.Fail($"more than {call.Options.MaxVerbs} verbs in one call: the TwiML keeps redirecting (a loop?)");
                return null;
            }
            var name = verb.Name.LocalName;
            // A Record has no text; where it reports is what identifies it.
            var detail = name == "Record" ? verb.Attribute("action")?.Value ?? "" : verb.Value.Trim();
            call.Verbs.Add(new ExecutedVerb(name, detail, document.Url));
            switch (name)
            {
                case "Say":
                    await SayAsync(verb, cancellationToken);
                    break;
                case "Play":
                    await PlayAsync(verb, document.Url, cancellationToken);
                    break;
                case "Pause":
                    var seconds = TwimlAttributes.Number(verb, "length") ?? 1;
                    call.Print($"⏸  {seconds} s");
                    await call.Clock.AdvanceAsync(TimeSpan.FromSeconds(seconds), cancellationToken);
                    break;
                case "Record":
                    var (skipped, next) = await record.RunAsync(verb, document.Url, cancellationToken);
                    if (!skipped)
                    {
                        return next;
                    }
                    break;
                case "Redirect":
                    return await RedirectAsync(verb, document.Url, cancellationToken);
                case "Hangup":
                    call.Print("📴 <Hangup>");
                    return null;
                default:
                    // Twilio rejects a document with a verb it does not know; one we do not know is as bad for a test.
                    call.Fail($"<{name}> is not a verb the simulator plays (Say, Play, Pause, Record, Redirect, Hangup)");
                    return null;
            }
        }
        call.Print("📴 end of the TwiML: Twilio hangs up");
        return null;
    }

    private async Task SayAsync(XElement verb, CancellationToken cancellationToken)
    {
        var text = verb.Value.Trim();
        call.Print("🤖 " + text);
        call.SpokenTexts.Add(text);
        await call.Clock.AdvanceAsync(TimeSpan.FromSeconds(Math.Max(1, text.Length / CharactersPerSecond)), cancellationToken);
    }

    /// <summary>Fetches the audio as Twilio would, so a broken media URL shows up; an unplayable one is skipped, as Twilio does.</summary>
    private async Task PlayAsync(XElement verb, string documentUrl, CancellationToken cancellationToken)
    {
        var url = call.Urls.Resolve(documentUrl, verb.Value);
        call.Print("🔊 " + url);
        call.PlayedUrls.Add(url);
        var length = TimeSpan.FromSeconds(1);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            using var response = await call.Http.GetAsync(call.Urls.Transport(url), cancellationToken);
            var audio = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            call.Print($"   ↪ GET → {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}, {audio.Length:N0} bytes in {clock.ElapsedMilliseconds} ms");
            if (!response.IsSuccessStatusCode)
            {
                call.Fail($"<Play> {url}: HTTP {(int)response.StatusCode}, the caller hears nothing");
            }
            else if (Wav.IsWav(audio))
            {
                length = Wav.Duration(audio);
            }
        }
        catch (Exception error) when (error is HttpRequestException or InvalidDataException or UriFormatException)
        {
            call.Fail($"<Play> {url}: {error.Message}");
        }
        // Twilio plays the clip `loop` times (a hold clip shorter than one hold step loops to fill it).
        var loops = Math.Max(1, TwimlAttributes.Number(verb, "loop") ?? 1);
        await call.Clock.AdvanceAsync(length * loops, cancellationToken);
    }

    private async Task<TwimlDocument?> RedirectAsync(XElement verb, string documentUrl, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(verb.Value))
        {
            call.Fail("<Redirect> has no URL");
            return null;
        }
        var url = call.Urls.Resolve(documentUrl, verb.Value);
        if (TwimlAttributes.Method(verb, "method", call) is not { } method)
        {
            return null;
        }
        call.Print($"↪  <Redirect> {method} {url}");
        var reply = await call.SendAsync(method, url, call.CallFields("in-progress"), expectTwiml: true, cancellationToken);
        return reply.Response is { } response ? new TwimlDocument(response, url) : null;
    }
}
