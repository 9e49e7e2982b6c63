using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLocator.Grains.Data.Configurations;

internal sealed class BusinessConfiguration : IEntityTypeConfiguration<Business>
{
    public void Configure(EntityTypeBuilder<Business> builder)
    {
        builder.ToTable("businesses");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Name).HasMaxLength(200).IsRequired();
        builder.Property(b => b.TwilioNumber).HasMaxLength(16);
        builder.HasIndex(b => b.TwilioNumber).IsUnique().HasFilter("twilio_number IS NOT NULL");
        builder.Property(b => b.WhatsAppNumber).HasMaxLength(16).HasColumnName("whatsapp_number");
        builder.HasIndex(b => b.WhatsAppNumber).IsUnique().HasFilter("whatsapp_number IS NOT NULL");
        builder.Property(b => b.WhatsAppTemplatesJson).HasColumnType("jsonb").HasColumnName("whatsapp_templates");
        builder.Property(b => b.TimeZone).HasMaxLength(64).HasDefaultValue(Business.DefaultTimeZone);
        builder.Property(b => b.PlanFeatures).HasColumnType("text[]");
        builder.Property(b => b.EnabledFeatures).HasColumnType("text[]");
        builder.Property(b => b.GreetingText).HasMaxLength(1000);
        builder.Property(b => b.GreetingAudioKey).HasMaxLength(64);
        builder.Property(b => b.HoldClipKey).HasMaxLength(64);
        builder.Property(b => b.ReplyPrompt).HasMaxLength(4000);
        builder.Property(b => b.FallbackMessage).HasMaxLength(1000);
        builder.HasOne<User>().WithMany().HasForeignKey(b => b.DefaultAgentId).OnDelete(DeleteBehavior.SetNull);
        // The sentinel is a value never stored, so an explicit 0 ("at once") is written rather than replaced by the default.
        builder.Property(b => b.CallbackDelayMinutes).HasDefaultValue(Business.DefaultCallbackDelayMinutes).HasSentinel(-1);
        builder.Property(b => b.WorkingDays).HasColumnType("integer[]");
        builder.Property(b => b.Plan).HasMaxLength(32).HasDefaultValue(Features.Plans.DefaultName);
        builder.Property(b => b.CreatedAt).HasDefaultValueSql("now()");
    }
}
