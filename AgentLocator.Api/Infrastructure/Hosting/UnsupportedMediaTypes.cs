using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Net.Http.Headers;

namespace AgentLocator.Api.Infrastructure.Hosting;

/// <summary>
/// Routing drops an endpoint whose body type (JSON, multipart) the request's <c>Content-Type</c> does not match, and
/// answers 415 only when nothing else is left. Our catch-all 404 fallbacks accept anything, so without this a JSON
/// route called with <c>text/plain</c> would answer "not found" for a route that exists. The fallbacks ask here first.
/// </summary>
public sealed class UnsupportedMediaTypes(EndpointDataSource endpoints, ParameterPolicyFactory policies)
{
    private sealed record BodyRoute(RoutePattern Pattern, TemplateMatcher Matcher, IReadOnlyList<string> Methods, IReadOnlyList<string> ContentTypes);

    private IReadOnlyList<BodyRoute>? routes;

    /// <summary>The content types the request's route takes, when it exists for this method but refused the type sent (null: a real 404).</summary>
    public IReadOnlyList<string>? AcceptedInstead(HttpContext context)
    {
        // No Content-Type at all is refused too: routing then offers only the endpoints that accept anything, our fallbacks.
        var sentType = MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var parsed) ? parsed : null;
        foreach (var route in routes ??= BodyRoutes())
        {
            if (route.Methods.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase) && Matches(route, context)
                && !route.ContentTypes.Any(accepted => sentType is not null && sentType.IsSubsetOf(MediaTypeHeaderValue.Parse(accepted))))
            {
                return route.ContentTypes;
            }
        }
        return null;
    }

    /// <summary>A 415 naming the accepted types when the route exists, else the fallback's own 404.</summary>
    public static IResult NotFound(HttpContext context, string? detail = null) =>
        context.RequestServices.GetRequiredService<UnsupportedMediaTypes>().AcceptedInstead(context) is { } accepted
            ? TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type.",
                detail: $"Send the body as {string.Join(" or ", accepted)} (it was sent as {context.Request.ContentType ?? "no content type"}).")
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: detail);

    private bool Matches(BodyRoute route, HttpContext context)
    {
        var values = new RouteValueDictionary();
        if (!route.Matcher.TryMatch(context.Request.Path, values))
        {
            return false;
        }
        foreach (var (name, references) in route.Pattern.ParameterPolicies)
        {
            var parameter = route.Pattern.GetParameter(name);
            foreach (var reference in references)
            {
                if (policies.Create(parameter, reference) is IRouteConstraint constraint
                    && !constraint.Match(context, null, name, values, RouteDirection.IncomingRequest))
                {
                    return false;
                }
            }
        }
        return true;
    }

    /// <summary>Every route that reads a typed body, fallbacks (the catch-alls at the very end of the order) aside.</summary>
    private IReadOnlyList<BodyRoute> BodyRoutes() =>
    [
        .. endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Order != int.MaxValue)
            .Select(endpoint => (endpoint, methods: endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods,
                types: endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes))
            .Where(route => route.methods is { Count: > 0 } && route.types is { Count: > 0 })
            .Select(route => new BodyRoute(route.endpoint.RoutePattern,
                new TemplateMatcher(new RouteTemplate(route.endpoint.RoutePattern), new RouteValueDictionary(route.endpoint.RoutePattern.Defaults)),
                route.methods!, route.types!)),
    ];
}
