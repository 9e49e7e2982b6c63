using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLocator.Grains.Data.Configurations;

internal sealed class TaxSettingsConfiguration : IEntityTypeConfiguration<TaxSettings>
{
    public void Configure(EntityTypeBuilder<TaxSettings> builder)
    {
        builder.ToTable("tax_settings", table =>
        {
            table.HasCheckConstraint("ck_tax_settings_dealer_type", "dealer_type IN ('licensed', 'exempt', 'company', 'nonprofit')");
            table.HasCheckConstraint("ck_tax_settings_tax_id", "tax_id ~ '^[0-9]{9}$'");
        });
        builder.HasKey(s => s.BusinessId);
        builder.Property(s => s.LegalName).HasMaxLength(200).IsRequired();
        builder.Property(s => s.DealerType).HasMaxLength(16).IsRequired();
        builder.Property(s => s.TaxId).HasMaxLength(9).IsRequired();
        builder.Property(s => s.Address).HasMaxLength(300);
        builder.Property(s => s.Phone).HasMaxLength(30);
        builder.Property(s => s.Email).HasMaxLength(254);
        builder.Property(s => s.LogoKey).HasMaxLength(200);
        builder.Property(s => s.LogoContentType).HasMaxLength(50);
        builder.Property(s => s.BankDetails).HasMaxLength(500);
        builder.Property(s => s.VatRatesJson).HasColumnName("vat_rates").HasColumnType("jsonb").IsRequired();
        builder.Property(s => s.StartingNumbersJson).HasColumnName("starting_numbers").HasColumnType("jsonb").IsRequired();
        builder.HasOne<Business>().WithOne().HasForeignKey<TaxSettings>(s => s.BusinessId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TaxDocumentConfiguration : IEntityTypeConfiguration<TaxDocument>
{
    public void Configure(EntityTypeBuilder<TaxDocument> builder)
    {
        builder.ToTable("tax_documents", table =>
        {
            table.HasCheckConstraint("ck_tax_documents_type", "type IN ('quote', 'tax_invoice', 'receipt', 'tax_invoice_receipt', 'credit_invoice')");
            table.HasCheckConstraint("ck_tax_documents_status", "status IN ('draft', 'pending_allocation', 'issued', 'cancelled')");
            table.HasCheckConstraint("ck_tax_documents_issued_numbered", "status = 'draft' OR (number IS NOT NULL AND issued_at IS NOT NULL)");
            table.HasCheckConstraint("ck_tax_documents_totals", "total_agorot = subtotal_agorot + vat_agorot AND total_agorot >= 0");
        });
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Type).HasMaxLength(24).IsRequired();
        builder.Property(d => d.Status).HasMaxLength(20).IsRequired();
        builder.Property(d => d.Currency).HasMaxLength(3).IsRequired();
        builder.Property(d => d.CustomerName).HasMaxLength(200).IsRequired();
        builder.Property(d => d.CustomerTaxId).HasMaxLength(9);
        builder.Property(d => d.CustomerAddress).HasMaxLength(300);
        builder.Property(d => d.IssuerJson).HasColumnName("issuer").HasColumnType("jsonb");
        builder.Property(d => d.Notes).HasMaxLength(2000);
        builder.Property(d => d.AllocationNumber).HasMaxLength(20);
        builder.HasIndex(d => new { d.BusinessId, d.Type, d.Number }).IsUnique().HasFilter("number IS NOT NULL")
            .HasDatabaseName("ux_tax_documents_number");
        builder.HasIndex(d => new { d.BusinessId, d.DocumentDate, d.Id }).IsDescending(false, true, true)
            .HasDatabaseName("ix_tax_documents_business_date");
        builder.HasIndex(d => new { d.BusinessId, d.CustomerId }).HasDatabaseName("ix_tax_documents_customer");
        builder.HasIndex(d => d.ReferencedDocumentId).HasDatabaseName("ix_tax_documents_referenced");
        builder.HasOne<Customer>().WithMany().HasForeignKey(d => d.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TaxDocument>().WithMany().HasForeignKey(d => d.ReferencedDocumentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TaxDocument>().WithMany().HasForeignKey(d => d.SourceDocumentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(d => d.Lines).WithOne().HasForeignKey(l => l.DocumentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.Payments).WithOne().HasForeignKey(p => p.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TaxDocumentLineConfiguration : IEntityTypeConfiguration<TaxDocumentLine>
{
    public void Configure(EntityTypeBuilder<TaxDocumentLine> builder)
    {
        builder.ToTable("tax_document_lines");
        builder.HasKey(l => new { l.DocumentId, l.Position });
        builder.Property(l => l.Description).HasMaxLength(500).IsRequired();
        builder.Property(l => l.Quantity).HasPrecision(12, 3);
    }
}

internal sealed class TaxDocumentPaymentConfiguration : IEntityTypeConfiguration<TaxDocumentPayment>
{
    public void Configure(EntityTypeBuilder<TaxDocumentPayment> builder)
    {
        builder.ToTable("tax_document_payments", table =>
            table.HasCheckConstraint("ck_tax_document_payments_method", "method IN ('cash', 'cheque', 'transfer', 'card', 'app')"));
        builder.HasKey(p => new { p.DocumentId, p.Position });
        builder.Property(p => p.Method).HasMaxLength(16).IsRequired();
        builder.Property(p => p.Bank).HasMaxLength(10);
        builder.Property(p => p.Branch).HasMaxLength(10);
        builder.Property(p => p.Account).HasMaxLength(30);
        builder.Property(p => p.ChequeNumber).HasMaxLength(20);
        builder.Property(p => p.CardLastDigits).HasMaxLength(4);
        builder.Property(p => p.AppName).HasMaxLength(50);
        builder.Property(p => p.Reference).HasMaxLength(100);
    }
}

internal sealed class TaxDocumentSequenceConfiguration : IEntityTypeConfiguration<TaxDocumentSequence>
{
    public void Configure(EntityTypeBuilder<TaxDocumentSequence> builder)
    {
        builder.ToTable("tax_document_sequences");
        builder.HasKey(s => new { s.BusinessId, s.Type });
        builder.Property(s => s.Type).HasMaxLength(24);
        builder.HasOne<Business>().WithMany().HasForeignKey(s => s.BusinessId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TaxDocumentPrintConfiguration : IEntityTypeConfiguration<TaxDocumentPrint>
{
    public void Configure(EntityTypeBuilder<TaxDocumentPrint> builder)
    {
        builder.ToTable("tax_document_prints");
        builder.HasKey(p => p.DocumentId);
        builder.HasOne<TaxDocument>().WithOne().HasForeignKey<TaxDocumentPrint>(p => p.DocumentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TaxDocumentLinkConfiguration : IEntityTypeConfiguration<TaxDocumentLink>
{
    public void Configure(EntityTypeBuilder<TaxDocumentLink> builder)
    {
        builder.ToTable("tax_document_links");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.TokenHash).IsRequired();
        builder.HasIndex(l => l.TokenHash).IsUnique().HasDatabaseName("ux_tax_document_links_token");
        builder.HasOne<TaxDocument>().WithMany().HasForeignKey(l => l.DocumentId).OnDelete(DeleteBehavior.Restrict);
    }
}
