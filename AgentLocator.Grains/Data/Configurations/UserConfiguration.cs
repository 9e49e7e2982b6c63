using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLocator.Grains.Data.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users", table => table.HasCheckConstraint("ck_users_role", "role IN ('admin', 'agent')"));
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Email).HasMaxLength(254).IsRequired();
        builder.HasIndex(u => u.Email).IsUnique();
        builder.HasIndex(u => u.BusinessId);
        builder.Property(u => u.PasswordHash).IsRequired();
        builder.Property(u => u.DisplayName).HasMaxLength(200).IsRequired();
        builder.Property(u => u.Role).HasMaxLength(16).IsRequired();
        builder.Property(u => u.Phone).HasMaxLength(16);
        builder.Property(u => u.FeatureLimits).HasColumnType("text[]");
        builder.Property(u => u.CreatedAt).HasDefaultValueSql("now()");
        builder.HasOne(u => u.Business).WithMany().HasForeignKey(u => u.BusinessId).OnDelete(DeleteBehavior.Restrict);
    }
}
