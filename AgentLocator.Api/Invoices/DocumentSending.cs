using AgentLocator.Api.Accounts;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Integrations.Twilio;
using AgentLocator.Grains.Audit;
using AgentLocator.Grains.Customers;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Invoices;
using AgentLocator.Grains.Timeline;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Invoices;

/// <summary>Send an issued document's link: <c>channel</c> is <c>sms</c>; <c>phone</c> defaults to the customer's.</summary>
public sealed record DocumentSendRequest(string? Channel, string? Phone);

public sealed record DocumentSendResponse(string Channel, string To, DateTimeOffset ExpiresAt);

/// <summary>
/// <c>POST /api/invoices/documents/{id}/send</c>: a new public link to the issued document goes to the customer by SMS
/// (Twilio's Messages API, from the business's number or <c>Twilio:SmsFrom</c>), and the send is an <c>invoice</c> event on
/// the customer's timeline ("sent"), which is the document's history of sends. The event is written only once Twilio took
/// the message. WhatsApp is not offered here yet: a business-initiated WhatsApp message needs an approved template.
/// </summary>
public static class DocumentSending
{
    public const string Sms = "sms";

    public static RouteGroupBuilder MapDocumentSending(this RouteGroupBuilder invoices)
    {
        invoices.MapPost("/documents/{id:guid}/send", SendAsync).WithSummary("Send the issued document's link to the customer by SMS.");
        return invoices;
    }

    public static async Task<Results<Ok<DocumentSendResponse>, ProblemHttpResult>> SendAsync(Guid id, DocumentSendRequest request,
        HttpContext context, AgentLocatorDbContext db, TwilioSmsSender sms, IConfiguration configuration, TimeProvider clock,
        IAuditLog audit, CancellationToken cancellationToken)
    {
        if (request.Channel != Sms)
        {
            return Invalid("channel", "channel is sms.");
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
        if (!sms.IsConfigured || from is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "SMS is not set up for this business; copy the link instead.");
        }

        var link = await PublicDocumentLinks.CreateAsync(db, document, context.User.GetUserId(), clock, cancellationToken);
        var url = InvitationsApi.PublicBase(configuration, context).TrimEnd('/') + link.Url;
        var body = $"{business.Name}: {TaxDocumentTypes.Hebrew(document.Type)} {document.Number} — {url}";
        if (await sms.SendAsync(from, phone.E164, body, cancellationToken) is { } problem)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The SMS was not sent.", detail: problem);
        }
        InvoiceTimelineEvents.Sent(db, document, clock.GetUtcNow(), context.User.GetUserId(), context.User.Identity?.Name, "SMS", phone.Display);
        audit.Record(db, AuditActions.TaxDocumentSent, TaxDocumentWriter.AuditTargetOf(document), new { channel = Sms, to = phone.E164 });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new DocumentSendResponse(Sms, phone.E164, link.ExpiresAt));
    }

    private static ProblemHttpResult Invalid(string field, string message) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The send is not valid.",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });
}
