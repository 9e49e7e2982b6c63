using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLocator.Grains.Data.Configurations;

internal sealed class AccountLinkConfiguration : IEntityTypeConfiguration<AccountLink>
{
    public void Configure(EntityTypeBuilder<AccountLink> builder)
    {
        builder.ToTable("account_links", table =>
        {
            table.HasCheckConstraint("ck_account_links_kind", "kind IN ('invitation', 'password-reset')");
            table.HasCheckConstraint("ck_account_links_role", "role IS NULL OR role IN ('admin', 'agent')");
        });
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Kind).HasMaxLength(16).IsRequired();
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => new { l.BusinessId, l.Kind });
        builder.Property(l => l.Email).HasMaxLength(254);
        builder.Property(l => l.Phone).HasMaxLength(16);
        builder.Property(l => l.Role).HasMaxLength(16);
        builder.Property(l => l.FeatureLimits).HasColumnType("text[]");
        builder.HasOne<Business>().WithMany().HasForeignKey(l => l.BusinessId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
