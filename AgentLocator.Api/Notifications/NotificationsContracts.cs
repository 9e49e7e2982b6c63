namespace AgentLocator.Api.Notifications;

public sealed record VapidPublicKeyResponse(string PublicKey);

/// <summary>What the browser's <c>PushSubscription.toJSON()</c> gives; <c>expirationTime</c> is milliseconds since the epoch.</summary>
public sealed record PushSubscriptionRequest(string? Endpoint, double? ExpirationTime, PushSubscriptionKeys? Keys);

public sealed record PushSubscriptionKeys(string? P256dh, string? Auth);

public sealed record UnsubscribeRequest(string? Endpoint);

public sealed record PushSubscriptionResponse(Guid Id, string Endpoint, DateTimeOffset? ExpiresAt);
