using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Customers;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AgentLocator.Grains.Calls;

/// <summary>Who is calling: the customer with the caller's number, or a new lead for it.</summary>
public sealed record CallerMatch(Guid? Id, string? Name, bool NewLead)
{
    public static readonly CallerMatch None = new(null, null, false);
}

/// <summary>Finds the caller among a business's customers or makes a lead (through its own grain, the customers' writer).</summary>
public sealed class CallerLeads(IGrainFactory grains, ILogger<CallerLeads> logger)
{
    public Task<CallerMatch> FindOrCreateAsync(AgentLocatorDbContext db, Guid business, string from, string callSid) =>
        FindOrCreateAsync(db, business, from, callSid, CallGreetings.NewCallerName(from), ChangeOrigin.ByCall(from));

    /// <summary>
    /// The same for any channel: <paramref name="leadName"/> names a new lead (a WhatsApp profile name),
    /// <paramref name="origin"/> says where it came from; <paramref name="reference"/> (a CallSid, a MessageSid) is for the log.
    /// </summary>
    public async Task<CallerMatch> FindOrCreateAsync(AgentLocatorDbContext db, Guid business, string from, string reference,
        string leadName, ChangeOrigin origin)
    {
        var customer = await db.Customers.Where(c => c.Phone == from && c.DeletedAt == null)
            .Select(c => new { c.Id, c.Name }).FirstOrDefaultAsync();
        if (customer is not null)
        {
            return new CallerMatch(customer.Id, customer.Name, false);
        }
        var created = await grains.GetGrain<ICustomerGrain>(Guid.CreateVersion7()).Create(business, new CustomerChanges
        {
            Name = FieldChange<string>.To(leadName),
            Phone = FieldChange<string>.To(from),
            Status = FieldChange<string>.To(CustomerStatuses.Lead),
            Origin = origin,
        });
        switch (created.Outcome)
        {
            case CustomerOutcome.Ok:
                return new CallerMatch(created.Customer!.Id, created.Customer.Name, true);
            case CustomerOutcome.DuplicatePhone when created.ConflictingCustomerId is { } holder:
                // Someone saved this number a moment ago (an agent, an import): that customer is the caller.
                var name = await db.Customers.Where(c => c.Id == holder).Select(c => c.Name).FirstOrDefaultAsync();
                return new CallerMatch(holder, name, false);
            default:
                // The call or message still matters more than the lead: record it without a customer.
                logger.LogWarning("Could not create a lead for {Reference}: {Outcome}", reference, created.Outcome);
                return CallerMatch.None;
        }
    }
}
