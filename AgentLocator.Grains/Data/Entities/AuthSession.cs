namespace AgentLocator.Grains.Data.Entities;

/// <summary>
/// One signed-in browser. It holds the hash of its current refresh token, which rotates on every refresh.
/// The previous token presented again inside the reuse grace (a lost answer, another tab) is answered with the
/// current one; presented later, it means a copy exists elsewhere, and the session is revoked.
/// </summary>
public sealed class AuthSession : IBusinessOwned
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }
    public Guid UserId { get; set; }
    public User? User { get; set; }

    public required byte[] CurrentTokenHash { get; set; }
    public byte[]? PreviousTokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastRefreshedAt { get; set; }

    /// <summary>Absolute end: a working day after sign-in, however often it is refreshed.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }
}
