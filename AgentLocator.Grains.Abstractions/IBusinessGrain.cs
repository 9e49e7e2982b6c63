namespace AgentLocator.Grains.Abstractions;

/// <summary>
/// One business's feature access (keyed by business id): the plan's set, the part of it the business has switched
/// on, and each user's narrowing of that. It is the only writer of all three, so it can answer every request's
/// feature check from memory.
/// </summary>
[Alias("AgentLocator.IBusinessGrain")]
public interface IBusinessGrain : IGrainWithGuidKey
{
    /// <summary>The features the user may use now; empty for a user not in this business.</summary>
    [Alias("GetEffectiveFeatures")]
    Task<IReadOnlyList<string>> GetEffectiveFeatures(Guid userId);

    /// <summary>What the business's plan includes: the cap on everything below.</summary>
    [Alias("GetPlanFeatures")]
    Task<IReadOnlyList<string>> GetPlanFeatures();

    /// <summary>The plan's features switched on for the whole business.</summary>
    [Alias("GetEnabledFeatures")]
    Task<IReadOnlyList<string>> GetEnabledFeatures();

    /// <summary>Switches the business's features; refused (nothing saved) when any of them is not in the plan.</summary>
    [Alias("SetEnabledFeatures")]
    Task<FeatureChangeResult> SetEnabledFeatures(IReadOnlyList<string> features);

    /// <summary>
    /// Null limits give the user everything the business has on. Refused (nothing saved) when a limit names a
    /// feature the plan lacks; <see cref="FeatureChangeResult.Found"/> is false when the user is not in this business.
    /// </summary>
    [Alias("SetUserFeatureLimits")]
    Task<FeatureChangeResult> SetUserFeatureLimits(Guid userId, IReadOnlyList<string>? limits);

    /// <summary>How the phone receptionist answers. False when the default agent is not a user of this business.</summary>
    [Alias("SetCallSettings")]
    Task<bool> SetCallSettings(CallSettingsChange change);

    /// <summary>The business's WhatsApp sender (E.164; null removes it). False when another business already has that number.</summary>
    [Alias("SetWhatsAppNumber")]
    Task<bool> SetWhatsAppNumber(string? e164);

    /// <summary>Replaces the business's own WhatsApp templates (a JSON array the settings API validated; null removes them).</summary>
    [Alias("SetWhatsAppTemplates")]
    Task SetWhatsAppTemplates(string? templatesJson);

    /// <summary>Forgets what it read from Postgres (the plan, switches, users' limits, and its number's incoming-call answers), after someone else changed them: the operator's plan change or suspension, a user created or disabled.</summary>
    [Alias("Reload")]
    Task Reload();

    /// <summary>Replaces the uploaded greeting (null removes it); returns the key it replaced, for the caller to delete.</summary>
    [Alias("SetGreetingAudio")]
    Task<string?> SetGreetingAudio(string? mediaKey);

    /// <summary>Replaces the business's hold clip and its measured length (null removes it); returns the key it replaced.</summary>
    [Alias("SetHoldClip")]
    Task<string?> SetHoldClip(string? mediaKey, double? seconds);

    /// <summary>When a call's follow-up falls due: the delay and the working hours it is counted in (validated by the API).</summary>
    [Alias("SetCallbackTiming")]
    Task SetCallbackTiming(CallbackTimingChange change);
}

/// <summary>
/// Minutes after a call its follow-up falls due, counted in working hours: <see cref="WorkingDays"/> (0 = Sunday)
/// from <see cref="Opens"/> to <see cref="Closes"/> in the business's zone; null days mean every day, all day.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("AgentLocator.CallbackTimingChange")]
public sealed record CallbackTimingChange(
    [property: Id(0)] int DelayMinutes,
    [property: Id(1)] IReadOnlyList<int>? WorkingDays,
    [property: Id(2)] TimeOnly? Opens,
    [property: Id(3)] TimeOnly? Closes);

/// <summary>
/// The outcome of a feature change: saved when found and nothing is outside the plan. <see cref="Features"/> is
/// what was saved (normalized names), <see cref="OutsidePlan"/> the requested names the plan lacks.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("AgentLocator.FeatureChangeResult")]
public sealed record FeatureChangeResult(
    [property: Id(0)] bool Found,
    [property: Id(1)] IReadOnlyList<string> OutsidePlan,
    [property: Id(2)] IReadOnlyList<string>? Features)
{
    public bool Saved => Found && OutsidePlan.Count == 0;
}

/// <summary>Null or blank text means the built-in default.</summary>
[GenerateSerializer, Immutable]
[Alias("AgentLocator.CallSettingsChange")]
public sealed record CallSettingsChange(
    [property: Id(0)] string? GreetingText,
    [property: Id(1)] string? ReplyPrompt,
    [property: Id(2)] string? FallbackMessage,
    [property: Id(3)] Guid? DefaultAgentId);
