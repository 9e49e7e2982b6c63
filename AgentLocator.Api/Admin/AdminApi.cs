using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Admin;

public sealed record PlanFeaturesResponse(IReadOnlyList<string> Plan, IReadOnlyList<string> Available);

public sealed record FeaturesRequest(IReadOnlyList<string>? Features);

public sealed record AdminUserResponse(
    Guid Id, string Email, string DisplayName, string Role, IReadOnlyList<string>? FeatureLimits, IReadOnlyList<string> EffectiveFeatures);

/// <summary>A business admin's controls over feature access. Changes go through the business's grain, which every feature check reads.</summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").RequireAuthorization(AuthorizationPolicies.Admin).WithTags("Admin");
        admin.MapGet("/features", GetPlanAsync).WithSummary("The business's plan features.");
        admin.MapPut("/features", SetPlanAsync).WithSummary("Replace the business's plan features.");
        admin.MapGet("/users", ListUsersAsync).WithSummary("The business's users with their feature limits.");
        admin.MapPut("/users/{id:guid}/features", SetUserFeaturesAsync).WithSummary("Narrow a user's features (null: the whole plan).");
        return app;
    }

    public static async Task<Ok<PlanFeaturesResponse>> GetPlanAsync(HttpContext context, IGrainFactory grains) =>
        TypedResults.Ok(new PlanFeaturesResponse(await Business(context, grains).GetPlanFeatures(), FeatureNames.All));

    public static async Task<Results<Ok<PlanFeaturesResponse>, ValidationProblem>> SetPlanAsync(
        FeaturesRequest request, HttpContext context, IGrainFactory grains)
    {
        if (request.Features is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["features"] = ["features is required (an array, possibly empty)."] });
        }
        if (UnknownFeatures(request.Features) is { } errors)
        {
            return errors;
        }
        var plan = await Business(context, grains).SetPlanFeatures(request.Features);
        return TypedResults.Ok(new PlanFeaturesResponse(plan, FeatureNames.All));
    }

    public static async Task<Ok<List<AdminUserResponse>>> ListUsersAsync(
        HttpContext context, AgentLocatorDbContext db, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var business = Business(context, grains);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync(cancellationToken);
        var result = new List<AdminUserResponse>(users.Count);
        foreach (var user in users)
        {
            result.Add(new(user.Id, user.Email, user.DisplayName, user.Role, user.FeatureLimits, await business.GetEffectiveFeatures(user.Id)));
        }
        return TypedResults.Ok(result);
    }

    public static async Task<Results<Ok<AdminUserResponse>, ValidationProblem, ProblemHttpResult>> SetUserFeaturesAsync(
        Guid id, FeaturesRequest request, HttpContext context, AgentLocatorDbContext db, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (request.Features is not null && UnknownFeatures(request.Features) is { } errors)
        {
            return errors;
        }
        var business = Business(context, grains);
        if (!await business.SetUserFeatureLimits(id, request.Features))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "User not found.");
        }
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == id, cancellationToken);
        return TypedResults.Ok(new AdminUserResponse(user.Id, user.Email, user.DisplayName, user.Role, user.FeatureLimits,
            await business.GetEffectiveFeatures(user.Id)));
    }

    private static IBusinessGrain Business(HttpContext context, IGrainFactory grains) =>
        grains.GetGrain<IBusinessGrain>(context.User.GetBusinessId());

    private static ValidationProblem? UnknownFeatures(IEnumerable<string> features)
    {
        var unknown = features.Where(name => !FeatureNames.TryParse(name, out _)).ToList();
        return unknown.Count == 0 ? null : TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            ["features"] = [$"Unknown feature(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", FeatureNames.All)}."],
        });
    }
}
