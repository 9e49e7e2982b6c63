using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Audit;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AgentLocator.Grains.Customers;

public sealed class CustomerGrain(
    TenantDbContextFactory contexts,
    ICustomerChangeNotifier notifier,
    TimeProvider clock,
    IAuditLog audit,
    ILogger<CustomerGrain> logger) : Grain, ICustomerGrain
{
    private const string UniquePhoneIndex = "ux_customers_business_phone";

    private Guid CustomerId => this.GetPrimaryKey();

    private DateTimeOffset Now() => StoredTime.Now(clock);

    public async Task<CustomerResult> Create(Guid businessId, CustomerChanges changes)
    {
        await using var db = contexts.For(businessId);
        // One pooled connection for the check, the duplicate-phone check and the write (EF would take one per statement).
        await db.Database.OpenConnectionAsync();
        var existing = await db.Customers.IgnoreQueryFilters().SingleOrDefaultAsync(c => c.Id == CustomerId);
        if (existing is not null)
        {
            // A retried create (same id) answers what the first one made; an id of another business is not ours.
            return existing.BusinessId == businessId ? new(CustomerOutcome.Ok, existing.ToSnapshot()) : CustomerResult.NotFound;
        }

        var now = Now();
        var customer = new Customer { Id = CustomerId, BusinessId = businessId, Name = "", CreatedAt = now, UpdatedAt = now, LastActivityAt = now };
        var errors = CustomerRules.Apply(customer, changes, creating: true);
        if (errors.Count > 0)
        {
            return new(CustomerOutcome.Invalid, Errors: errors);
        }
        db.Customers.Add(customer);
        CustomerTimelineEvents.Created(db, customer, changes.Origin);
        return await SaveAsync(db, customer);
    }

    public Task<CustomerResult> Update(Guid businessId, CustomerChanges changes) =>
        ChangeAsync(businessId, customer => CustomerRules.Apply(customer, changes, creating: false), timeline: (db, before, customer) =>
            CustomerTimelineEvents.Changed(db, before, customer, changes.Origin, Now(), merged: false));

    public Task<CustomerResult> Merge(Guid businessId, CustomerChanges changes) =>
        ChangeAsync(businessId, customer => CustomerRules.Apply(customer, CustomerRules.OnlyMissing(customer, changes), creating: false),
            timeline: (db, before, customer) => CustomerTimelineEvents.Changed(db, before, customer, changes.Origin, Now(), merged: true));

    public Task<CustomerResult> Delete(Guid businessId, Guid actorId) =>
        ChangeAsync(businessId, customer =>
        {
            customer.DeletedAt = Now();
            customer.DeletedBy = actorId;
            return [];
        }, timeline: (db, _, customer) =>
        {
            // The audit row rides the same SaveChanges as the deletion; a deletion has no timeline card of its own.
            audit.Record(db, AuditActions.CustomerDeleted, AuditTarget.Customer(customer.Id, customer.Name));
            return null;
        });

    public async Task<CustomerResult> Restore(Guid businessId)
    {
        await using var db = contexts.For(businessId);
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == CustomerId);
        if (customer is null)
        {
            return CustomerResult.NotFound;
        }
        if (customer.DeletedAt is null)
        {
            return new(CustomerOutcome.Ok, customer.ToSnapshot());
        }
        customer.DeletedAt = null;
        customer.DeletedBy = null;
        customer.UpdatedAt = Now();
        audit.Record(db, AuditActions.CustomerRestored, AuditTarget.Customer(customer.Id, customer.Name));
        // Its phone may have been given to a new customer meanwhile; the unique index then refuses the restore.
        return await SaveAsync(db, customer);
    }

    public async Task<NoteResult> AddNote(Guid businessId, Guid authorId, string authorName, string text)
    {
        var errors = CustomerRules.ValidateNote(text);
        if (errors.Count > 0)
        {
            return new(CustomerOutcome.Invalid, Errors: errors);
        }
        await using var db = contexts.For(businessId);
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == CustomerId && c.DeletedAt == null);
        if (customer is null)
        {
            return new(CustomerOutcome.NotFound);
        }
        var now = Now();
        var note = new CustomerNote
        {
            Id = Guid.CreateVersion7(), BusinessId = businessId, CustomerId = CustomerId,
            AuthorId = authorId, AuthorName = authorName, Text = text.Trim(), CreatedAt = now,
        };
        db.CustomerNotes.Add(note);
        var entry = NoteTimelineEvents.Added(db, note);
        customer.LastActivityAt = now;
        await db.SaveChangesAsync();
        await NotifyAsync(customer.ToSnapshot());
        return new(CustomerOutcome.Ok, note.ToSnapshot(), Entry: entry.ToEntry(customer.Name));
    }

    public async Task<NoteResult> EditNote(Guid businessId, Guid noteId, NoteEditor editor, NoteChanges changes)
    {
        if (changes.Text is not null && CustomerRules.ValidateNote(changes.Text) is { Count: > 0 } errors)
        {
            return new(CustomerOutcome.Invalid, Errors: errors);
        }
        await using var db = contexts.For(businessId);
        var found = await FindNoteAsync(db, noteId);
        if (found is not var (customer, note))
        {
            return new(CustomerOutcome.NotFound);
        }
        var text = changes.Text?.Trim();
        if (text is not null && text != note.Text && note.AuthorId != editor.UserId)
        {
            return new(CustomerOutcome.Forbidden);
        }
        var now = Now();
        if (text is not null && text != note.Text)
        {
            note.Text = text;
            note.EditedAt = now;
        }
        if (changes.Pinned is { } pinned)
        {
            note.Pinned = pinned;
        }
        var entry = await NoteTimelineEvents.ChangedAsync(db, note, db.ChangeTracker.HasChanges() ? now : null);
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync();
        }
        return new(CustomerOutcome.Ok, note.ToSnapshot(), Entry: entry.ToEntry(customer.Name));
    }

    public async Task<NoteResult> DeleteNote(Guid businessId, Guid noteId, NoteEditor editor)
    {
        await using var db = contexts.For(businessId);
        var found = await FindNoteAsync(db, noteId);
        if (found is not var (_, note))
        {
            return new(CustomerOutcome.NotFound);
        }
        if (note.AuthorId != editor.UserId && !editor.IsAdmin)
        {
            return new(CustomerOutcome.Forbidden);
        }
        db.CustomerNotes.Remove(note);
        await NoteTimelineEvents.RemovedAsync(db, note);
        await db.SaveChangesAsync();
        return new(CustomerOutcome.Ok, note.ToSnapshot());
    }

    /// <summary>The note, tracked, if it belongs to this (live) customer.</summary>
    private async Task<(Customer Customer, CustomerNote Note)?> FindNoteAsync(AgentLocatorDbContext db, Guid noteId)
    {
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == CustomerId && c.DeletedAt == null);
        var note = customer is null ? null : await db.CustomerNotes.SingleOrDefaultAsync(n => n.Id == noteId && n.CustomerId == CustomerId);
        return note is null ? null : (customer!, note);
    }

    public Task<CustomerResult> RecordActivity(Guid businessId, CustomerActivity activity) =>
        ChangeAsync(businessId, customer =>
        {
            if (activity.At > customer.LastActivityAt)
            {
                customer.LastActivityAt = activity.At;
            }
            customer.OpenTasks = Math.Max(0, customer.OpenTasks + activity.OpenTasksDelta);
            customer.Calls = Math.Max(0, customer.Calls + activity.CallsDelta);
            return [];
        }, touchUpdatedAt: false);

    private async Task<CustomerResult> ChangeAsync(Guid businessId, Func<Customer, Dictionary<string, string[]>> change, bool touchUpdatedAt = true,
        Func<AgentLocatorDbContext, CustomerSnapshot, Customer, TimelineEvent?>? timeline = null)
    {
        await using var db = contexts.For(businessId);
        // One pooled connection for the read and the write (EF would take one per statement).
        await db.Database.OpenConnectionAsync();
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == CustomerId && c.DeletedAt == null);
        if (customer is null)
        {
            return CustomerResult.NotFound;
        }
        var before = customer.ToSnapshot();
        var errors = change(customer);
        if (errors.Count > 0)
        {
            return new(CustomerOutcome.Invalid, Errors: errors);
        }
        if (touchUpdatedAt && db.ChangeTracker.HasChanges())
        {
            customer.UpdatedAt = Now();
            // In the same SaveChanges as the change, so the timeline never shows what was not saved, nor misses what was.
            timeline?.Invoke(db, before, customer);
        }
        return await SaveAsync(db, customer);
    }

    private async Task<CustomerResult> SaveAsync(AgentLocatorDbContext db, Customer customer)
    {
        if (customer.Phone is not null && customer.DeletedAt is null
            && await db.Customers.Where(c => c.Phone == customer.Phone && c.Id != customer.Id && c.DeletedAt == null)
                .Select(c => (Guid?)c.Id).FirstOrDefaultAsync() is { } duplicate)
        {
            return new(CustomerOutcome.DuplicatePhone, ConflictingCustomerId: duplicate);
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException error) when (error.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: UniquePhoneIndex })
        {
            // Another customer took the number between our check and our write.
            db.ChangeTracker.Clear();
            var holder = await db.Customers.Where(c => c.Phone == customer.Phone && c.DeletedAt == null).Select(c => c.Id).FirstAsync();
            return new(CustomerOutcome.DuplicatePhone, ConflictingCustomerId: holder);
        }
        var snapshot = customer.ToSnapshot();
        await NotifyAsync(snapshot);
        return new(CustomerOutcome.Ok, snapshot);
    }

    private async Task NotifyAsync(CustomerSnapshot snapshot)
    {
        try
        {
            await notifier.CustomerChangedAsync(snapshot);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // The change is saved; a page that missed the push will show it on its next fetch.
            logger.LogWarning(error, "Could not push the change of customer {CustomerId}", snapshot.Id);
        }
    }
}
