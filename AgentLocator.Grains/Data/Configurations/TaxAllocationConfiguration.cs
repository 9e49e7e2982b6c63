using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLocator.Grains.Data.Configurations;

internal sealed class TaxDocumentAllocationConfiguration : IEntityTypeConfiguration<TaxDocumentAllocation>
{
    public void Configure(EntityTypeBuilder<TaxDocumentAllocation> builder)
    {
        builder.ToTable("tax_document_allocations", table =>
            table.HasCheckConstraint("ck_tax_document_allocations_state", "state IN ('pending', 'refused', 'granted')"));
        builder.HasKey(a => a.DocumentId);
        builder.Property(a => a.State).HasMaxLength(10).IsRequired();
        builder.Property(a => a.Reason).HasMaxLength(500);
        builder.HasIndex(a => a.NextAttemptAt).HasFilter("state = 'pending'").HasDatabaseName("ix_tax_document_allocations_due");
        builder.HasOne<TaxDocument>().WithOne().HasForeignKey<TaxDocumentAllocation>(a => a.DocumentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TaxAuthorityConnectionConfiguration : IEntityTypeConfiguration<TaxAuthorityConnection>
{
    public void Configure(EntityTypeBuilder<TaxAuthorityConnection> builder)
    {
        builder.ToTable("tax_authority_connections");
        builder.HasKey(c => c.BusinessId);
        builder.Property(c => c.ProtectedTokens).IsRequired();
        builder.HasOne<Business>().WithOne().HasForeignKey<TaxAuthorityConnection>(c => c.BusinessId).OnDelete(DeleteBehavior.Cascade);
    }
}
