using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLocator.Grains.Data.Configurations;

internal sealed class ContractTemplateConfiguration : IEntityTypeConfiguration<ContractTemplate>
{
    public void Configure(EntityTypeBuilder<ContractTemplate> builder)
    {
        builder.ToTable("contract_templates");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(200).IsRequired();
        builder.HasIndex(t => new { t.BusinessId, t.Name }).HasDatabaseName("ix_contract_templates_business_name");
        builder.HasOne<Business>().WithMany().HasForeignKey(t => t.BusinessId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(t => t.Versions).WithOne().HasForeignKey(v => v.TemplateId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ContractTemplateVersionConfiguration : IEntityTypeConfiguration<ContractTemplateVersion>
{
    public void Configure(EntityTypeBuilder<ContractTemplateVersion> builder)
    {
        builder.ToTable("contract_template_versions");
        builder.HasKey(v => new { v.TemplateId, v.Version });
        builder.Property(v => v.Name).HasMaxLength(200).IsRequired();
        builder.Property(v => v.BodyHtml).IsRequired();
        builder.Property(v => v.FieldsJson).HasColumnName("fields").HasColumnType("jsonb").IsRequired();
        builder.Property(v => v.PdfFieldsJson).HasColumnName("pdf_fields").HasColumnType("jsonb").HasDefaultValueSql("'[]'::jsonb").IsRequired();
        builder.HasOne<ContractTemplatePdf>().WithMany().HasForeignKey(v => v.PdfId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ContractTemplatePdfConfiguration : IEntityTypeConfiguration<ContractTemplatePdf>
{
    public void Configure(EntityTypeBuilder<ContractTemplatePdf> builder)
    {
        builder.ToTable("contract_template_pdfs");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Pdf).IsRequired();
        builder.Property(p => p.Sha256).IsRequired();
        builder.Property(p => p.PageSizesJson).HasColumnName("page_sizes").HasColumnType("jsonb").IsRequired();
        builder.HasOne<Business>().WithMany().HasForeignKey(p => p.BusinessId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ContractConfiguration : IEntityTypeConfiguration<Contract>
{
    public void Configure(EntityTypeBuilder<Contract> builder)
    {
        builder.ToTable("contracts", table =>
            table.HasCheckConstraint("ck_contracts_status", $"status IN ({WireNames<ContractStatus>.SqlList()})"));
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Title).HasMaxLength(200).IsRequired();
        builder.Property(c => c.Status).HasConversion<WireNameConverter<ContractStatus>>().HasMaxLength(16);
        builder.Property(c => c.FieldValuesJson).HasColumnName("field_values").HasColumnType("jsonb").IsRequired();
        builder.HasIndex(c => new { c.BusinessId, c.CreatedAt, c.Id }).IsDescending(false, true, true).HasDatabaseName("ix_contracts_business_created");
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ContractTemplateVersion>().WithMany().HasForeignKey(c => new { c.TemplateId, c.TemplateVersion }).OnDelete(DeleteBehavior.Restrict);
    }
}
