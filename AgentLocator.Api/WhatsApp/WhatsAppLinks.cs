using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Features;
using AgentLocator.Grains.WhatsApp;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.WhatsApp;

/// <summary>
/// A link (to sign, to a tax document) sent as WhatsApp free text, the same way wherever it is sent from: offered only to a
/// user with the <c>whatsapp</c> feature, only from the business's WhatsApp sender, and only to someone who wrote to the
/// business in the last 24 hours (outside that window Twilio needs an approved template, and a link is not one).
/// </summary>
public sealed class WhatsAppLinks(IWhatsAppSender whatsApp, IGrainFactory grains, TimeProvider clock)
{
    public const string NoSender = "לעסק אין מספר WhatsApp לשליחה; שלחו ב-SMS או העתיקו את הקישור.";

    private const string WindowClosed = "הודעה חופשית נשלחת רק למי שכתב/ה לעסק ב-WhatsApp ב-24 השעות האחרונות. שלחו ב-SMS או העתיקו את הקישור.";

    /// <summary>The uniform 403 when the user lacks the business's <c>whatsapp</c> feature; null when they have it.</summary>
    public static async Task<ProblemHttpResult?> FeatureRefusalAsync(HttpContext context, IGrainFactory grains)
    {
        var features = await grains.GetGrain<IBusinessGrain>(context.User.GetBusinessId()).GetEffectiveFeatures(context.User.GetUserId());
        return features.Contains(Feature.WhatsApp.ToName())
            ? null
            : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "This feature is not enabled for you.");
    }

    /// <summary>
    /// Why the link cannot go by WhatsApp to these recipients now, in Hebrew for the agent (a 422), naming the first one whose
    /// window is closed; null when it can. Phones are E.164, as the inbound webhook stores the sender.
    /// </summary>
    public async Task<string?> RefusalAsync(AgentLocatorDbContext db, Guid businessId, IReadOnlyList<(string Name, string Phone)> recipients,
        CancellationToken cancellationToken)
    {
        var sender = await db.Businesses.AsNoTracking().Where(b => b.Id == businessId).Select(b => b.WhatsAppNumber).SingleAsync(cancellationToken);
        if (sender is null || !whatsApp.IsConfigured)
        {
            return NoSender;
        }
        var now = clock.GetUtcNow();
        foreach (var (name, phone) in recipients)
        {
            var lastInbound = await db.WhatsAppMessages.AsNoTracking()
                .Where(m => m.Direction == WhatsAppDirection.Inbound && m.From == phone)
                .MaxAsync(m => (DateTimeOffset?)m.CreatedAt, cancellationToken);
            if (!WhatsAppWindow.IsOpen(lastInbound, now))
            {
                return $"אי אפשר לשלוח ל{name} קישור ב-WhatsApp: {WindowClosed}";
            }
        }
        return null;
    }

    /// <summary>
    /// Sends <paramref name="body"/> to <paramref name="to"/> as a message of the customer's WhatsApp thread, through the
    /// thread's writer as an agent's message goes: stored first, on the customer's timeline, live in the inbox, its delivery
    /// ticks following Twilio's callbacks, retryable from the thread. Null when Twilio took it, else why not in Hebrew.
    /// <paramref name="userId"/>: the agent it is sent for (null: sent by the system).
    /// </summary>
    public async Task<string?> SendInThreadAsync(AgentLocatorDbContext db, Guid businessId, Guid customerId, Guid? userId, string to, string body,
        CancellationToken cancellationToken)
    {
        if (!whatsApp.IsConfigured)
        {
            // Checked first so that a business without Twilio gets no failed message in its thread, only this answer.
            return NoSender;
        }
        var sent = await grains.GetGrain<IWhatsAppThreadGrain>(customerId)
            .Send(businessId, new OutboundWhatsApp(userId ?? Guid.Empty, body, null, null, null, to));
        switch (sent.Outcome)
        {
            case WhatsAppSendOutcome.Sent:
                var row = await db.WhatsAppMessages.AsNoTracking().Where(m => m.Id == sent.MessageId)
                    .Select(m => new { m.Status, m.ErrorCode, m.ErrorMessage }).SingleAsync(cancellationToken);
                return row.Status.IsFailure() ? row.ErrorMessage ?? WhatsAppErrors.Explain(row.ErrorCode) : null;
            case WhatsAppSendOutcome.NoSender:
                return NoSender;
            case WhatsAppSendOutcome.NeedsTemplate:
                return WindowClosed;
            case WhatsAppSendOutcome.NoPhone:
                return "מספר הטלפון אינו מספר WhatsApp תקין.";
            default:
                return "הלקוח לא נמצא; ההודעה לא נשלחה.";
        }
    }

    /// <summary>Sends <paramref name="body"/> from the business's sender: null when Twilio took it, else why not in Hebrew.</summary>
    public async Task<string?> SendAsync(AgentLocatorDbContext db, Guid businessId, string to, string body, CancellationToken cancellationToken)
    {
        var sender = await db.Businesses.AsNoTracking().Where(b => b.Id == businessId).Select(b => b.WhatsAppNumber).SingleAsync(cancellationToken);
        if (sender is null || !whatsApp.IsConfigured)
        {
            return NoSender;
        }
        try
        {
            await whatsApp.SendAsync(new WhatsAppSend(sender, to, body, null, null, Guid.CreateVersion7()), cancellationToken);
            return null;
        }
        catch (WhatsAppSendException refused)
        {
            // The Hebrew explanation the WhatsApp thread gives for the same code (63016: outside the 24-hour window).
            return WhatsAppErrors.Explain(refused.ErrorCode);
        }
    }
}
