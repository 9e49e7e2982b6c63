using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Infrastructure.Entitlements;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Features;
using AgentLocator.Grains.WhatsApp;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.WhatsApp;

/// <summary>
/// The business's WhatsApp sender number (Twilio's WhatsApp-enabled number), set by an admin, and the business's own
/// templates (offered when the Twilio account lists none); <c>templates</c> left out keeps the current list.
/// </summary>
public sealed record WhatsAppSettingsRequest(string? SenderNumber, IReadOnlyList<WhatsAppTemplateSetting>? Templates = null);

public sealed record WhatsAppSettingsResponse(string? SenderNumber, bool SendingConfigured, IReadOnlyList<WhatsAppTemplate> Templates);

public static class WhatsAppSettingsApi
{
    public static IEndpointRouteBuilder MapWhatsAppSettingsApi(this IEndpointRouteBuilder app)
    {
        var settings = app.MapGroup("/api/whatsapp/settings")
            .RequireAuthorization(AuthorizationPolicies.Admin)
            .WithTags("WhatsApp");
        settings.MapGet("/", GetAsync).WithSummary("The business's WhatsApp sender number, its own templates, and whether Twilio sending is configured.");
        settings.MapPut("/", SetAsync)
            .WithSummary("Set (or clear with null) the business's WhatsApp sender number, in any phone format; and, when given, replace its own templates.");
        return app;
    }

    public static async Task<Ok<WhatsAppSettingsResponse>> GetAsync(HttpContext context, AgentLocatorDbContext db, IWhatsAppSender sender,
        CancellationToken cancellationToken)
    {
        var business = context.User.GetBusinessId();
        var stored = await db.Businesses.Where(b => b.Id == business).Select(b => new { b.WhatsAppNumber, b.WhatsAppTemplatesJson }).SingleAsync(cancellationToken);
        return TypedResults.Ok(new WhatsAppSettingsResponse(stored.WhatsAppNumber, sender.IsConfigured, WhatsAppTemplates.Parse(stored.WhatsAppTemplatesJson)));
    }

    public static async Task<Results<Ok<WhatsAppSettingsResponse>, ValidationProblem, ProblemHttpResult>> SetAsync(
        WhatsAppSettingsRequest request, HttpContext context, IGrainFactory grains, IWhatsAppSender sender, WhatsAppTemplateCatalog catalog,
        AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        string? number = null;
        var errors = request.Templates is { } templates ? WhatsAppTemplates.Validate(templates) : [];
        if (!string.IsNullOrWhiteSpace(request.SenderNumber) && !WhatsAppAddresses.TryNumber(request.SenderNumber, out number))
        {
            errors["senderNumber"] = ["senderNumber is not a phone number."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var businessId = context.User.GetBusinessId();
        var business = grains.GetGrain<IBusinessGrain>(businessId);
        if (!await business.SetWhatsAppNumber(number))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Another business already uses this WhatsApp number.");
        }
        if (request.Templates is { } replaced)
        {
            await business.SetWhatsAppTemplates(WhatsAppTemplates.Serialize(replaced));
            catalog.Forget(businessId);
        }
        var json = await db.Businesses.Where(b => b.Id == businessId).Select(b => b.WhatsAppTemplatesJson).SingleAsync(cancellationToken);
        return TypedResults.Ok(new WhatsAppSettingsResponse(number, sender.IsConfigured, WhatsAppTemplates.Parse(json)));
    }
}
