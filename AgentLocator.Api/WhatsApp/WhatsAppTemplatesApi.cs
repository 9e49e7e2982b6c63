using AgentLocator.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLocator.Api.WhatsApp;

/// <summary><c>GET /api/whatsapp/templates</c>: what the composer offers when the 24-hour window is closed (feature <c>whatsapp</c>).</summary>
public static class WhatsAppTemplatesApi
{
    public static IEndpointRouteBuilder MapWhatsAppTemplatesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/whatsapp/templates", ListAsync).RequireAuthorization().WithTags("WhatsApp")
            .WithSummary("The business's approved templates: the Twilio account's (Content API), else the ones an admin configured.");
        return app;
    }

    public static async Task<Ok<WhatsAppTemplateList>> ListAsync(HttpContext context, WhatsAppTemplateCatalog catalog, CancellationToken cancellationToken) =>
        TypedResults.Ok(await catalog.ForBusinessAsync(context.User.GetBusinessId(), cancellationToken));
}
