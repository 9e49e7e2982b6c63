using AgentLocator.Api.Accounts;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Integrations.Twilio;
using AgentLocator.Api.WhatsApp;
using AgentLocator.Grains.Audit;
using AgentLocator.Grains.Customers;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Invoices;
using AgentLocator.Grains.Timeline;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Invoices;

/// <summary>Send an issued document's link: <c>channel</c> is <c>sms</c> (the default) or <c>whatsapp</c>; <c>phone</c> defaults to the customer's.</summary>
public sealed record DocumentSendRequest(string? Channel, string? Phone);

public sealed record DocumentSendResponse(string Channel, string To, DateTimeOffset ExpiresAt);

/// <summary>
/// <c>POST /api/invoices/documents/{id}/send</c>: a new public link to the issued document goes to the customer by SMS
/// (Twilio's Messages API, from the business's number or <c>Twilio:SmsFrom</c>) or by WhatsApp (checked as the signing links
/// are, by <see cref="WhatsAppLinks"/>: the user's <c>whatsapp</c> feature, the business's sender, the customer's 24-hour
/// window), and the send is an <c>invoice</c> event on the customer's timeline ("sent") and an audit row. Both are written
/// only once Twilio took the message.
/// </summary>
public static class DocumentSending
{
    public const string Sms = "sms";
    public const string WhatsApp = "whatsapp";

    public static RouteGroupBuilder MapDocumentSending(this RouteGroupBuilder invoices)
    {
        invoices.MapPost("/documents/{id:guid}/send", SendAsync)
            .WithSummary("Send the issued document's link to the customer by SMS (default) or WhatsApp (feature whatsapp, inside the 24-hour window).");
        return invoices;
    }

    public static async Task<Results<Ok<DocumentSendResponse>, ProblemHttpResult>> SendAsync(Guid id, DocumentSendRequest request,
        HttpContext context, AgentLocatorDbContext db, TwilioSmsSender sms, WhatsAppLinks whatsApp, IGrainFactory grains, IConfiguration configuration,
        TimeProvider clock, IAuditLog audit, CancellationToken cancellationToken)
    {
        var channel = string.IsNullOrEmpty(request.Channel) ? Sms : request.Channel;
        if (channel is not (Sms or WhatsApp))
        {
            return Invalid("channel", "channel is sms or whatsapp.");
        }
        if (channel == WhatsApp && await WhatsAppLinks.FeatureRefusalAsync(context, grains) is { } off)
        {
            return off;
        }
        var document = await db.TaxDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (document is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Document not found.");
        }
        if (document.Status != TaxDocumentStatuses.Issued)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Only an issued document is sent to a customer.");
        }
        var phoneText = string.IsNullOrWhiteSpace(request.Phone)
            ? await db.Customers.AsNoTracking().Where(c => c.Id == document.CustomerId).Select(c => c.Phone).FirstOrDefaultAsync(cancellationToken)
            : request.Phone;
        if (!Phones.TryNormalize(phoneText, out var phone))
        {
            return Invalid("phone", phoneText is null ? "The customer has no phone number; give one." : "phone is not a valid phone number.");
        }
        var business = await db.Businesses.AsNoTracking().Where(b => b.Id == document.BusinessId).Select(b => new { b.Name, b.TwilioNumber })
            .SingleAsync(cancellationToken);
        var from = business.TwilioNumber ?? sms.DefaultFrom;
        if (channel == Sms && (!sms.IsConfigured || from is null))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "SMS is not set up for this business; copy the link instead.");
        }
        if (channel == WhatsApp
            && await whatsApp.RefusalAsync(db, document.BusinessId, [(document.CustomerName, phone.E164)], cancellationToken) is { } refused)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: refused);
        }

        var link = await PublicDocumentLinks.CreateAsync(db, document, context.User.GetUserId(), clock, cancellationToken);
        var url = InvitationsApi.PublicBase(configuration, context).TrimEnd('/') + link.Url;
        var body = $"{business.Name}: {TaxDocumentTypes.Hebrew(document.Type)} {document.Number} — {url}";
        if (channel == Sms && await sms.SendAsync(from!, phone.E164, body, cancellationToken) is { } problem)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The SMS was not sent.", detail: problem);
        }
        if (channel == WhatsApp && await whatsApp.SendAsync(db, document.BusinessId, phone.E164, body, cancellationToken) is { } explained)
        {
            // Twilio's refusal in the words the WhatsApp thread uses for the same code.
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "הקישור לא נשלח ב-WhatsApp.", detail: explained);
        }
        InvoiceTimelineEvents.Sent(db, document, clock.GetUtcNow(), context.User.GetUserId(), context.User.Identity?.Name,
            channel == WhatsApp ? "WhatsApp" : "SMS", phone.Display);
        audit.Record(db, AuditActions.TaxDocumentSent, TaxDocumentWriter.AuditTargetOf(document), new { channel, to = phone.E164 });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new DocumentSendResponse(channel, phone.E164, link.ExpiresAt));
    }

    private static ProblemHttpResult Invalid(string field, string message) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The send is not valid.",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });
}
