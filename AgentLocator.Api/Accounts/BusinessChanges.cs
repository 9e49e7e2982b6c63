using AgentLocator.Grains.Abstractions;
using StackExchange.Redis;

namespace AgentLocator.Api.Accounts;

/// <summary>
/// A business's plan or users changed outside its grain (the operator's command line, or a user created by an
/// invitation): every API instance hears it on Redis and tells the grain to read Postgres again. Idempotent.
/// </summary>
public sealed class BusinessChanges(IConnectionMultiplexer redis, IGrainFactory grains, Account.MeCache me, ILogger<BusinessChanges> logger) : IHostedService
{
    public const string Channel = "agentlocator:business-changed";

    /// <summary>
    /// A change made through the grain (features, the Twilio number): this instance forgets its /api/me answers at once,
    /// every other instance when the message arrives (their grain reload is then a no-op re-read).
    /// </summary>
    public static async Task AnnounceAsync(IConnectionMultiplexer redis, Account.MeCache me, Guid businessId, ILogger logger)
    {
        me.ForgetBusiness(businessId);
        await PublishAsync(redis, businessId, logger);
    }

    public static async Task PublishAsync(IConnectionMultiplexer redis, Guid businessId, ILogger logger)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(Channel), businessId.ToString("D"));
        }
        catch (Exception error) when (error is RedisException or TimeoutException)
        {
            logger.LogWarning(error, "Could not announce the change of business {BusinessId}; it applies when its grain next activates", businessId);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var channel = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(Channel));
            channel.OnMessage(async message =>
            {
                if (Guid.TryParse(message.Message.ToString(), out var businessId))
                {
                    try
                    {
                        await grains.GetGrain<IBusinessGrain>(businessId).Reload();
                        // After the reload, so an /api/me that refills at once reads the grain's new state.
                        me.ForgetBusiness(businessId);
                    }
                    catch (Exception error) when (error is not OutOfMemoryException)
                    {
                        me.ForgetBusiness(businessId);
                        logger.LogWarning(error, "Business {BusinessId} could not reload after a change", businessId);
                    }
                }
            });
        }
        catch (Exception error) when (error is RedisException or TimeoutException)
        {
            logger.LogWarning(error, "Could not subscribe to business changes");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
