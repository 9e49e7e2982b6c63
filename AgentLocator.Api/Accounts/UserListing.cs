using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Api.Accounts;

public static class UserStatuses
{
    public const string Active = "active";
    public const string Disabled = "disabled";

    public static string Of(User user) => user.DisabledAt is null ? Active : Disabled;
}

/// <summary>A user as an admin sees them: role, status, and features (their limits and what they have now).</summary>
public sealed record ManagedUserResponse(
    Guid Id, string Email, string? Phone, string DisplayName, string Role, string Status, IReadOnlyList<string>? FeatureLimits,
    IReadOnlyList<string> EffectiveFeatures, DateTimeOffset CreatedAt);

public static class UserListing
{
    public static async Task<ManagedUserResponse> DescribeAsync(User user, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var features = user.DisabledAt is null ? await grains.GetGrain<IBusinessGrain>(user.BusinessId).GetEffectiveFeatures(user.Id) : [];
        return new(user.Id, user.Email, user.Phone, user.DisplayName, user.Role, UserStatuses.Of(user), user.FeatureLimits, features, user.CreatedAt);
    }
}
