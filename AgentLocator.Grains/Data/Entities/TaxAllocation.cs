namespace AgentLocator.Grains.Data.Entities;

public static class AllocationStates
{
    /// <summary>Waiting for an attempt: the Authority was not reached, timed out or the business is not connected.</summary>
    public const string Pending = "pending";

    /// <summary>The Authority answered no; retried only when someone asks (the reason usually needs a fix first).</summary>
    public const string Refused = "refused";

    /// <summary>The number came back and the document was released.</summary>
    public const string Granted = "granted";
}

/// <summary>
/// The allocation-number request of one document that needs it: its state, the last reason it failed and when it is tried
/// again. Kept apart from the document, whose row is frozen once numbered.
/// </summary>
public sealed class TaxDocumentAllocation : IBusinessOwned
{
    public Guid DocumentId { get; set; }
    public Guid BusinessId { get; set; }
    public string State { get; set; } = AllocationStates.Pending;

    /// <summary>Why the last attempt failed, in words for the user (never a token or a raw response).</summary>
    public string? Reason { get; set; }

    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }

    /// <summary>When the background retry takes it next (pending only); also the lease of an attempt under way.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
}

/// <summary>
/// A business's connection to the Tax Authority (OAuth2 authorization code). The tokens are one ASP.NET Data Protection
/// payload: never stored or logged in the clear.
/// </summary>
public sealed class TaxAuthorityConnection : IBusinessOwned
{
    public Guid BusinessId { get; set; }

    /// <summary>Data Protection ciphertext of the access and refresh tokens.</summary>
    public required string ProtectedTokens { get; set; }

    public DateTimeOffset AccessTokenExpiresAt { get; set; }
    public DateTimeOffset ConnectedAt { get; set; }
    public Guid? ConnectedById { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
