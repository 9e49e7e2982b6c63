using System.Text.Json.Serialization;

namespace AgentLocator.Grains.Data.Entities;

/// <summary>Where one turn's AI work stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TurnState>))]
public enum TurnState
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("ready")] Ready,

    /// <summary>Too short or silent: never sent to the speech service (Whisper invents words on silence).</summary>
    [JsonStringEnumMemberName("silent")] Silent,

    /// <summary>A stage failed; the caller heard the fallback message.</summary>
    [JsonStringEnumMemberName("failed")] Failed,

    /// <summary>No speech service is configured (the embedded default); the caller heard the fallback message.</summary>
    [JsonStringEnumMemberName("not-configured")] NotConfigured,
}

/// <summary>How a reply reached the caller.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SpokenAs>))]
public enum SpokenAs
{
    /// <summary>Synthesized audio, played.</summary>
    [JsonStringEnumMemberName("audio")] Audio,

    /// <summary>Twilio's own Hebrew voice (&lt;Say&gt;), when speech synthesis is off or failed.</summary>
    [JsonStringEnumMemberName("say")] Say,

    /// <summary>The business's fallback message: no reply in time, or none could be written.</summary>
    [JsonStringEnumMemberName("fallback")] Fallback,
}

/// <summary>
/// One message the caller left and what we did with it. Keyed for idempotency by (call, RecordingSid): Twilio's
/// retried handle_recording lands on the same turn. Written only by the call's grain.
/// </summary>
public sealed class CallTurn : IBusinessOwned
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }
    public Guid CallId { get; set; }

    /// <summary>1, 2, … in the order the caller spoke.</summary>
    public int Number { get; set; }

    public required string RecordingSid { get; set; }
    public string? RecordingUrl { get; set; }

    /// <summary>Twilio's RecordingDuration, or the measured length once downloaded.</summary>
    public double? RecordingSeconds { get; set; }

    /// <summary>Our copy of the recording (media key, recordings area), served to agents with Range.</summary>
    public string? RecordingKey { get; set; }

    public TurnState State { get; set; } = TurnState.Pending;
    public string? Transcript { get; set; }
    public string? Reply { get; set; }

    /// <summary>See <see cref="Entities.SpokenAs"/>; null until the caller heard something for this turn.</summary>
    public SpokenAs? SpokenAs { get; set; }

    /// <summary>Media key (public area) of the synthesized reply.</summary>
    public string? ReplyAudioKey { get; set; }

    /// <summary>JSON array of each stage's outcome and duration (download, check, transcribe, reply, speak).</summary>
    public string StagesJson { get; set; } = "[]";

    /// <summary>The caller hung up while recording it: no reply is spoken, the transcript still matters.</summary>
    public bool HungUp { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
