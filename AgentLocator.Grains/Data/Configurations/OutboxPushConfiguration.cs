using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLocator.Grains.Data.Configurations;

internal sealed class OutboxPushConfiguration : IEntityTypeConfiguration<OutboxPush>
{
    public void Configure(EntityTypeBuilder<OutboxPush> builder)
    {
        builder.ToTable("push_outbox", table =>
            table.HasCheckConstraint("ck_push_outbox_state", "state IN ('pending', 'sent', 'failed', 'gone')"));
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Payload).IsRequired();
        builder.Property(p => p.Topic).HasMaxLength(32);
        builder.Property(p => p.Urgency).HasMaxLength(8).IsRequired();
        builder.Property(p => p.State).HasMaxLength(8).HasDefaultValue(OutboxPushStates.Pending);
        // What the senders claim, oldest first; finished rows drop out of it.
        builder.HasIndex(p => p.CreatedAt).HasDatabaseName("ix_push_outbox_pending").HasFilter("state = 'pending'");
        // The sender's hourly clean-up of finished rows.
        builder.HasIndex(p => p.FinishedAt).HasDatabaseName("ix_push_outbox_finished").HasFilter("state <> 'pending'");
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        // A deleted subscription leaves its rows, so a "gone" outcome stays on record.
        builder.HasOne<PushSubscription>().WithMany().HasForeignKey(p => p.SubscriptionId).OnDelete(DeleteBehavior.SetNull);
    }
}
