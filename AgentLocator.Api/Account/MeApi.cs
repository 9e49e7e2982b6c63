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

    public static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> GetMeAsync(
        HttpContext context, AgentLocatorDbContext db, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var userId = context.User.GetUserId();
        var user = await db.Users.AsNoTracking().Include(u => u.Business)
            .SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user?.Business is null)
        {
            // The token outlived its user (deleted or moved): the client must sign in again.
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "This account no longer exists.");
        }
        var business = user.Business;
        return TypedResults.Ok(new MeResponse(
            UserResponse.From(user),
            new BusinessResponse(business.Id, business.Name, business.TimeZone, business.TwilioNumber),
            // From the business's grain, the same source every feature gate reads.
            await grains.GetGrain<IBusinessGrain>(business.Id).GetEffectiveFeatures(user.Id)));
    }
}
