using AgentLocator.Grains.Customers;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLocator.Grains.Data.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public const string LiveRows = "deleted_at IS NULL";

    /// <summary>One live customer per phone number in a business: what a lead made by a call may collide with.</summary>
    public const string UniquePhoneIndex = "ux_customers_business_phone";

    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("customers", table => table.HasCheckConstraint("ck_customers_status", "status IN ('lead', 'active', 'inactive')"));
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Name).HasMaxLength(200).IsRequired();
        builder.Property(c => c.Phone).HasMaxLength(16);
        builder.Property(c => c.PhoneDigits).HasMaxLength(16);
        builder.Property(c => c.Email).HasMaxLength(254);
        builder.Property(c => c.City).HasMaxLength(100);
        builder.Property(c => c.TaxId).HasMaxLength(9);
        builder.Property(c => c.Status).HasMaxLength(16).HasDefaultValue(CustomerStatuses.Lead);
        builder.Property(c => c.Tags).HasColumnType("text[]");
        // Shadow: only searches read it (EF.Property), so the entity and its mappings do not carry a copy of name + e-mail.
        builder.Property<string>(CustomerSearchText.Property).HasColumnName(CustomerSearchText.Column)
            .HasComputedColumnSql(CustomerSearchText.Sql, stored: true);

        // One index per sort order the grid offers, each ending in id so keyset cursors are total orders.
        // The default order's index carries the search column, so a name search in a large business reads the page and
        // its capped total from this index alone (an index-only scan with the LIKE as a filter, stopping at the LIMIT):
        // the work is the cap ÷ the fragment's selectivity, whatever the table's size (bench/RESULTS.md, "search3").
        builder.HasIndex(c => new { c.BusinessId, c.CreatedAt, c.Id }).IsDescending(false, true, true)
            .HasDatabaseName("ix_customers_business_created").HasFilter(LiveRows).IncludeProperties(CustomerSearchText.Property);
        // The same order without the search column, for walks that need only the keys: a deep page's OFFSET steps over
        // every row before it, and the wider index made page 20,000 of a million 50 % dearer (bench/RESULTS.md).
        builder.HasIndex(c => new { c.BusinessId, c.CreatedAt, c.Id }, "ix_customers_business_created_keys").IsDescending(false, true, true)
            .HasDatabaseName("ix_customers_business_created_keys").HasFilter(LiveRows);
        builder.HasIndex(c => new { c.BusinessId, c.Name, c.Id })
            .HasDatabaseName("ix_customers_business_name").HasFilter(LiveRows);
        builder.HasIndex(c => new { c.BusinessId, c.LastActivityAt, c.Id }).IsDescending(false, true, true)
            .HasDatabaseName("ix_customers_business_last_activity").HasFilter(LiveRows);
        builder.HasIndex(c => new { c.BusinessId, c.Phone }).IsUnique()
            .HasDatabaseName(UniquePhoneIndex).HasFilter(LiveRows + " AND phone IS NOT NULL");
        builder.HasIndex(c => c.Tags).HasMethod("gin").HasDatabaseName("ix_customers_tags");
        // Trigram indexes for "any part of" searches (search_text, phone) live in the migrations (they need pg_trgm): SearchIndexesSql.
    }
}

internal sealed class CustomerNoteConfiguration : IEntityTypeConfiguration<CustomerNote>
{
    public void Configure(EntityTypeBuilder<CustomerNote> builder)
    {
        builder.ToTable("customer_notes");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Text).HasMaxLength(5000).IsRequired();
        builder.Property(n => n.AuthorName).HasMaxLength(200).IsRequired();
        builder.HasIndex(n => new { n.BusinessId, n.CustomerId, n.CreatedAt }).IsDescending(false, false, true);
        builder.HasOne<Customer>().WithMany().HasForeignKey(n => n.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UserPreferenceConfiguration : IEntityTypeConfiguration<UserPreference>
{
    public void Configure(EntityTypeBuilder<UserPreference> builder)
    {
        builder.ToTable("user_preferences");
        builder.HasKey(p => new { p.UserId, p.Key });
        builder.Property(p => p.Key).HasMaxLength(64);
        builder.Property(p => p.ValueJson).HasColumnType("jsonb");
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
