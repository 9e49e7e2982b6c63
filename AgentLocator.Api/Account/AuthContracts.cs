using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Api.Account;

public sealed record LoginRequest(string? Email, string? Password);

public sealed record UserResponse(Guid Id, string Email, string DisplayName, string Role, Guid BusinessId)
{
    public static UserResponse From(User user) => new(user.Id, user.Email, user.DisplayName, user.Role, user.BusinessId);
}

public sealed record AuthResponse(string AccessToken, DateTimeOffset ExpiresAt, UserResponse User);
