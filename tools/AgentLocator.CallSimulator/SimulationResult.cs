namespace AgentLocator.CallSimulator;

/// <summary>
/// One request the simulator made to a server URL as Twilio would, and what came back.
/// </summary>
/// <param name="Url">The public URL, the one that was signed.</param>
/// <param name="SentTo">Where the request actually went (the API when the URL is under the public host).</param>
/// <param name="Path">Path and query of <paramref name="Url"/>, for display.</param>
/// <param name="StatusCode">Null when no response came (refused, timed out).</param>
/// <param name="Body">The response text, e.g. the TwiML.</param>
/// <param name="Problem">Why the exchange failed; null when it was what Twilio accepts.</param>
public sealed record WebhookExchange(
    string Method,
    string Url,
    string SentTo,
    string Path,
    IReadOnlyList<KeyValuePair<string, string>> Fields,
    int? StatusCode,
    string? ContentType,
    string? Body,
    TimeSpan Latency,
    string? Problem)
{
    public bool Succeeded => Problem is null;

    public string? Field(string name) => Fields.FirstOrDefault(f => f.Key == name).Value;
}

/// <summary>A TwiML verb the simulator carried out; <paramref name="Detail"/> is its text or URL.</summary>
public sealed record ExecutedVerb(string Name, string Detail, string DocumentUrl);

/// <summary>A recording the simulated caller made and Twilio's action request that reported it.</summary>
public sealed record RecordingPosted(string RecordingSid, string RecordingUrl, int DurationSeconds, string Digits, string ActionUrl);

/// <summary>A request the server made to the fake Twilio recording URL.</summary>
public sealed record RecordingDownload(string RecordingSid, string Path, int StatusCode, long Bytes, bool HadAuthorization);

/// <summary>Everything that happened in one simulated call.</summary>
public sealed record SimulationResult
{
    public required string CallSid { get; init; }
    public required string AccountSid { get; init; }

    /// <summary>The CallStatus posted to call_status at the end.</summary>
    public required string FinalCallStatus { get; init; }

    /// <summary>Whole seconds of simulated call time, as posted in CallDuration.</summary>
    public required int CallDurationSeconds { get; init; }

    /// <summary>Every request to the server, in the order they finished (status callbacks are asynchronous).</summary>
    public required IReadOnlyList<WebhookExchange> Exchanges { get; init; }

    public required IReadOnlyList<ExecutedVerb> Verbs { get; init; }
    public required IReadOnlyList<string> SpokenTexts { get; init; }
    public required IReadOnlyList<string> PlayedUrls { get; init; }
    public required IReadOnlyList<RecordingPosted> Recordings { get; init; }
    public required IReadOnlyList<RecordingDownload> RecordingDownloads { get; init; }

    /// <summary>How many &lt;Record&gt; verbs found the caller with nothing to say (their action was skipped).</summary>
    public required int SkippedRecordings { get; init; }

    /// <summary>Everything that Twilio would have logged as an error, in order; empty when the call went cleanly.</summary>
    public required IReadOnlyList<string> Failures { get; init; }

    public int RecordingsPosted => Recordings.Count;
    public bool Succeeded => Failures.Count == 0;
    public string? FailureReason => Failures.Count == 0 ? null : string.Join("; ", Failures);
}
