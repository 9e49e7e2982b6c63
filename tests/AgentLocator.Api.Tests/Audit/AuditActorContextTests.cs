using AgentLocator.Grains.Audit;

namespace AgentLocator.Api.Tests.Audit;

/// <summary>The actor travels in Orleans' request context as one value; every field, and every absent one, survives.</summary>
public sealed class AuditActorContextTests
{
    [Fact]
    public async Task An_attached_actor_is_read_back_whole_until_detached()
    {
        var actor = new AuditActor(AuditActorTypes.User, Guid.NewGuid(), Guid.NewGuid(), "דנה = כהן", "203.0.113.9", "Mozilla/5.0 (X11)");

        await Task.Run(() =>
        {
            actor.Attach();
            Assert.Equal(actor, AuditActor.Current);
            AuditActor.Detach();
            Assert.Equal(AuditActor.System, AuditActor.Current);
        });
    }

    [Fact]
    public async Task Absent_fields_stay_absent_and_empty_ones_stay_empty()
    {
        var actor = new AuditActor(AuditActorTypes.Anonymous, null, null, "", null, null);

        await Task.Run(() =>
        {
            actor.Attach();
            Assert.Equal(actor, AuditActor.Current);
            AuditActor.Detach();
        });
    }

    [Fact]
    public void With_nothing_attached_the_actor_is_the_system() => Assert.Equal(AuditActor.System, AuditActor.Current);
}
