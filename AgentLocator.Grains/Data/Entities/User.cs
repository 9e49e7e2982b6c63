namespace AgentLocator.Grains.Data.Entities;

public static class UserRoles
{
    public const string Admin = "admin";
    public const string Agent = "agent";
}

public sealed class User : IBusinessOwned
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }
    public Business? Business { get; set; }

    /// <summary>Lower-cased and trimmed so that sign-in is case-insensitive; unique across all businesses.</summary>
    public required string Email { get; set; }
    public required string PasswordHash { get; set; }
    public required string DisplayName { get; set; }
    public required string Role { get; set; }

    /// <summary>Null: the user gets the whole plan. Otherwise the admin's narrowing of it.</summary>
    public List<string>? FeatureLimits { get; set; }

    /// <summary>E.164, when the user was invited by phone: where a reset link can be sent by SMS.</summary>
    public string? Phone { get; set; }

    /// <summary>Set by an admin: the user cannot sign in and every session of theirs is ended. Their tasks stay.</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
