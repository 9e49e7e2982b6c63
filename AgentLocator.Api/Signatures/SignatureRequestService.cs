using System.Security.Cryptography;
using AgentLocator.Api.Integrations.Pdf;
using AgentLocator.Api.Integrations.PdfSigning;
using AgentLocator.Api.Integrations.Twilio;
using AgentLocator.Api.WhatsApp;
using AgentLocator.Grains.Contracts;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;
using PdfSharp.Pdf.IO;

namespace AgentLocator.Api.Signatures;

/// <summary>How a signer's link reaches them: an SMS or a WhatsApp message through Twilio, or the agent copies it.</summary>
public static class SignatureChannels
{
    public const string Sms = "sms";
    public const string WhatsApp = "whatsapp";
    public const string Link = "link";

    public static bool IsKnown(string channel) => channel is Sms or WhatsApp or Link;

    /// <summary>The "sent" step's detail in the trail. The request's channel is read back from it (<see cref="FromTrail"/>).</summary>
    public static string TrailLabel(string channel) => channel switch
    {
        Sms => "SMS",
        WhatsApp => "WhatsApp",
        _ => "קישור להעתקה",
    };

    public static string FromTrail(string? detail) => detail switch
    {
        "WhatsApp" => WhatsApp,
        "קישור להעתקה" => Link,
        _ => Sms,
    };
}

/// <summary>The outcome of a step: done, or refused with a status and a reason (422, 404, 409).</summary>
public sealed record SignatureOutcome(SignatureRequest? Request, int Status, string? Problem, IReadOnlyDictionary<string, string[]>? Errors = null,
    IReadOnlyList<string>? SmsProblems = null)
{
    public bool Ok => Problem is null && Errors is null;

    public static SignatureOutcome Done(SignatureRequest request, IReadOnlyList<string>? smsProblems = null) =>
        new(request, 200, null, null, smsProblems is { Count: > 0 } ? smsProblems : null);

    public static SignatureOutcome Refused(int status, string problem) => new(null, status, problem);

    public static SignatureOutcome Invalid(Dictionary<string, string[]> errors) => new(null, 422, null, errors);
}

/// <summary>
/// Creates signature requests from a PDF and drives them for the agent: send, remind, cancel, copy a link. The signer's
/// side is <see cref="SignerSession"/>. Every step writes its trail (<see cref="SignatureTrail"/>) in the same save, and
/// tells the <see cref="ISignatureRequestObserver"/> after it commits.
/// </summary>
public interface ISignatureRequests
{
    /// <summary>A draft request for the customer; <paramref name="ordered"/>: one signer at a time, in the given order;
    /// <paramref name="fields"/>: fields placed on the PDF for the signers' roles to fill (a contract from an uploaded-PDF template).</summary>
    Task<SignatureOutcome> CreateAsync(Guid businessId, Guid customerId, string title, byte[] pdfBytes, IReadOnlyList<SignerInput> signers, bool ordered,
        Guid? contractId = null, bool requireCode = false, CancellationToken cancellationToken = default, IReadOnlyList<PdfField>? fields = null);

    /// <summary>Sends a draft: links to the first signer (ordered) or all of them, by SMS or for copying.</summary>
    Task<SignatureOutcome> SendAsync(Guid businessId, Guid requestId, string channel, string publicBase, CancellationToken cancellationToken = default);
}

