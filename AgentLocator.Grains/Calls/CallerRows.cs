using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Customers;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Timeline;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Grains.Calls;

/// <summary>
/// The caller's side of a new call, written in the call's own transaction: the customer with the caller's number has
/// the call counted, or a lead is made for the number. Both are what the customer grain would write (the count as its
/// RecordActivity, the lead as its Create); they are written here so a call costs one transaction instead of three.
/// </summary>
internal static class CallerRows
{
    /// <summary>
    /// Counts the call on the live customer with this number and returns that customer as stored, or null when there is
    /// none. The lookup is the update (the unique (business, phone) index finds the row), so a known caller costs one
    /// statement, and the row stays locked until the call's transaction ends.
    /// </summary>
    public static async Task<Customer?> CountCallAsync(AgentLocatorDbContext db, Guid business, string phone, DateTimeOffset at)
    {
        // Not composed (no filter, no LIMIT added), so EF sends the statement as written; the tenant is in its WHERE.
        var rows = await db.Customers.FromSql($"""
            UPDATE customers SET calls = calls + 1, last_activity_at = GREATEST(last_activity_at, {at})
            WHERE business_id = {business} AND phone = {phone} AND deleted_at IS NULL
            RETURNING *
            """).IgnoreQueryFilters().AsNoTracking().ToListAsync();
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>
    /// Adds a lead for the number, with its call already counted and its "new lead" timeline event, to be saved with the
    /// call. Null when the customer rules refuse it (the call is then kept without a customer).
    /// </summary>
    public static Customer? AddLead(AgentLocatorDbContext db, Guid business, string phone, DateTimeOffset now)
    {
        var customer = new Customer
        {
            Id = Guid.CreateVersion7(), BusinessId = business, Name = "", CreatedAt = now, UpdatedAt = now, LastActivityAt = now, Calls = 1,
        };
        var origin = ChangeOrigin.ByCall(phone);
        var errors = CustomerRules.Apply(customer, new CustomerChanges
        {
            Name = FieldChange<string>.To(CallGreetings.NewCallerName(phone)),
            Phone = FieldChange<string>.To(phone),
            Status = FieldChange<string>.To(CustomerStatuses.Lead),
            Origin = origin,
        }, creating: true);
        if (errors.Count > 0)
        {
            return null;
        }
        db.Customers.Add(customer);
        CustomerTimelineEvents.Created(db, customer, origin);
        return customer;
    }
}
