using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLocator.Grains.Data.Configurations;

internal sealed class WhatsAppMediaJobConfiguration : IEntityTypeConfiguration<WhatsAppMediaJob>
{
    public void Configure(EntityTypeBuilder<WhatsAppMediaJob> builder)
    {
        builder.ToTable("whatsapp_media_jobs", table =>
            table.HasCheckConstraint("ck_whatsapp_media_jobs_state", "state IN ('pending', 'done', 'failed')"));
        builder.HasKey(j => j.Id);
        builder.Property(j => j.State).HasMaxLength(8).HasDefaultValue(WhatsAppMediaJobStates.Pending);
        builder.Property(j => j.LastError).HasMaxLength(500);
        // What the copiers claim, soonest due first; finished rows drop out of it.
        builder.HasIndex(j => j.NextAttemptAt).HasDatabaseName("ix_whatsapp_media_jobs_pending").HasFilter("state = 'pending'");
        // One copy per message: a webhook retry never adds a second.
        builder.HasIndex(j => j.MessageId).IsUnique();
        builder.HasOne<WhatsAppMessage>().WithMany().HasForeignKey(j => j.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}
