using System.Linq.Expressions;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Tenancy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Grains.Data;

public sealed class AgentLocatorDbContext(DbContextOptions<AgentLocatorDbContext> options, ITenantContext tenant)
    : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Business> Businesses => Set<Business>();
    public DbSet<User> Users => Set<User>();
    public DbSet<AuthSession> AuthSessions => Set<AuthSession>();
    public DbSet<AccountLink> AccountLinks => Set<AccountLink>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<CustomerNote> CustomerNotes => Set<CustomerNote>();
    public DbSet<UserPreference> UserPreferences => Set<UserPreference>();
    public DbSet<AgentTask> Tasks => Set<AgentTask>();
    public DbSet<TaskAlert> TaskAlerts => Set<TaskAlert>();
    public DbSet<PushSubscription> PushSubscriptions => Set<PushSubscription>();
    public DbSet<OutboxPush> PushOutbox => Set<OutboxPush>();
    public DbSet<Call> Calls => Set<Call>();
    public DbSet<CallTurn> CallTurns => Set<CallTurn>();
    public DbSet<TimelineEvent> TimelineEvents => Set<TimelineEvent>();
    public DbSet<WhatsAppMessage> WhatsAppMessages => Set<WhatsAppMessage>();
    public DbSet<WhatsAppConversation> WhatsAppConversations => Set<WhatsAppConversation>();
    public DbSet<WhatsAppMediaJob> WhatsAppMediaJobs => Set<WhatsAppMediaJob>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<TaxSettings> TaxSettings => Set<TaxSettings>();
    public DbSet<TaxDocument> TaxDocuments => Set<TaxDocument>();
    public DbSet<TaxDocumentSequence> TaxDocumentSequences => Set<TaxDocumentSequence>();
    public DbSet<TaxDocumentPrint> TaxDocumentPrints => Set<TaxDocumentPrint>();
    public DbSet<TaxDocumentLink> TaxDocumentLinks => Set<TaxDocumentLink>();
    public DbSet<TaxDocumentAllocation> TaxDocumentAllocations => Set<TaxDocumentAllocation>();
    public DbSet<TaxAuthorityConnection> TaxAuthorityConnections => Set<TaxAuthorityConnection>();

    /// <summary>ASP.NET Data Protection's key ring, shared by every API instance (it encrypts the Tax Authority tokens).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<SignatureRequest> SignatureRequests => Set<SignatureRequest>();
    public DbSet<SignatureSigner> SignatureSigners => Set<SignatureSigner>();
    public DbSet<SignatureLink> SignatureLinks => Set<SignatureLink>();
    public DbSet<SignatureEvent> SignatureEvents => Set<SignatureEvent>();
    public DbSet<SignatureSettings> SignatureSettings => Set<SignatureSettings>();
    public DbSet<ContractTemplate> ContractTemplates => Set<ContractTemplate>();
    public DbSet<ContractTemplateVersion> ContractTemplateVersions => Set<ContractTemplateVersion>();
    public DbSet<ContractTemplatePdf> ContractTemplatePdfs => Set<ContractTemplatePdf>();
    public DbSet<Contract> Contracts => Set<Contract>();

    /// <summary>Read per query by the tenant filter; <see cref="Guid.Empty"/> (no tenant) matches no row.</summary>
    internal Guid CurrentBusinessId => tenant.BusinessId ?? Guid.Empty;

    /// <summary>The tenant for hand-written SQL, which the model's filters do not reach.</summary>
    public Guid CurrentBusinessIdForQueries => CurrentBusinessId;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AgentLocatorDbContext).Assembly);

        foreach (var entityType in modelBuilder.Model.GetEntityTypes()
                     .Where(type => typeof(IBusinessOwned).IsAssignableFrom(type.ClrType)))
        {
            var row = Expression.Parameter(entityType.ClrType, "row");
            var filter = Expression.Lambda(
                Expression.Equal(
                    Expression.Property(row, nameof(IBusinessOwned.BusinessId)),
                    Expression.Property(Expression.Constant(this), nameof(CurrentBusinessId))),
                row);
            modelBuilder.Entity(entityType.ClrType).HasQueryFilter(filter);
        }

        // The audit log's business is nullable (an attempt on an unknown email belongs to none), so it is not
        // IBusinessOwned; the same filter applies, and a row of no business matches no tenant.
        modelBuilder.Entity<AuditEntry>().HasQueryFilter(row => row.BusinessId == CurrentBusinessId);
    }
}
