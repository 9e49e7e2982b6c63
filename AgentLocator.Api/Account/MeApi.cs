using System.Security.Claims;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Account;

public sealed record BusinessResponse(Guid Id, string Name, string TimeZone, string? TwilioNumber);

public sealed record MeResponse(UserResponse User, BusinessResponse Business, IReadOnlyList<string> Features);

public static class MeApi
{
    public static IEndpointRouteBuilder MapMeApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", GetMeAsync).RequireAuthorization().WithTags("Me")
            .WithSummary("The signed-in user, their business, and the features they may use.");
        return app;
    }

    /// <summary>
    /// The user from the token's claims (its session is checked live on every request, ActiveSessionCheck), the
    /// business and features from <see cref="MeCache"/>: a warm call touches neither Postgres nor the grain.
    /// The context and the grain factory are resolved only on a miss: building an unused DbContext per request was
    /// a tenth of a warm call's CPU (bench/RESULTS.md, "mefast").
    /// </summary>
    public static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> GetMeAsync(
        HttpContext context, MeCache cache, CancellationToken cancellationToken)
    {
        var principal = context.User;
        var (userId, businessId) = (principal.GetUserId(), principal.GetBusinessId());
        var user = new UserResponse(userId, principal.FindFirstValue(AgentClaims.Email) ?? "",
            principal.FindFirstValue(AgentClaims.Name) ?? "", principal.FindFirstValue(AgentClaims.Role) ?? "", businessId);
        if (cache.Find(businessId, userId) is not { } entry)
        {
            var generation = cache.Generation;
            var db = context.RequestServices.GetRequiredService<AgentLocatorDbContext>();
            var business = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.BusinessId == businessId)
                .Select(u => new BusinessResponse(u.Business!.Id, u.Business.Name, u.Business.TimeZone, u.Business.TwilioNumber))
                .SingleOrDefaultAsync(cancellationToken);
            if (business is null)
            {
                // The token outlived its user (deleted or moved): the client must sign in again.
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "This account no longer exists.");
            }
            // From the business's grain, the same source every feature gate reads.
            var grains = context.RequestServices.GetRequiredService<IGrainFactory>();
            var features = await grains.GetGrain<IBusinessGrain>(businessId).GetEffectiveFeatures(userId);
            entry = cache.Remember(businessId, userId, business, features, generation);
        }
        return TypedResults.Ok(new MeResponse(user, entry.Business, entry.Features));
    }
}
