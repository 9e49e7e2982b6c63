using AgentLocator.Api.Integrations.WebPush;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLocator.Api.Tests.Notifications;

/// <summary>
/// One API instance for the push outbox tests, optionally on another instance's database (a restart, or a second
/// instance beside it). It polls often and holds claims for a short lease, so a dead instance's claim runs out in
/// seconds; an <see cref="IPushClaimObserver"/> can stop its sender between claim and send.
/// </summary>
public sealed class OutboxInstance : NotificationsApiFactory
{
    private readonly IPushClaimObserver? observer;

    public OutboxInstance(string? database = null, IPushClaimObserver? observer = null)
    {
        this.observer = observer;
        if (database is not null)
        {
            OnDatabase(database);
        }
        WithSetting("WebPush:PollInterval", "00:00:00.200");
        WithSetting("WebPush:ClaimLease", "00:00:02");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (observer is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(observer));
        }
    }
}
