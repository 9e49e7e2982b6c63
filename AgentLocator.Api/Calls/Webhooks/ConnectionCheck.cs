using AgentLocator.Grains.Customers;
using AgentLocator.Grains.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Calls.Webhooks;

/// <summary>For the admin's connection test: is the dialled number one of ours, and its business not suspended?</summary>
internal static class ConnectionCheck
{
    public static async Task<bool> IsAnsweredAsync(HttpContext context, string to)
    {
        if (!Phones.TryNormalize(to, out var number))
        {
            return false;
        }
        var db = context.RequestServices.GetRequiredService<AgentLocatorDbContext>();
        return await db.Businesses.AnyAsync(b => b.TwilioNumber == number.E164 && b.SuspendedAt == null, context.RequestAborted);
    }
}
