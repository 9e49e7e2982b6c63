using System.Diagnostics;
using AgentLocator.Api.Infrastructure.Text;
using Microsoft.AspNetCore.Diagnostics;

namespace AgentLocator.Api.Infrastructure.Hosting;

/// <summary>Every error leaves as <c>application/problem+json</c>: client mistakes with their reason, server faults without internals.</summary>
public static class ProblemResponses
{
    public static IServiceCollection AddProblemResponses(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions.TryAdd("traceId", Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
        });
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddSingleton<UnsupportedMediaTypes>();
        // Unreadable bodies throw to the handler below in every environment (by default only Development does), so
        // Production answers with the same reason, e.g. which field holds text that cannot be stored.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }
}

/// <summary>Malformed JSON or a wrong content type is the client's mistake (400/415), not a 500.</summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }
        context.Response.StatusCode = badRequest.StatusCode;
        if (badRequest.InnerException is UnstorableTextJsonException unstorable)
        {
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]>
                {
                    [unstorable.Field] = [StorableText.Message(unstorable.Field, unstorable.Problem)],
                })
                {
                    Status = badRequest.StatusCode,
                    Title = StorableTextRequests.Title,
                },
            });
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = badRequest.StatusCode,
                Title = "The request could not be read.",
                Detail = badRequest.InnerException is System.Text.Json.JsonException json
                    ? $"The JSON body is malformed: {json.Message}"
                    : badRequest.Message,
            },
        });
    }
}
