using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLocator.Grains.Data.Configurations;

internal sealed class TimelineEventConfiguration : IEntityTypeConfiguration<TimelineEvent>
{
    public const string UniqueSourceIndex = "ux_timeline_events_kind_source";

    public void Configure(EntityTypeBuilder<TimelineEvent> builder)
    {
        builder.ToTable("timeline_events", table => table.HasCheckConstraint("ck_timeline_events_actor_type", "actor_type IN ('agent', 'system', 'caller')"));
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Kind).HasMaxLength(32).IsRequired();
        builder.Property(e => e.ActorType).HasMaxLength(16).IsRequired();
        builder.Property(e => e.ActorName).HasMaxLength(200);
        builder.Property(e => e.Title).HasMaxLength(300).IsRequired();
        builder.Property(e => e.Summary).HasMaxLength(1000);
        builder.Property(e => e.Link).HasMaxLength(300);
        builder.Property(e => e.SourceKey).HasMaxLength(100);
        builder.Property(e => e.PayloadJson).HasColumnName("payload").HasColumnType("jsonb").IsRequired();
        builder.Property(e => e.SearchText).IsRequired();

        // Keyset pages newest first: the customer's timeline, the same narrowed by kind, and the business feed.
        builder.HasIndex(e => new { e.BusinessId, e.CustomerId, e.OccurredAt, e.Id }).IsDescending(false, false, true, true)
            .HasDatabaseName("ix_timeline_events_customer");
        builder.HasIndex(e => new { e.BusinessId, e.CustomerId, e.Kind, e.OccurredAt, e.Id }).IsDescending(false, false, false, true, true)
            .HasDatabaseName("ix_timeline_events_customer_kind");
        builder.HasIndex(e => new { e.BusinessId, e.OccurredAt, e.Id }).IsDescending(false, true, true)
            .HasDatabaseName("ix_timeline_events_business");
        builder.HasIndex(e => new { e.Kind, e.SourceKey }).IsUnique().HasFilter("source_key IS NOT NULL")
            .HasDatabaseName(UniqueSourceIndex);
        // Pinned notes head the first page.
        builder.HasIndex(e => new { e.BusinessId, e.CustomerId }).HasFilter("pinned").HasDatabaseName("ix_timeline_events_pinned");
        builder.HasIndex(e => e.SourceId).HasDatabaseName("ix_timeline_events_source");
        // The trigram index for q lives in the migration (it needs pg_trgm).
    }
}
