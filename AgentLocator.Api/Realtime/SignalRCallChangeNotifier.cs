using AgentLocator.Api.Calls;
using AgentLocator.Grains.Calls;
using AgentLocator.Grains.Data;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Realtime;

/// <summary>Pushes <c>call:updated</c> (the call's list row) to every page of the business watching its calls.</summary>
public sealed class SignalRCallChangeNotifier(IHubContext<AgentHub> hub, TenantDbContextFactory contexts) : ICallChangeNotifier
{
    public const string Message = "call:updated";

    public static string GroupFor(Guid businessId) => $"calls:{businessId}";

    public async Task CallChangedAsync(Guid businessId, Guid callId)
    {
        await using var db = contexts.For(businessId);
        var item = await CallQueries.ListItems(db, db.Calls.AsNoTracking().Where(c => c.Id == callId)).SingleOrDefaultAsync();
        if (item is not null)
        {
            await hub.Clients.Group(GroupFor(businessId)).SendAsync(Message, item);
        }
    }
}
