using AgentLocator.Api.Account;
using AgentLocator.Api.Accounts;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace AgentLocator.Api.Admin;

/// <summary><c>enabled</c>: what is switched on for the whole business; <c>plan</c>: what its plan includes, the most it may switch on.</summary>
public sealed record BusinessFeaturesResponse(IReadOnlyList<string> Enabled, IReadOnlyList<string> Plan);

public sealed record FeaturesRequest(IReadOnlyList<string>? Features);

public sealed record AdminUserResponse(
    Guid Id, string Email, string DisplayName, string Role, IReadOnlyList<string>? FeatureLimits, IReadOnlyList<string> EffectiveFeatures,
    string Status = Accounts.UserStatuses.Active, string? Phone = null);

/// <summary>
/// A business admin's controls over feature access, inside the plan the operator set: an admin narrows, never widens.
/// Changes go through the business's grain, which every feature check reads.
/// </summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").RequireAuthorization(AuthorizationPolicies.Admin).WithTags("Admin");
        admin.MapGet("/features", GetFeaturesAsync).WithSummary("The business's switched-on features and what its plan includes.");
        admin.MapPut("/features", SetFeaturesAsync).WithSummary("Switch the business's features; 409 for one its plan does not include.");
        admin.MapGet("/users", ListUsersAsync).WithSummary("The business's users with their role, status (active or disabled) and feature limits.");
        admin.MapPut("/users/{id:guid}/features", SetUserFeaturesAsync).WithSummary("Narrow a user's features (null: all the business has on); 409 for one the plan does not include.");
        return app;
    }

    public static async Task<Ok<BusinessFeaturesResponse>> GetFeaturesAsync(HttpContext context, IGrainFactory grains)
    {
        var business = Business(context, grains);
        return TypedResults.Ok(new BusinessFeaturesResponse(await business.GetEnabledFeatures(), await business.GetPlanFeatures()));
    }

    public static async Task<Results<Ok<BusinessFeaturesResponse>, ValidationProblem, ProblemHttpResult>> SetFeaturesAsync(
        FeaturesRequest request, HttpContext context, IGrainFactory grains, IConnectionMultiplexer redis, MeCache me, ILogger<MeCache> logger)
    {
        if (request.Features is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["features"] = ["features is required (an array, possibly empty)."] });
        }
        if (UnknownFeatures(request.Features) is { } errors)
        {
            return errors;
        }
        var business = Business(context, grains);
        var change = await business.SetEnabledFeatures(request.Features);
        if (!change.Saved)
        {
            return OutsidePlan(change.OutsidePlan);
        }
        await BusinessChanges.AnnounceAsync(redis, me, context.User.GetBusinessId(), logger);
        return TypedResults.Ok(new BusinessFeaturesResponse(change.Features!, await business.GetPlanFeatures()));
    }

    public static async Task<Ok<List<AdminUserResponse>>> ListUsersAsync(
        HttpContext context, AgentLocatorDbContext db, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var business = Business(context, grains);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync(cancellationToken);
        var result = new List<AdminUserResponse>(users.Count);
        foreach (var user in users)
        {
            result.Add(new(user.Id, user.Email, user.DisplayName, user.Role, user.FeatureLimits, await business.GetEffectiveFeatures(user.Id),
                Accounts.UserStatuses.Of(user), user.Phone));
        }
        return TypedResults.Ok(result);
    }

    public static async Task<Results<Ok<AdminUserResponse>, ValidationProblem, ProblemHttpResult>> SetUserFeaturesAsync(
        Guid id, FeaturesRequest request, HttpContext context, AgentLocatorDbContext db, IGrainFactory grains,
        IConnectionMultiplexer redis, MeCache me, ILogger<MeCache> logger, CancellationToken cancellationToken)
    {
        if (request.Features is not null && UnknownFeatures(request.Features) is { } errors)
        {
            return errors;
        }
        var business = Business(context, grains);
        var change = await business.SetUserFeatureLimits(id, request.Features);
        if (!change.Found)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "User not found.");
        }
        if (!change.Saved)
        {
            return OutsidePlan(change.OutsidePlan);
        }
        await BusinessChanges.AnnounceAsync(redis, me, context.User.GetBusinessId(), logger);
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == id, cancellationToken);
        return TypedResults.Ok(new AdminUserResponse(user.Id, user.Email, user.DisplayName, user.Role, user.FeatureLimits,
            await business.GetEffectiveFeatures(user.Id)));
    }

    private static IBusinessGrain Business(HttpContext context, IGrainFactory grains) =>
        grains.GetGrain<IBusinessGrain>(context.User.GetBusinessId());

    /// <summary>409: the request is well formed but conflicts with the plan; <c>features</c> names what the plan lacks.</summary>
    private static ProblemHttpResult OutsidePlan(IReadOnlyList<string> features) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        type: OutsidePlanProblemType,
        title: "The business's plan does not include this feature.",
        detail: $"Not in the plan: {string.Join(", ", features)}. An admin can only narrow what the plan includes; the operator changes plans.",
        extensions: new Dictionary<string, object?> { ["features"] = features });

    public const string OutsidePlanProblemType = "https://agentlocator.app/problems/feature-not-in-plan";

    private static ValidationProblem? UnknownFeatures(IEnumerable<string> features)
    {
        var unknown = features.Where(name => !FeatureNames.TryParse(name, out _)).ToList();
        return unknown.Count == 0 ? null : TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            ["features"] = [$"Unknown feature(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", FeatureNames.All)}."],
        });
    }
}
