namespace AgentLocator.Grains.Abstractions;

/// <summary>
/// One business's feature access (keyed by business id): the plan's set and each user's narrowing of it.
/// It is the only writer of both, so it can answer every request's feature check from memory.
/// </summary>
[Alias("AgentLocator.IBusinessGrain")]
public interface IBusinessGrain : IGrainWithGuidKey
{
    /// <summary>The features the user may use now; empty for a user not in this business.</summary>
    [Alias("GetEffectiveFeatures")]
    Task<IReadOnlyList<string>> GetEffectiveFeatures(Guid userId);

    [Alias("GetPlanFeatures")]
    Task<IReadOnlyList<string>> GetPlanFeatures();

    [Alias("SetPlanFeatures")]
    Task<IReadOnlyList<string>> SetPlanFeatures(IReadOnlyList<string> features);

    /// <summary>Null limits give the user the whole plan. Returns false when the user is not in this business.</summary>
    [Alias("SetUserFeatureLimits")]
    Task<bool> SetUserFeatureLimits(Guid userId, IReadOnlyList<string>? limits);

    /// <summary>How the phone receptionist answers. False when the default agent is not a user of this business.</summary>
    [Alias("SetCallSettings")]
    Task<bool> SetCallSettings(CallSettingsChange change);

    /// <summary>The business's WhatsApp sender (E.164; null removes it). False when another business already has that number.</summary>
    [Alias("SetWhatsAppNumber")]
    Task<bool> SetWhatsAppNumber(string? e164);

    /// <summary>Replaces the uploaded greeting (null removes it); returns the key it replaced, for the caller to delete.</summary>
    [Alias("SetGreetingAudio")]
    Task<string?> SetGreetingAudio(string? mediaKey);

    /// <summary>Replaces the business's hold clip and its measured length (null removes it); returns the key it replaced.</summary>
    [Alias("SetHoldClip")]
    Task<string?> SetHoldClip(string? mediaKey, double? seconds);
}

/// <summary>Null or blank text means the built-in default.</summary>
[GenerateSerializer, Immutable]
[Alias("AgentLocator.CallSettingsChange")]
public sealed record CallSettingsChange(
    [property: Id(0)] string? GreetingText,
    [property: Id(1)] string? ReplyPrompt,
    [property: Id(2)] string? FallbackMessage,
    [property: Id(3)] Guid? DefaultAgentId);
