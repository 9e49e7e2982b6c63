namespace AgentLocator.Grains.Abstractions;

/// <summary>
/// A dialled Twilio number (keyed by its E.164 form): which business it reaches, that business's answering settings
/// and whether it is suspended, kept in memory so an incoming call is answered without reading them. Whoever changes
/// the number, the settings or the suspension calls <see cref="Forget"/>; a short lifetime bounds what a missed
/// forget (a change written past the grains) can leave stale.
/// </summary>
[Alias("AgentLocator.IBusinessNumberGrain")]
public interface IBusinessNumberGrain : IGrainWithStringKey
{
    /// <summary>The business the number reaches, or null when none does (never remembered: a number may be given out any time).</summary>
    [Alias("Find")]
    Task<BusinessNumberOwner?> Find();

    /// <summary>Drops what it remembers; the next call reads the businesses table again.</summary>
    [Alias("Forget")]
    Task Forget();
}

/// <summary>What the receptionist needs of the business a number reaches (null texts: the built-in defaults).</summary>
[GenerateSerializer, Immutable]
[Alias("AgentLocator.BusinessNumberOwner")]
public sealed record BusinessNumberOwner(
    [property: Id(0)] Guid BusinessId,
    [property: Id(1)] string Name,
    [property: Id(2)] string? GreetingText,
    [property: Id(3)] string? GreetingAudioKey,
    [property: Id(4)] string? ReplyPrompt,
    [property: Id(5)] string? FallbackMessage,
    [property: Id(6)] Guid? DefaultAgentId,
    [property: Id(7)] string? HoldClipKey,
    [property: Id(8)] double? HoldClipSeconds,
    [property: Id(9)] bool Suspended);
