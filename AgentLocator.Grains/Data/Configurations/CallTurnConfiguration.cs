using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLocator.Grains.Data.Configurations;

internal sealed class CallTurnConfiguration : IEntityTypeConfiguration<CallTurn>
{
    public const string UniqueRecordingIndex = "ux_call_turns_call_recording";
    public const string UniqueNumberIndex = "ux_call_turns_call_number";

    public void Configure(EntityTypeBuilder<CallTurn> builder)
    {
        builder.ToTable("call_turns", table => table.HasCheckConstraint("ck_call_turns_state",
            $"state IN ({WireNames<TurnState>.SqlList()})"));
        builder.HasKey(t => t.Id);
        builder.Property(t => t.RecordingSid).HasMaxLength(64).IsRequired();
        builder.Property(t => t.RecordingUrl).HasMaxLength(2048);
        builder.Property(t => t.RecordingKey).HasMaxLength(64);
        builder.Property(t => t.State).HasConversion<WireNameConverter<TurnState>>().HasMaxLength(16);
        builder.Property(t => t.Transcript).HasMaxLength(8000);
        builder.Property(t => t.Reply).HasMaxLength(2000);
        builder.Property(t => t.SpokenAs).HasConversion<WireNameConverter<SpokenAs>>().HasMaxLength(16);
        builder.Property(t => t.ReplyAudioKey).HasMaxLength(64);
        builder.Property(t => t.StagesJson).HasColumnType("jsonb").HasDefaultValueSql("'[]'::jsonb");

        // Twilio's retries of handle_recording carry the same RecordingSid: they find this row instead of adding one.
        builder.HasIndex(t => new { t.CallId, t.RecordingSid }).IsUnique().HasDatabaseName(UniqueRecordingIndex);
        builder.HasIndex(t => new { t.CallId, t.Number }).IsUnique().HasDatabaseName(UniqueNumberIndex);
        builder.HasOne<Call>().WithMany().HasForeignKey(t => t.CallId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Business>().WithMany().HasForeignKey(t => t.BusinessId).OnDelete(DeleteBehavior.Restrict);
    }
}
