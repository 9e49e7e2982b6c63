using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Timeline;

namespace AgentLocator.Api.Tests.Timeline;

/// <summary>Rows written straight to Postgres, for what the API cannot make on demand (past times, finished calls).</summary>
public static class TimelineRows
{
    /// <summary>Customer-update events at the given times, through the same writer helpers the grains use.</summary>
    public static async Task<List<Guid>> InsertAsync(AgentLocatorApiFactory api, Guid businessId, Guid customerId, IEnumerable<DateTimeOffset> times)
    {
        await using var db = api.CreateDbContext();
        var ids = new List<Guid>();
        foreach (var at in times)
        {
            var row = TimelineEntries.New(TimelineKinds.Customer, businessId, customerId, at, TimelineActorTypes.System, null, null);
            row.PayloadJson = TimelineCards.Serialize(new CustomerChangeCard("updated", "agent", []));
            TimelineEntries.SetTexts(row, "פרטי הלקוח עודכנו", null);
            db.TimelineEvents.Add(row);
            ids.Add(row.Id);
        }
        await db.SaveChangesAsync();
        return ids;
    }

    /// <summary>A finished call with a summary, and its event as the call grain writes it.</summary>
    public static async Task<Call> InsertCallAsync(AgentLocatorApiFactory api, Guid businessId, Guid customerId, string summary)
    {
        await using var db = api.CreateDbContext();
        var call = NewCall(businessId, customerId, DateTimeOffset.UtcNow.AddMinutes(-5), CallDisposition.Message, null);
        call.Summary = summary;
        db.Calls.Add(call);
        CallTimelineEvents.Started(db, call);
        await db.SaveChangesAsync();
        return call;
    }

    public static async Task InsertCallRowAsync(AgentLocatorApiFactory api, Guid businessId, Guid customerId, DateTimeOffset startedAt,
        CallDisposition disposition, Guid? followUpTaskId)
    {
        await using var db = api.CreateDbContext();
        db.Calls.Add(NewCall(businessId, customerId, startedAt, disposition, followUpTaskId));
        await db.SaveChangesAsync();
    }

    public static Call NewCall(Guid businessId, Guid? customerId, DateTimeOffset startedAt, CallDisposition disposition, Guid? followUpTaskId) => new()
    {
        Id = Guid.CreateVersion7(), BusinessId = businessId, CallSid = "CA" + Guid.NewGuid().ToString("N"), From = CustomerApiExtensions.NextMobile(),
        To = "+97235000000", CustomerId = customerId, Status = CallStatus.Completed, Disposition = disposition, StartedAt = startedAt,
        EndedAt = startedAt.AddMinutes(1), DurationSeconds = 60, FollowUpTaskId = followUpTaskId, CreatedAt = startedAt, UpdatedAt = startedAt,
    };
}
