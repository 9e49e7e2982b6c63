using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLocator.Grains.Data.Configurations;

internal sealed class SignatureRequestConfiguration : IEntityTypeConfiguration<SignatureRequest>
{
    private const string Statuses = "'draft', 'sent', 'viewed', 'signed', 'declined', 'expired', 'cancelled'";

    public void Configure(EntityTypeBuilder<SignatureRequest> builder)
    {
        builder.ToTable("signature_requests", table =>
        {
            table.HasCheckConstraint("ck_signature_requests_status", $"status IN ({Statuses})");
            table.HasCheckConstraint("ck_signature_requests_signed_pair", "(signed_pdf IS NULL) = (signed_sha256 IS NULL)");
        });
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Title).HasMaxLength(200).IsRequired();
        builder.Property(r => r.Status).HasMaxLength(16).IsRequired();
        builder.Property(r => r.OriginalPdf).IsRequired();
        builder.Property(r => r.OriginalSha256).IsRequired();
        builder.Property(r => r.FieldsJson).HasColumnName("fields").HasColumnType("jsonb").HasDefaultValueSql("'[]'::jsonb").IsRequired();
        builder.HasIndex(r => new { r.BusinessId, r.CreatedAt }).HasDatabaseName("ix_signature_requests_business_created");
        builder.HasIndex(r => new { r.BusinessId, r.CustomerId }).HasDatabaseName("ix_signature_requests_customer");
        // The verify page looks a signed copy up by its hash, across businesses.
        builder.HasIndex(r => r.SignedSha256).HasDatabaseName("ix_signature_requests_signed_sha256").HasFilter("signed_sha256 IS NOT NULL");
        builder.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Signers).WithOne().HasForeignKey(s => s.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SignatureSignerConfiguration : IEntityTypeConfiguration<SignatureSigner>
{
    public void Configure(EntityTypeBuilder<SignatureSigner> builder)
    {
        builder.ToTable("signature_signers", table =>
        {
            table.HasCheckConstraint("ck_signature_signers_status", "status IN ('draft', 'sent', 'viewed', 'signed', 'declined', 'expired', 'cancelled')");
            table.HasCheckConstraint("ck_signature_signers_role", "role IN ('customer', 'co_signer', 'business')");
        });
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Name).HasMaxLength(120).IsRequired();
        builder.Property(s => s.Phone).HasMaxLength(20).IsRequired();
        builder.Property(s => s.Role).HasMaxLength(16).IsRequired();
        builder.Property(s => s.Status).HasMaxLength(16).IsRequired();
        builder.Property(s => s.DeclineReason).HasMaxLength(1000);
        builder.Property(s => s.TypedSignature).HasMaxLength(120);
        builder.Property(s => s.SignedIp).HasMaxLength(64);
        builder.Property(s => s.SignedUserAgent).HasMaxLength(400);
        builder.Property(s => s.FieldValuesJson).HasColumnName("field_values").HasColumnType("jsonb");
        builder.HasIndex(s => new { s.RequestId, s.Position }).IsUnique().HasDatabaseName("ux_signature_signers_position");
    }
}

internal sealed class SignatureLinkConfiguration : IEntityTypeConfiguration<SignatureLink>
{
    public void Configure(EntityTypeBuilder<SignatureLink> builder)
    {
        builder.ToTable("signature_links");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.TokenHash).IsRequired();
        builder.HasIndex(l => l.TokenHash).IsUnique().HasDatabaseName("ux_signature_links_token");
        builder.HasOne<SignatureRequest>().WithMany().HasForeignKey(l => l.RequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SignatureSigner>().WithMany().HasForeignKey(l => l.SignerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SignatureEventConfiguration : IEntityTypeConfiguration<SignatureEvent>
{
    public void Configure(EntityTypeBuilder<SignatureEvent> builder)
    {
        builder.ToTable("signature_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Action).HasMaxLength(32).IsRequired();
        builder.Property(e => e.ActorType).HasMaxLength(16).IsRequired();
        builder.Property(e => e.ActorName).HasMaxLength(200);
        builder.Property(e => e.Ip).HasMaxLength(64);
        builder.Property(e => e.UserAgent).HasMaxLength(400);
        builder.Property(e => e.Detail).HasMaxLength(1000);
        builder.HasIndex(e => new { e.RequestId, e.OccurredAt }).HasDatabaseName("ix_signature_events_request");
        builder.HasOne<SignatureRequest>().WithMany().HasForeignKey(e => e.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SignatureSettingsConfiguration : IEntityTypeConfiguration<SignatureSettings>
{
    public void Configure(EntityTypeBuilder<SignatureSettings> builder)
    {
        builder.ToTable("signature_settings", table =>
            table.HasCheckConstraint("ck_signature_settings_lifetime", "link_lifetime_days BETWEEN 1 AND 90"));
        builder.HasKey(s => s.BusinessId);
        builder.Property(s => s.CertificateSource).HasMaxLength(16);
        builder.HasOne<Business>().WithOne().HasForeignKey<SignatureSettings>(s => s.BusinessId).OnDelete(DeleteBehavior.Cascade);
    }
}
