namespace AgentLocator.Api.Accounts;

/// <summary><c>email</c> or <c>phone</c> (or both); <c>features</c> null gives everything the business has on.</summary>
public sealed record InvitationRequest(string? Email, string? Phone, string? Role, IReadOnlyList<string>? Features, bool SendSms = false);

/// <summary>An open invitation. <c>url</c> only in the answer that issued it: the token is never stored.</summary>
public sealed record InvitationResponse(
    Guid Id, string? Email, string? Phone, string Role, IReadOnlyList<string>? Features, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
    string? Url, bool SmsSent, string? SmsProblem = null);

/// <summary>A one-time link for someone else (a password reset), shown once.</summary>
public sealed record AccountLinkIssued(string Url, DateTimeOffset ExpiresAt);

/// <summary>What the public page shows before the invitee or user sets a password.</summary>
public sealed record AccountLinkResponse(string Kind, string BusinessName, string? Email, string? Phone, string? Role, string? DisplayName,
    DateTimeOffset ExpiresAt, bool NeedsEmail);

/// <summary>Invitation: display name and password (email too when the invitation went to a phone). Reset: the password.</summary>
public sealed record AcceptAccountLinkRequest(string? DisplayName, string? Password, string? Email);

public sealed record RoleRequest(string? Role);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed record SessionsEndedResponse(int Ended);
