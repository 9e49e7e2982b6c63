namespace AgentLocator.Grains.Data.Entities;

public static class AccountLinkKinds
{
    /// <summary>Creates a user: the invitee sets a display name and a password.</summary>
    public const string Invitation = "invitation";

    /// <summary>Sets a new password for an existing user.</summary>
    public const string PasswordReset = "password-reset";
}

/// <summary>
/// A one-time link an admin (or the operator) hands out: an invitation or a password reset. Only the SHA-256 of its
/// random token is stored, so a copy of the database opens no account. Used once, revoked, or expired, it is dead.
/// </summary>
public sealed class AccountLink : IBusinessOwned
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }
    public required string Kind { get; set; }
    public required byte[] TokenHash { get; set; }

    /// <summary>Invitation: the invitee's email (lower-cased) or phone (E.164), at least one. Reset: the user's own.</summary>
    public string? Email { get; set; }
    public string? Phone { get; set; }

    /// <summary>Invitation: the role and feature limits the new user gets.</summary>
    public string? Role { get; set; }
    public List<string>? FeatureLimits { get; set; }

    /// <summary>Password reset: whose password.</summary>
    public Guid? UserId { get; set; }

    /// <summary>Who issued it; null for the operator.</summary>
    public Guid? CreatedByUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
