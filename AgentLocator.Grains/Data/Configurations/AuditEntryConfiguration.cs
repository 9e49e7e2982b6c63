using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLocator.Grains.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log", table =>
            table.HasCheckConstraint("ck_audit_log_actor_type", "actor_type IN ('user', 'system', 'operator', 'anonymous')"));
        builder.HasKey(e => e.Id);
        builder.Property(e => e.ActorType).HasMaxLength(16).IsRequired();
        builder.Property(e => e.ActorName).HasMaxLength(200);
        builder.Property(e => e.Action).HasMaxLength(64).IsRequired();
        builder.Property(e => e.TargetType).HasMaxLength(32).IsRequired();
        builder.Property(e => e.TargetId).HasMaxLength(64);
        builder.Property(e => e.TargetLabel).HasMaxLength(300);
        builder.Property(e => e.Ip).HasMaxLength(64);
        builder.Property(e => e.UserAgent).HasMaxLength(400);
        builder.Property(e => e.DetailsJson).HasColumnName("details").HasColumnType("jsonb").IsRequired();

        // The admin's pages, newest first: everything, or narrowed by action, by actor, or by target.
        builder.HasIndex(e => new { e.BusinessId, e.OccurredAt, e.Id }).IsDescending(false, true, true)
            .HasDatabaseName("ix_audit_log_business");
        builder.HasIndex(e => new { e.BusinessId, e.Action, e.OccurredAt, e.Id }).IsDescending(false, false, true, true)
            .HasDatabaseName("ix_audit_log_action");
        builder.HasIndex(e => new { e.BusinessId, e.ActorId, e.OccurredAt, e.Id }).IsDescending(false, false, true, true)
            .HasDatabaseName("ix_audit_log_actor");
        builder.HasIndex(e => new { e.BusinessId, e.TargetType, e.TargetId, e.OccurredAt }).IsDescending(false, false, false, true)
            .HasDatabaseName("ix_audit_log_target");
        // Append-only is enforced by triggers in the migration (AuditLogSql).
    }
}
