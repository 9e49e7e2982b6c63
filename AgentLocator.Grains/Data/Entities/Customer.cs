namespace AgentLocator.Grains.Data.Entities;

public static class CustomerStatuses
{
    public const string Lead = "lead";
    public const string Active = "active";
    public const string Inactive = "inactive";
    public static readonly IReadOnlyList<string> All = [Lead, Active, Inactive];
}

public sealed class Customer : IBusinessOwned
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }
    public required string Name { get; set; }

    /// <summary>E.164; unique among a business's live customers, because a caller's number identifies them.</summary>
    public string? Phone { get; set; }

    /// <summary>National significant digits (or full digits abroad), what phone search matches against.</summary>
    public string? PhoneDigits { get; set; }

    public string? Email { get; set; }
    public string? City { get; set; }

    /// <summary>ח.פ./ע.מ./ת.ז. (9 digits): a customer with one is VAT-registered, which tax documents need to know.</summary>
    public string? TaxId { get; set; }

    public string Status { get; set; } = CustomerStatuses.Lead;
    public List<string> Tags { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Starts as <see cref="CreatedAt"/> and moves with every call, task or note, so "most recent" sorts need no nulls.</summary>
    public DateTimeOffset LastActivityAt { get; set; }

    public int OpenTasks { get; set; }
    public int Calls { get; set; }

    /// <summary>Soft delete: an admin can restore it, and its history stays intact.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
    public Guid? DeletedBy { get; set; }
}

public sealed class CustomerNote : IBusinessOwned
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid AuthorId { get; set; }
    public required string AuthorName { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Pinned notes head the customer's timeline; any user may pin or unpin.</summary>
    public bool Pinned { get; set; }

    /// <summary>When the author last changed the text; null for a note never edited.</summary>
    public DateTimeOffset? EditedAt { get; set; }
}

/// <summary>A user's saved UI choice (for example the customers grid's hidden columns), as JSON.</summary>
public sealed class UserPreference : IBusinessOwned
{
    public Guid UserId { get; set; }
    public Guid BusinessId { get; set; }
    public required string Key { get; set; }
    public required string ValueJson { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
