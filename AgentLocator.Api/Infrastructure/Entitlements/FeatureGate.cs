using System.Collections.Concurrent;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Infrastructure.Hosting;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Features;
using Microsoft.AspNetCore.Authentication;

namespace AgentLocator.Api.Infrastructure.Entitlements;

/// <summary>Applies <see cref="RouteFeatures.Table"/>: the one place that says which feature each route needs.</summary>
public static class FeatureGate
{
    public const string ProblemType = "https://agentlocator.app/problems/feature-disabled";

    /// <summary>
    /// Runs after authorization and before the endpoint binds its parameters, so a disabled feature answers the
    /// same 403 whatever the request body holds. A route the table does not list is refused: deciding its feature
    /// is part of adding it.
    /// </summary>
    public static IApplicationBuilder UseFeatureGate(this IApplicationBuilder app)
    {
        var rows = new ConcurrentDictionary<Endpoint, RouteAccess?>();
        return app.Use(async (context, next) =>
        {
            if (context.GetEndpoint() is not RouteEndpoint endpoint)
            {
                await next(context);
                return;
            }
            var row = rows.GetOrAdd(endpoint, e => RouteFeatures.Find(((RouteEndpoint)e).RoutePattern.RawText));
            if (row is null)
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FeatureGate))
                    .LogError("Route {Pattern} is not in the route feature table; refused.", endpoint.RoutePattern.RawText);
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "This route is not available.").ExecuteAsync(context);
                return;
            }
            if (row.Feature is not { } feature)
            {
                await next(context);
                return;
            }
            if (context.User.Identity?.IsAuthenticated != true)
            {
                await context.ChallengeAsync();
                return;
            }
            if (await HasFeatureAsync(context, feature))
            {
                await next(context);
                return;
            }
            await WriteDisabledAsync(context.Response, feature);
        });
    }

    public static async Task<bool> HasFeatureAsync(HttpContext context, Feature feature)
    {
        var grains = context.RequestServices.GetRequiredService<IGrainFactory>();
        var features = await grains.GetGrain<IBusinessGrain>(context.User.GetBusinessId()).GetEffectiveFeatures(context.User.GetUserId());
        return features.Contains(feature.ToName());
    }

    /// <summary>One body for every gated route: only the feature's name differs (no trace id, so it is byte-identical).</summary>
    public static object DisabledProblem(Feature feature) => new
    {
        type = ProblemType,
        title = "This feature is not enabled.",
        status = StatusCodes.Status403Forbidden,
        detail = $"The '{feature.ToName()}' feature is not enabled for your account. An administrator can enable it.",
        feature = feature.ToName(),
    };

    private static Task WriteDisabledAsync(HttpResponse response, Feature feature)
    {
        response.StatusCode = StatusCodes.Status403Forbidden;
        return response.WriteAsJsonAsync(DisabledProblem(feature), (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    /// <summary>
    /// Every path under a gated area is gated, including ones not built yet: those answer 404 to users who have the
    /// feature and the uniform 403 to users who do not, never another tenant's data or a 500.
    /// </summary>
    public static IEndpointRouteBuilder MapFeatureFallbacks(this IEndpointRouteBuilder app)
    {
        foreach (var area in RouteFeatures.GatedAreas)
        {
            app.MapGroup(area.AreaPrefix).RequireAuthorization()
                .MapFallback("{**rest}", (HttpContext context) => UnsupportedMediaTypes.NotFound(context, "There is no such resource in this area."))
                .ExcludeFromDescription();
        }
        return app;
    }
}
