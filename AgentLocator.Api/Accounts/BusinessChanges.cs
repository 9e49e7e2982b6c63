using AgentLocator.Grains.Abstractions;
using StackExchange.Redis;

namespace AgentLocator.Api.Accounts;

/// <summary>
/// A business's plan or users changed outside its grain (the operator's command line, or a user created by an
/// invitation): every API instance hears it on Redis and tells the grain to read Postgres again. Idempotent.
/// </summary>
public sealed class BusinessChanges(IConnectionMultiplexer redis, IGrainFactory grains, ILogger<BusinessChanges> logger) : IHostedService
{
    public const string Channel = "agentlocator:business-changed";

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
                    }
                    catch (Exception error) when (error is not OutOfMemoryException)
                    {
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
