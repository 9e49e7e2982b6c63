using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLocator.Grains.Data.Configurations;

internal sealed class CallConfiguration : IEntityTypeConfiguration<Call>
{
    public const string UniqueCallSidIndex = "ux_calls_call_sid";

    public void Configure(EntityTypeBuilder<Call> builder)
    {
        builder.ToTable("calls", table =>
        {
            table.HasCheckConstraint("ck_calls_status", $"status IN ({WireNames<CallStatus>.SqlList()})");
            table.HasCheckConstraint("ck_calls_disposition", $"disposition IN ({WireNames<CallDisposition>.SqlList()})");
        });
        builder.HasKey(c => c.Id);
        builder.Property(c => c.CallSid).HasMaxLength(64).IsRequired();
        builder.Property(c => c.From).HasMaxLength(32).IsRequired();
        builder.Property(c => c.To).HasMaxLength(32).IsRequired();
        builder.Property(c => c.Status).HasConversion<WireNameConverter<CallStatus>>().HasMaxLength(16).HasDefaultValue(CallStatus.InProgress);
        builder.Property(c => c.Direction).HasMaxLength(16);
        builder.Property(c => c.RecordingUrl).HasMaxLength(2048);
        builder.Property(c => c.RecordingSid).HasMaxLength(64);
        builder.Property(c => c.RecordingStatus).HasMaxLength(16);
        builder.Property(c => c.Disposition).HasConversion<WireNameConverter<CallDisposition>>().HasMaxLength(16)
            .HasDefaultValue(CallDisposition.InProgress);
        builder.Property(c => c.Summary).HasMaxLength(4000);
        builder.Property(c => c.Intent).HasMaxLength(32);
        builder.Property(c => c.LeadJson).HasColumnType("jsonb");
        builder.Property(c => c.FollowUpFingerprint).HasMaxLength(64);

        // The idempotency key: a retried webhook can never make a second row for the same call.
        builder.HasIndex(c => c.CallSid).IsUnique().HasDatabaseName(UniqueCallSidIndex);
        // A business's call log, newest first, and one customer's calls for the timeline.
        builder.HasIndex(c => new { c.BusinessId, c.StartedAt, c.Id }).IsDescending(false, true, true);
        builder.HasIndex(c => new { c.BusinessId, c.CustomerId, c.StartedAt }).IsDescending(false, false, true);
        // The call log filtered by disposition, newest first.
        builder.HasIndex(c => new { c.BusinessId, c.Disposition, c.StartedAt }).IsDescending(false, false, true);
        // A customer with calls is soft-deleted, never removed; Restrict keeps the history from vanishing silently.
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Business>().WithMany().HasForeignKey(c => c.BusinessId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AgentTask>().WithMany().HasForeignKey(c => c.FollowUpTaskId).OnDelete(DeleteBehavior.SetNull);
    }
}
