using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLocator.Grains.Data.Configurations;

internal sealed class WhatsAppMessageConfiguration : IEntityTypeConfiguration<WhatsAppMessage>
{
    public const string UniqueMessageSidIndex = "ux_whatsapp_messages_message_sid";
    public const string UniqueIdempotencyKeyIndex = "ux_whatsapp_messages_idempotency_key";

    public void Configure(EntityTypeBuilder<WhatsAppMessage> builder)
    {
        builder.ToTable("whatsapp_messages", table =>
        {
            table.HasCheckConstraint("ck_whatsapp_messages_status", $"status IN ({WireNames<WhatsAppStatus>.SqlList()})");
            table.HasCheckConstraint("ck_whatsapp_messages_direction", $"direction IN ({WireNames<WhatsAppDirection>.SqlList()})");
        });
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Direction).HasConversion<WireNameConverter<WhatsAppDirection>>().HasMaxLength(16);
        builder.Property(m => m.MessageSid).HasMaxLength(64);
        builder.Property(m => m.From).HasMaxLength(32).IsRequired();
        builder.Property(m => m.To).HasMaxLength(32).IsRequired();
        builder.Property(m => m.Body).HasMaxLength(4096);
        builder.Property(m => m.ProfileName).HasMaxLength(200);
        builder.Property(m => m.TemplateId).HasMaxLength(64);
        builder.Property(m => m.TemplateVariablesJson).HasColumnType("jsonb");
        builder.Property(m => m.MediaJson).HasColumnType("jsonb").HasDefaultValueSql("'[]'::jsonb");
        builder.Property(m => m.Status).HasConversion<WireNameConverter<WhatsAppStatus>>().HasMaxLength(16);
        builder.Property(m => m.ErrorMessage).HasMaxLength(500);
        builder.Property(m => m.IdempotencyKey).HasMaxLength(200);
        builder.Property(m => m.RepliedToMessageSid).HasMaxLength(64);
        builder.Property(m => m.ButtonPayload).HasMaxLength(256);
        builder.Property(m => m.Transcript).HasMaxLength(8192);

        // Twilio's retries of the inbound webhook, and its status callbacks, find the one row by MessageSid.
        builder.HasIndex(m => m.MessageSid).IsUnique().HasFilter("message_sid IS NOT NULL").HasDatabaseName(UniqueMessageSidIndex);
        builder.HasIndex(m => new { m.BusinessId, m.IdempotencyKey }).IsUnique().HasFilter("idempotency_key IS NOT NULL")
            .HasDatabaseName(UniqueIdempotencyKeyIndex);
        // A customer's thread, newest first (keyset), and the 24-hour window (the newest inbound message).
        builder.HasIndex(m => new { m.BusinessId, m.CustomerId, m.CreatedAt, m.Id }).IsDescending(false, false, true, true);
        builder.HasOne<Customer>().WithMany().HasForeignKey(m => m.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Business>().WithMany().HasForeignKey(m => m.BusinessId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(m => m.SentByUserId).OnDelete(DeleteBehavior.SetNull);
    }
}
