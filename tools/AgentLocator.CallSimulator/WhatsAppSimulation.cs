using System.Globalization;

namespace AgentLocator.CallSimulator;

/// <summary>What a simulated WhatsApp message did: the webhook's exchange and the server's downloads of its media.</summary>
public sealed record WhatsAppSimulationResult(string MessageSid, WebhookExchange Exchange, IReadOnlyList<RecordingDownload> MediaDownloads, int MediaCount)
{
    /// <summary>Twilio got its empty &lt;Response/&gt;, and every media file was fetched.</summary>
    public bool Succeeded => Exchange.Problem is null && MediaDownloads.Count(d => d.StatusCode == 200) >= MediaCount;

    public string? FailureReason => Exchange.Problem
        ?? (MediaDownloads.Count(d => d.StatusCode == 200) < MediaCount ? "the server did not fetch every media file in time" : null);
}

/// <summary>
/// Plays Twilio for one inbound WhatsApp message: the messaging webhook's form (From/To as <c>whatsapp:+972…</c>, Body,
/// ProfileName, WaId, NumMedia, MediaUrl{n}/MediaContentType{n}), signed for the public host. A voice note or photo is
/// served from a local stand-in for Twilio's media URLs until the server has copied it.
/// </summary>
public sealed class WhatsAppSimulation
{
    public async Task<WhatsAppSimulationResult> RunAsync(WhatsAppSimulationOptions options, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var urls = new TwilioUrls(options.Api, options.PublicHost);
        using var ownHttp = options.Http is null
            ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan }
            : null;
        var accountSid = options.AccountSid ?? TwilioIds.NewAccountSid();
        var messageSid = options.MessageSid ?? TwilioIds.NewMessageSid();
        var files = new List<(byte[] Content, string ContentType, string Kind)>();
        if (options.VoiceNote is { } voice)
        {
            files.Add((voice, "audio/wav", "🎤 voice note"));
        }
        if (options.Photo)
        {
            files.Add((SamplePhoto.Png(), SamplePhoto.ContentType, "🖼 photo"));
        }
        await using var mediaServer = files.Count > 0 ? await FakeRecordingServer.StartAsync(accountSid, notReadyOnce: false, cancellationToken) : null;

        var fields = new List<KeyValuePair<string, string>>
        {
            new("MessageSid", messageSid), new("SmsMessageSid", messageSid), new("SmsSid", messageSid), new("AccountSid", accountSid),
            new("From", "whatsapp:" + options.From), new("To", "whatsapp:" + options.To), new("Body", options.Text ?? ""),
            new("WaId", options.From.TrimStart('+')), new("SmsStatus", "received"), new("NumSegments", "1"), new("ApiVersion", "2010-04-01"),
            new("MessageType", files.Count == 0 ? "text" : options.VoiceNote is not null ? "audio" : "image"),
            new("NumMedia", files.Count.ToString(CultureInfo.InvariantCulture)),
        };
        if (options.ProfileName is { Length: > 0 } profile)
        {
            fields.Add(new("ProfileName", profile));
        }
        for (var i = 0; i < files.Count; i++)
        {
            var url = mediaServer!.AddMedia(messageSid, TwilioIds.NewMediaSid(), files[i].Content, files[i].ContentType);
            fields.Add(new($"MediaUrl{i}", url));
            fields.Add(new($"MediaContentType{i}", files[i].ContentType));
        }

        output.WriteLine($"💬 WhatsApp {options.From} → {options.To}   MessageSid {messageSid}");
        output.WriteLine($"   requests go to {options.Api.GetLeftPart(UriPartial.Path).TrimEnd('/')}, signed for {urls.PublicHost}");
        if (!string.IsNullOrEmpty(options.Text))
        {
            output.WriteLine($"   \"{options.Text}\"");
        }
        foreach (var file in files)
        {
            output.WriteLine($"   {file.Kind}: {file.Content.Length} bytes of {file.ContentType}");
        }
        var client = new WebhookClient(options.Http ?? ownHttp!, urls, options.AuthToken, options.WebhookTimeout);
        var reply = await client.SendAsync("POST", urls.Public(WhatsAppSimulationOptions.InboundPath), fields, expectTwiml: true, cancellationToken);
        output.WriteLine(reply.Exchange.Problem is null
            ? $"✅ {reply.Exchange.StatusCode} {reply.Response} in {reply.Exchange.Latency.TotalMilliseconds:0} ms"
            : $"❌ {reply.Exchange.Problem}");

        if (mediaServer is not null && reply.Exchange.Problem is null)
        {
            await mediaServer.WaitForDownloadsAsync(options.MediaDownloadWait, cancellationToken);
            foreach (var download in mediaServer.Downloads)
            {
                output.WriteLine($"   ⬇ the server fetched {download.Path}: {download.StatusCode} ({download.Bytes} bytes{(download.HadAuthorization ? ", with credentials" : "")})");
            }
        }
        return new WhatsAppSimulationResult(messageSid, reply.Exchange, mediaServer?.Downloads ?? [], files.Count);
    }
}
