namespace AgentLocator.Grains.Data.Entities;

public sealed class Business
{
    public const string DefaultTimeZone = "Asia/Jerusalem";

    public Guid Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The Twilio number callers dial, in E.164; how an incoming call finds its business.</summary>
    public string? TwilioNumber { get; set; }

    /// <summary>The business's WhatsApp sender on Twilio, in E.164 (Twilio posts it as <c>whatsapp:+972…</c>); how an inbound message finds its business.</summary>
    public string? WhatsAppNumber { get; set; }

    /// <summary>
    /// JSON array of the business's own WhatsApp templates (<c>[{ id, name, body }]</c>, written by the WhatsApp settings API), offered when
    /// the Twilio account lists none of its own; null when none were configured.
    /// </summary>
    public string? WhatsAppTemplatesJson { get; set; }

    /// <summary>IANA zone used to show and enter times (due dates, call times) the way the business sees them.</summary>
    public string TimeZone { get; set; } = DefaultTimeZone;

    /// <summary>
    /// Feature names the business's plan includes (see <see cref="Features.FeatureNames"/>): the operator's cap, which
    /// no admin can widen.
    /// </summary>
    public List<string> PlanFeatures { get; set; } = [];

    /// <summary>The plan's features an admin has switched on for the whole business; null means all of the plan.</summary>
    public List<string>? EnabledFeatures { get; set; }

    // How the phone receptionist answers; null means the built-in Hebrew default (CallScripts).
    public string? GreetingText { get; set; }

    /// <summary>Media key (public area) of an uploaded greeting recording, played instead of the greeting text.</summary>
    public string? GreetingAudioKey { get; set; }

    /// <summary>Media key (public area) of the business's own hold clip, played instead of the generated one while a reply is prepared.</summary>
    public string? HoldClipKey { get; set; }

    /// <summary>Length of <see cref="HoldClipKey"/>'s audio, measured at upload: how often it must loop to cover one hold step.</summary>
    public double? HoldClipSeconds { get; set; }

    public string? ReplyPrompt { get; set; }
    public string? FallbackMessage { get; set; }

    /// <summary>Who gets calls' follow-up tasks; null means the business's first admin.</summary>
    public Guid? DefaultAgentId { get; set; }

    public const int DefaultCallbackDelayMinutes = 10;

    /// <summary>
    /// Working minutes after a call its follow-up task falls due, so the alert does not cover the agent's screen the
    /// moment the call ends; 0 means at once (still within working hours).
    /// </summary>
    public int CallbackDelayMinutes { get; set; } = DefaultCallbackDelayMinutes;

    /// <summary>Days the business works (0 = Sunday … 6 = Saturday); null means every day, all day (no working hours set).</summary>
    public List<int>? WorkingDays { get; set; }

    /// <summary>When a working day starts and ends, in <see cref="TimeZone"/>; set together with <see cref="WorkingDays"/>.</summary>
    public TimeOnly? WorkOpensAt { get; set; }

    public TimeOnly? WorkClosesAt { get; set; }
    /// <summary>The name of the operator's plan (see <see cref="Features.Plans"/>); <see cref="PlanFeatures"/> and <see cref="MaxUsers"/> are copied from it when set.</summary>
    public string Plan { get; set; } = Features.Plans.DefaultName;

    /// <summary>How many active users (and open invitations) the plan allows; null: no cap.</summary>
    public int? MaxUsers { get; set; }

    /// <summary>Set by the operator: nobody of the business can sign in, and calls hear that the service is not available.</summary>
    public DateTimeOffset? SuspendedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
