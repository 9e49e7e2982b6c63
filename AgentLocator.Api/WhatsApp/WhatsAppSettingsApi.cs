using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Infrastructure.Entitlements;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Features;
using AgentLocator.Grains.WhatsApp;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.WhatsApp;

/// <summary>The business's WhatsApp sender number (Twilio's WhatsApp-enabled number), set by an admin.</summary>
public sealed record WhatsAppSettingsRequest(string? SenderNumber);

public sealed record WhatsAppSettingsResponse(string? SenderNumber, bool SendingConfigured);

public static class WhatsAppSettingsApi
{
    public static IEndpointRouteBuilder MapWhatsAppSettingsApi(this IEndpointRouteBuilder app)
    {
        var settings = app.MapGroup("/api/whatsapp/settings")
            .RequireAuthorization(AuthorizationPolicies.Admin)
            .WithTags("WhatsApp");
        settings.MapGet("/", GetAsync).WithSummary("The business's WhatsApp sender number, and whether Twilio sending is configured.");
        settings.MapPut("/", SetAsync).WithSummary("Set (or clear with null) the business's WhatsApp sender number, in any phone format.");
        return app;
    }

    public static async Task<Ok<WhatsAppSettingsResponse>> GetAsync(HttpContext context, AgentLocatorDbContext db, IWhatsAppSender sender,
        CancellationToken cancellationToken)
    {
        var business = context.User.GetBusinessId();
        var number = await db.Businesses.Where(b => b.Id == business).Select(b => b.WhatsAppNumber).SingleOrDefaultAsync(cancellationToken);
        return TypedResults.Ok(new WhatsAppSettingsResponse(number, sender.IsConfigured));
    }

    public static async Task<Results<Ok<WhatsAppSettingsResponse>, ValidationProblem, ProblemHttpResult>> SetAsync(
        WhatsAppSettingsRequest request, HttpContext context, IGrainFactory grains, IWhatsAppSender sender)
    {
        string? number = null;
        if (!string.IsNullOrWhiteSpace(request.SenderNumber) && !WhatsAppAddresses.TryNumber(request.SenderNumber, out number))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["senderNumber"] = ["senderNumber is not a phone number."] });
        }
        if (!await grains.GetGrain<IBusinessGrain>(context.User.GetBusinessId()).SetWhatsAppNumber(number))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Another business already uses this WhatsApp number.");
        }
        return TypedResults.Ok(new WhatsAppSettingsResponse(number, sender.IsConfigured));
    }
}