public sealed class SignatureRequestService(
    TenantDbContextFactory contexts, SignatureTrail trail, SignatureNotifier notifier, TwilioSmsSender sms, WhatsAppLinks whatsApp, TimeProvider clock)
    : ISignatureRequests
{
    public const int MaxPdfBytes = 20 * 1024 * 1024;
    public const int MaxPages = 100;

    private SignatureActor Actor => SignatureActor.FromAudit(Grains.Audit.AuditActor.Current);

    public async Task<SignatureOutcome> CreateAsync(Guid businessId, Guid customerId, string title, byte[] pdfBytes, IReadOnlyList<SignerInput> signers,
        bool ordered, Guid? contractId = null, bool requireCode = false, CancellationToken cancellationToken = default, IReadOnlyList<PdfField>? fields = null)
    {
        var errors = new Dictionary<string, string[]>();
        title = title?.Trim() ?? "";
        if (title.Length is 0 or > 200)
        {
            errors["title"] = ["יש לתת למסמך שם (עד 200 תווים)."];
        }
        var valid = SignerInputs.Parse(signers, errors);
        var pages = PageCount(pdfBytes, errors);
        if (errors.Count > 0 || valid is null)
        {
            return SignatureOutcome.Invalid(errors);
        }
        await using var db = contexts.For(businessId);
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, cancellationToken))
        {
            return SignatureOutcome.Refused(404, "No such customer.");
        }
        var now = StoredTime.Now(clock);
        var lifetime = await LifetimeAsync(db, cancellationToken);
        var request = new SignatureRequest
        {
            Id = Guid.CreateVersion7(), BusinessId = businessId, CustomerId = customerId, ContractId = contractId, Title = title, Ordered = ordered,
            RequireCode = requireCode, OriginalPdf = pdfBytes, OriginalSha256 = SHA256.HashData(pdfBytes), PageCount = pages,
            FieldsJson = PdfFields.Write(fields ?? []), CreatedAt = now,
            CreatedById = Actor.UserId, UpdatedAt = now, ExpiresAt = now + lifetime,
        };
        var position = 0;
        foreach (var signer in valid)
        {
            request.Signers.Add(new SignatureSigner
            {
                Id = Guid.CreateVersion7(), BusinessId = businessId, RequestId = request.Id, Position = ++position, Name = signer.Name,
                Phone = signer.Phone, Role = signer.Role,
            });
        }
        db.SignatureRequests.Add(request);
        trail.Record(db, request, SignatureEventActions.Created, Actor, detail: $"{valid.Count} חותמים, {(ordered ? "לפי סדר" : "במקביל")}");
        await db.SaveChangesAsync(cancellationToken);
        return SignatureOutcome.Done(request);
    }

    public async Task<SignatureOutcome> SendAsync(Guid businessId, Guid requestId, string channel, string publicBase,
        CancellationToken cancellationToken = default)
    {
        await using var db = contexts.For(businessId);
        if (await LockAsync(db, requestId, cancellationToken) is not { } request)
        {
            return SignatureOutcome.Refused(404, "No such signature request.");
        }
        if (request.Status != SignatureStatuses.Draft)
        {
            return SignatureOutcome.Refused(409, "The request was already sent.");
        }
        var recipients = request.Ordered ? request.Signers.OrderBy(s => s.Position).Take(1).ToList() : request.Signers;
        if (channel == SignatureChannels.WhatsApp
            && await WhatsAppRefusalAsync(db, request.BusinessId, [.. recipients.Select(r => (r.Name, r.Phone))], cancellationToken) is { } refused)
        {
            return refused;
        }
        var now = StoredTime.Now(clock);
        request.ExpiresAt = now + await LifetimeAsync(db, cancellationToken);
        request.Status = SignatureStatuses.Sent;
        request.SentAt = now;
        request.UpdatedAt = now;
        var problems = new List<string>();
        var sent = new List<(SignatureSigner Signer, string Token)>();
        foreach (var signer in recipients)
        {
            sent.Add((signer, OpenFor(db, request, signer, now, channel)));
        }
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.CommitTransactionAsync(cancellationToken);
        foreach (var (signer, token) in sent)
        {
            if (await DeliverAsync(db, request, signer, token, publicBase, channel, cancellationToken) is { } problem)
            {
                problems.Add($"{signer.Name}: {problem}");
            }
            await notifier.StatusChangedAsync(request, SignatureStatuses.Sent, signer.Id, cancellationToken);
        }
        return SignatureOutcome.Done(request, problems);
    }

    /// <summary>
    /// A new link for each waiting signer (or only <paramref name="signerId"/>), by the request's channel: WhatsApp for a
    /// request sent by WhatsApp (inside each signer's 24-hour window, else a 422 and nothing changes), else SMS (a request of
    /// copied links too: a reminder has to reach the signer somehow). The period starts again.
    /// </summary>
    public async Task<SignatureOutcome> RemindAsync(Guid businessId, Guid requestId, Guid? signerId, string publicBase, CancellationToken cancellationToken)
    {
        await using var db = contexts.For(businessId);
        if (await LockAsync(db, requestId, cancellationToken) is not { } request)
        {
            return SignatureOutcome.Refused(404, "No such signature request.");
        }
        if (request.Status is not (SignatureStatuses.Sent or SignatureStatuses.Viewed) || request.ExpiresAt <= clock.GetUtcNow())
        {
            return SignatureOutcome.Refused(409, "Only a request that is waiting for signatures can be reminded.");
        }
        var waiting = request.Signers.Where(s => s.Status is SignatureStatuses.Sent or SignatureStatuses.Viewed && (signerId is null || s.Id == signerId)).ToList();
        if (waiting.Count == 0)
        {
            return SignatureOutcome.Refused(signerId is null ? 409 : 404, "No signer of this request is waiting to sign.");
        }
        var channel = await ChannelAsync(db, request.Id, cancellationToken) == SignatureChannels.WhatsApp ? SignatureChannels.WhatsApp : SignatureChannels.Sms;
        if (channel == SignatureChannels.WhatsApp
            && await WhatsAppRefusalAsync(db, request.BusinessId, [.. waiting.Select(s => (s.Name, s.Phone))], cancellationToken) is { } refused)
        {
            return refused;
        }
        var now = StoredTime.Now(clock);
        request.ExpiresAt = now + await LifetimeAsync(db, cancellationToken);
        request.UpdatedAt = now;
        await db.SignatureLinks.Where(l => l.RequestId == request.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.ExpiresAt, request.ExpiresAt), cancellationToken);
        var tokens = waiting.Select(signer =>
        {
            trail.Record(db, request, SignatureEventActions.Reminded, Actor, signer, SignatureChannels.TrailLabel(channel));
            return (signer, token: SignatureLinks.Add(db, request, signer, now));
        }).ToList();
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.CommitTransactionAsync(cancellationToken);
        var problems = new List<string>();
        foreach (var (signer, token) in tokens)
        {
            var problem = channel == SignatureChannels.WhatsApp
                ? await SendWhatsAppAsync(db, request, signer, token, publicBase, reminder: true, cancellationToken)
                : await SendSmsAsync(db, request, signer, token, publicBase, reminder: true, cancellationToken);
            if (problem is not null)
            {
                problems.Add($"{signer.Name}: {problem}");
            }
        }
        return SignatureOutcome.Done(request, problems);
    }

    public async Task<SignatureOutcome> CancelAsync(Guid businessId, Guid requestId, CancellationToken cancellationToken)
    {
        await using var db = contexts.For(businessId);
        if (await LockAsync(db, requestId, cancellationToken) is not { } request)
        {
            return SignatureOutcome.Refused(404, "No such signature request.");
        }
        if (SignatureStatuses.IsFinal(request.Status))
        {
            return SignatureOutcome.Refused(409, "The request is already finished.");
        }
        var now = StoredTime.Now(clock);
        request.Status = SignatureStatuses.Cancelled;
        request.CancelledAt = now;
        request.UpdatedAt = now;
        foreach (var signer in request.Signers.Where(s => !SignatureStatuses.IsFinal(s.Status)))
        {
            signer.Status = SignatureStatuses.Cancelled;
        }
        trail.Record(db, request, SignatureEventActions.Cancelled, Actor);
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.CommitTransactionAsync(cancellationToken);
        await notifier.StatusChangedAsync(request, SignatureStatuses.Cancelled, null, cancellationToken);
        return SignatureOutcome.Done(request);
    }

    /// <summary>A further link for one signer who may sign now, for the agent to copy; the links already sent keep working.</summary>
    public async Task<(string? Url, SignatureOutcome Outcome)> CopyLinkAsync(Guid businessId, Guid requestId, Guid signerId, string publicBase,
        CancellationToken cancellationToken)
    {
        await using var db = contexts.For(businessId);
        if (await LockAsync(db, requestId, cancellationToken) is not { } request || request.Signers.FirstOrDefault(s => s.Id == signerId) is not { } signer)
        {
            return (null, SignatureOutcome.Refused(404, "No such signer."));
        }
        if (request.Status is not (SignatureStatuses.Sent or SignatureStatuses.Viewed) || request.ExpiresAt <= clock.GetUtcNow())
        {
            return (null, SignatureOutcome.Refused(409, "Links are given only while the request waits for signatures."));
        }
        if (signer.Status is not (SignatureStatuses.Sent or SignatureStatuses.Viewed))
        {
            return (null, SignatureOutcome.Refused(409, signer.Status == SignatureStatuses.Draft
                ? "This signer's turn has not come yet (the request is signed in order)."
                : "This signer has finished."));
        }
        var token = SignatureLinks.Add(db, request, signer, StoredTime.Now(clock));
        trail.Record(db, request, SignatureEventActions.LinkCopied, Actor, signer);
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.CommitTransactionAsync(cancellationToken);
        return (SignatureLinks.PageUrl(publicBase, token), SignatureOutcome.Done(request));
    }

    /// <summary>Opens the signer's turn: the signer is "sent", a link is made, and the trail records the channel.</summary>
    internal string OpenFor(AgentLocatorDbContext db, SignatureRequest request, SignatureSigner signer, DateTimeOffset now, string channel)
    {
        signer.Status = SignatureStatuses.Sent;
        signer.SentAt = now;
        trail.Record(db, request, SignatureEventActions.Sent, Actor, signer, SignatureChannels.TrailLabel(channel));
        return SignatureLinks.Add(db, request, signer, now);
    }

    /// <summary>The channel the request was sent by (its first "sent" step), which later signers' links follow.</summary>
    internal static async Task<string> ChannelAsync(AgentLocatorDbContext db, Guid requestId, CancellationToken cancellationToken) =>
        SignatureChannels.FromTrail(await db.SignatureEvents.AsNoTracking()
            .Where(e => e.RequestId == requestId && e.Action == SignatureEventActions.Sent)
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).Select(e => e.Detail).FirstOrDefaultAsync(cancellationToken));

    /// <summary>Sends the signer their link by the channel (a copied link sends nothing). Null when sent, else why not.</summary>
    internal Task<string?> DeliverAsync(AgentLocatorDbContext db, SignatureRequest request, SignatureSigner signer, string token, string publicBase,
        string channel, CancellationToken cancellationToken) => channel switch
    {
        SignatureChannels.Sms => SendSmsAsync(db, request, signer, token, publicBase, reminder: false, cancellationToken),
        SignatureChannels.WhatsApp => SendWhatsAppAsync(db, request, signer, token, publicBase, reminder: false, cancellationToken),
        _ => Task.FromResult<string?>(null),
    };

    /// <summary>
    /// WhatsApp free text reaches only someone who wrote to the business in the last 24 hours; outside that window Twilio
    /// needs an approved template, and a link is not one, so the agent is told to send by SMS or copy the link (422).
    /// </summary>
    private async Task<SignatureOutcome?> WhatsAppRefusalAsync(AgentLocatorDbContext db, Guid businessId,
        IReadOnlyList<(string Name, string Phone)> recipients, CancellationToken cancellationToken) =>
        await whatsApp.RefusalAsync(db, businessId, recipients, cancellationToken) is { } refused ? SignatureOutcome.Refused(422, refused) : null;

    /// <summary>
    /// Before a request is made to be sent at once: whether its first links can go by <paramref name="channel"/> (WhatsApp's
    /// sender and 24-hour window), so a refusal leaves no draft behind. Signers that do not parse are CreateAsync's to report.
    /// </summary>
    public async Task<SignatureOutcome?> ChannelRefusalAsync(Guid businessId, IReadOnlyList<SignerInput>? signers, bool ordered, string channel,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (channel != SignatureChannels.WhatsApp || SignerInputs.Parse(signers, errors) is not { } valid || errors.Count > 0)
        {
            return null;
        }
        await using var db = contexts.For(businessId);
        return await WhatsAppRefusalAsync(db, businessId, [.. (ordered ? valid.Take(1) : valid).Select(s => (s.Name, s.Phone))], cancellationToken);
    }

    /// <summary>The link as a message of the customer's WhatsApp thread (to the signer's number), so the agent sees it there.</summary>
    private async Task<string?> SendWhatsAppAsync(AgentLocatorDbContext db, SignatureRequest request, SignatureSigner signer, string token,
        string publicBase, bool reminder, CancellationToken cancellationToken)
    {
        var businessName = await db.Businesses.AsNoTracking().Where(b => b.Id == request.BusinessId).Select(b => b.Name).SingleAsync(cancellationToken);
        var body = $"{Lead(reminder)}{businessName} מבקש/ת את חתימתך על \"{request.Title}\": {SignatureLinks.PageUrl(publicBase, token)}";
        return await whatsApp.SendInThreadAsync(db, request.BusinessId, request.CustomerId, Actor.UserId, signer.Phone, body, cancellationToken);
    }

    private static string Lead(bool reminder) => reminder ? "תזכורת: " : "";

    internal async Task<string?> SendSmsAsync(AgentLocatorDbContext db, SignatureRequest request, SignatureSigner signer, string token, string publicBase,
        bool reminder, CancellationToken cancellationToken)
    {
        var business = await db.Businesses.AsNoTracking().Where(b => b.Id == request.BusinessId).Select(b => new { b.Name, b.TwilioNumber })
            .SingleAsync(cancellationToken);
        var from = business.TwilioNumber ?? sms.DefaultFrom;
        if (!sms.IsConfigured || from is null)
        {
            return "Twilio is not configured for SMS; copy the link instead.";
        }
        return await sms.SendAsync(from, signer.Phone,
            $"{Lead(reminder)}{business.Name} מבקש/ת את חתימתך על \"{request.Title}\": {SignatureLinks.PageUrl(publicBase, token)}", cancellationToken);
    }

    /// <summary>The request and its signers, its row locked until the transaction this opens commits.</summary>
    internal static async Task<SignatureRequest?> LockAsync(AgentLocatorDbContext db, Guid requestId, CancellationToken cancellationToken)
    {
        await db.Database.BeginTransactionAsync(cancellationToken);
        var request = await db.SignatureRequests.FromSql($"SELECT * FROM signature_requests WHERE id = {requestId} FOR UPDATE")
            .FirstOrDefaultAsync(cancellationToken);
        if (request is not null)
        {
            await db.Entry(request).Collection(r => r.Signers).LoadAsync(cancellationToken);
            request.Signers.Sort((a, b) => a.Position.CompareTo(b.Position));
        }
        return request;
    }

    internal static async Task<TimeSpan> LifetimeAsync(AgentLocatorDbContext db, CancellationToken cancellationToken) =>
        TimeSpan.FromDays(await db.SignatureSettings.Select(s => (int?)s.LinkLifetimeDays).FirstOrDefaultAsync(cancellationToken) ?? 14);

    /// <summary>The page count of a readable PDF within the limits, else 0 with the reason under <c>file</c>.</summary>
    internal static int PageCount(byte[] pdf, Dictionary<string, string[]> errors)
    {
        if (pdf.Length == 0)
        {
            errors["file"] = ["יש לצרף קובץ PDF."];
            return 0;
        }
        if (pdf.Length > MaxPdfBytes)
        {
            errors["file"] = ["הקובץ גדול מ-20MB."];
            return 0;
        }
        if (pdf.Length < 5 || pdf[0] != '%' || pdf[1] != 'P' || pdf[2] != 'D' || pdf[3] != 'F')
        {
            errors["file"] = ["הקובץ אינו PDF."];
            return 0;
        }
        try
        {
            using var stream = new MemoryStream(pdf);
            using var document = PdfReader.Open(stream, PdfDocumentOpenMode.Import);
            if (document.PageCount is 0 or > MaxPages)
            {
                errors["file"] = [$"המסמך צריך להכיל בין 1 ל-{MaxPages} עמודים."];
            }
            return document.PageCount;
        }
        // PDFsharp throws plain Exception for some damaged files ("The StartXRef table could not be found"): any failure to
        // read the upload is the upload's fault, not a server error.
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            errors["file"] = ["לא ניתן לקרוא את קובץ ה-PDF (ייתכן שהוא מוגן בסיסמה או פגום)."];
            return 0;
        }
    }
}
