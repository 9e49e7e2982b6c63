using AgentLocator.Api.Integrations.WebPush;
using AgentLocator.Api.Tests.Infrastructure;

namespace AgentLocator.Api.Tests.Notifications;

/// <summary>
/// The API with a known VAPID pair (so tests can check what it signs with) and short retry waits (so retry tests take
/// milliseconds, while still going through the real back-off path).
/// </summary>
public class NotificationsApiFactory : AgentLocatorApiFactory
{
    public const string Subject = "mailto:alerts@agentlocator.test";

    public NotificationsApiFactory()
    {
        using var keys = VapidKeys.Generate();
        VapidPublicKey = keys.PublicKeyBase64Url;
        VapidPrivateKey = keys.ExportPrivateKeyBase64Url();
        WithSetting("Vapid:PublicKey", VapidPublicKey);
        WithSetting("Vapid:PrivateKey", VapidPrivateKey);
        WithSetting("Vapid:Subject", Subject);
        WithSetting("WebPush:RetryBaseDelay", "00:00:00.050");
        WithSetting("WebPush:MaxRetryDelay", "00:00:05");
    }

    public string VapidPublicKey { get; }
    public string VapidPrivateKey { get; }
}

[CollectionDefinition(Name)]
public sealed class NotificationsCollection : ICollectionFixture<NotificationsApiFactory>, ICollectionFixture<FakePushService>
{
    public const string Name = "notifications";
}
