using AgentLocator.Api.Integrations.WebPush;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentLocator.Api.Tests.Notifications;

public sealed class PushQueueTests
{
    [Fact]
    public async Task A_full_queue_makes_the_caller_wait_and_loses_nothing()
    {
        var queue = new PushQueue(Options.Create(new WebPushOptions { QueueCapacity = 1 }), NullLogger<PushQueue>.Instance);
        var message = new PushMessage("{}", null, TimeSpan.FromMinutes(1));

        await queue.EnqueueAsync(Guid.NewGuid(), Guid.NewGuid(), message);
        var second = queue.EnqueueAsync(Guid.NewGuid(), Guid.NewGuid(), message).AsTask();

        Assert.False(second.IsCompleted);
        Assert.True(queue.Reader.TryRead(out _));
        await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(queue.Reader.TryRead(out _));
    }
}
