using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Infrastructure.Hosting;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Features;

namespace AgentLocator.Api.Infrastructure.Entitlements;

/// <summary>Endpoint metadata: this route belongs to a feature the caller must have.</summary>
public sealed record RequiresFeatureMetadata(Feature Feature);

public static class FeatureGate
{
    public const string ProblemType = "https://agentlocator.app/problems/feature-disabled";

    /// <summary>Which URL prefix each feature owns; every route under it must carry that feature's gate.</summary>
    public static readonly IReadOnlyDictionary<Feature, string> RoutePrefixes = new Dictionary<Feature, string>
    {
        [Feature.Crm] = "/api/crm",
        [Feature.Calls] = "/api/calls",
        [Feature.WhatsApp] = "/api/whatsapp",
        [Feature.Contracts] = "/api/contracts",
        [Feature.Invoices] = "/api/invoices",
        [Feature.Signatures] = "/api/signatures",
    };

    /// <summary>Gates a route or group: authenticated, and the feature in the caller's effective set.</summary>
    public static TBuilder RequireFeature<TBuilder>(this TBuilder builder, Feature feature) where TBuilder : IEndpointConventionBuilder
    {
        builder.RequireAuthorization();
        return builder.WithMetadata(new RequiresFeatureMetadata(feature));
    }

    /// <summary>
    /// Runs after authorization and before the endpoint binds its parameters, so a disabled feature answers the
    /// same 403 whatever the request body holds.
    /// </summary>
    public static IApplicationBuilder UseFeatureGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var required = context.GetEndpoint()?.Metadata.GetMetadata<RequiresFeatureMetadata>();
        if (required is null || context.User.Identity?.IsAuthenticated != true
            || await HasFeatureAsync(context, required.Feature))
        {
            await next(context);
            return;
        }
        await WriteDisabledAsync(context.Response, required.Feature);
    });

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
    /// Every path under a feature's prefix is gated, including ones not built yet: those answer 404 to users who
    /// have the feature and the uniform 403 to users who do not, never another tenant's data or a 500.
    /// </summary>
    public static IEndpointRouteBuilder MapFeatureFallbacks(this IEndpointRouteBuilder app)
    {
        foreach (var (feature, prefix) in RoutePrefixes)
        {
            app.MapGroup(prefix).RequireFeature(feature)
                .MapFallback("{**rest}", (HttpContext context) => UnsupportedMediaTypes.NotFound(context, "There is no such resource in this area."))
                .ExcludeFromDescription();
        }
        return app;
    }
}
