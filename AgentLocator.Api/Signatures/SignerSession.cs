using System.Security.Cryptography;
using System.Text;
using AgentLocator.Grains.Audit;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Signatures;

/// <summary>Why a link opens nothing: unknown (404), or over — expired, cancelled, declined (410).</summary>
public enum LinkState
{
    Open,
    Unknown,
    Over,
}

/// <summary>One signer's link, resolved: the request (locked while the transaction is open) and exactly that signer.</summary>
public sealed class SignerTurn(AgentLocatorDbContext db, SignatureRequest request, SignatureSigner signer) : IAsyncDisposable
{
    public AgentLocatorDbContext Db { get; } = db;
    public SignatureRequest Request { get; } = request;
    public SignatureSigner Signer { get; } = signer;

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}

/// <summary>
/// The signer's side of a request, reached only by a link: view, one-time code, sign, decline. A link names one signer of
/// one request and nothing else; every read and write below goes through that signer's row and their request's.
/// </summary>
public sealed class SignerSession(
    TenantDbContextFactory contexts, SignatureRequestService requests, SignatureCompletion completion, SignatureTrail trail,
    SignatureNotifier notifier, Integrations.Twilio.TwilioSmsSender sms, TimeProvider clock)
{
    public const int CodeDigits = 6;
    public const int MaxCodeAttempts = 5;
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);
    public const int MaxSignatureBytes = 512 * 1024;

    /// <summary>The link's signer and request, the request row locked in a transaction; expires the request when its time is up.</summary>
    public async Task<(LinkState State, SignerTurn? Turn)> OpenAsync(string token, CancellationToken cancellationToken)
    {
        if (!SignatureLinks.LooksLikeToken(token))
        {
            return (LinkState.Unknown, null);
        }
        var hash = SignatureLinks.Hash(token);
        SignatureLink? link;
        await using (var across = contexts.AcrossTenants())
        {
            // The link row names the business: read it alone, then act only as that business.
            link = await across.SignatureLinks.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        }
        if (link is null)
        {
            return (LinkState.Unknown, null);
        }
        var db = contexts.For(link.BusinessId);
        var request = await SignatureRequestService.LockAsync(db, link.RequestId, cancellationToken);
        var signer = request?.Signers.FirstOrDefault(s => s.Id == link.SignerId);
        if (request is null || signer is null)
        {
            await db.DisposeAsync();
            return (LinkState.Unknown, null);
        }
        var now = clock.GetUtcNow();
        if (!SignatureStatuses.IsFinal(request.Status) && request.ExpiresAt <= now)
        {
            await ExpireAsync(db, request, cancellationToken);
        }
        if (request.Status is SignatureStatuses.Cancelled or SignatureStatuses.Declined or SignatureStatuses.Expired || link.ExpiresAt <= now)
        {
            await db.DisposeAsync();
            return (LinkState.Over, null);
        }
        return (LinkState.Open, new SignerTurn(db, request, signer));
    }

    /// <summary>The first open moves the signer (and a sent request) to "viewed".</summary>
    public async Task ViewAsync(SignerTurn turn, CancellationToken cancellationToken)
    {
        var (db, request, signer) = (turn.Db, turn.Request, turn.Signer);
        if (signer.Status == SignatureStatuses.Sent)
        {
            var now = StoredTime.Now(clock);
            signer.Status = SignatureStatuses.Viewed;
            signer.ViewedAt = now;
            if (request.Status == SignatureStatuses.Sent)
            {
                request.Status = SignatureStatuses.Viewed;
            }
            request.UpdatedAt = now;
            trail.Record(db, request, SignatureEventActions.Opened, Actor(signer), signer);
            await db.SaveChangesAsync(cancellationToken);
            await db.Database.CommitTransactionAsync(cancellationToken);
            await notifier.StatusChangedAsync(request, SignatureStatuses.Viewed, signer.Id, cancellationToken);
            return;
        }
        await db.Database.CommitTransactionAsync(cancellationToken);
    }

    public static bool MaySign(SignerTurn turn) =>
        turn.Signer.Status is SignatureStatuses.Sent or SignatureStatuses.Viewed && turn.Request.Status is SignatureStatuses.Sent or SignatureStatuses.Viewed;

    /// <summary>Null when the code went out, else why not.</summary>
    public async Task<string?> SendCodeAsync(SignerTurn turn, CancellationToken cancellationToken)
    {
        var (db, request, signer) = (turn.Db, turn.Request, turn.Signer);
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6");
        var business = await db.Businesses.AsNoTracking().Where(b => b.Id == request.BusinessId).Select(b => new { b.Name, b.TwilioNumber })
            .SingleAsync(cancellationToken);
        var from = business.TwilioNumber ?? sms.DefaultFrom;
        if (!sms.IsConfigured || from is null)
        {
            return "שליחת SMS אינה זמינה כרגע.";
        }
        signer.CodeHash = CodeHash(signer.Id, code);
        signer.CodeExpiresAt = StoredTime.Now(clock) + CodeLifetime;
        signer.CodeAttempts = 0;
        trail.Record(db, request, SignatureEventActions.CodeSent, Actor(signer), signer, "SMS");
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.CommitTransactionAsync(cancellationToken);
        return await sms.SendAsync(from, signer.Phone, $"קוד האימות לחתימה על \"{request.Title}\": {code}", cancellationToken) is null
            ? null
            : "שליחת הקוד נכשלה; נסו שוב.";
    }

    /// <summary>Null when the code matched, else why not.</summary>
    public async Task<string?> VerifyCodeAsync(SignerTurn turn, string? code, CancellationToken cancellationToken)
    {
        var (db, request, signer) = (turn.Db, turn.Request, turn.Signer);
        if (signer.CodeHash is null || signer.CodeExpiresAt <= clock.GetUtcNow())
        {
            return "אין קוד בתוקף; בקשו קוד חדש.";
        }
        if (signer.CodeAttempts >= MaxCodeAttempts)
        {
            return "יותר מדי ניסיונות; בקשו קוד חדש.";
        }
        signer.CodeAttempts++;
        var matches = code is { Length: CodeDigits } && CryptographicOperations.FixedTimeEquals(signer.CodeHash, CodeHash(signer.Id, code));
        if (matches)
        {
            signer.CodeVerifiedAt = StoredTime.Now(clock);
            signer.CodeHash = null;
            trail.Record(db, request, SignatureEventActions.CodeVerified, Actor(signer), signer);
        }
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.CommitTransactionAsync(cancellationToken);
        return matches ? null : "הקוד שגוי.";
    }

    /// <summary>Records the signature; in order, opens the next signer's turn; when it is the last, finishes the document.</summary>
    /// <paramref name="fieldValuesJson"/>: what the signer filled into their fields (checked by <see cref="SignerFields"/>), if they have any.
    public async Task SignAsync(SignerTurn turn, byte[] signaturePng, string? typedName, string publicBase, CancellationToken cancellationToken,
        string? fieldValuesJson = null)
    {
        var (db, request, signer) = (turn.Db, turn.Request, turn.Signer);
        var now = StoredTime.Now(clock);
        var origin = AuditActor.Current;
        signer.Status = SignatureStatuses.Signed;
        signer.SignedAt = now;
        signer.SignaturePng = signaturePng;
        signer.TypedSignature = string.IsNullOrWhiteSpace(typedName) ? null : typedName.Trim();
        signer.FieldValuesJson = fieldValuesJson;
        signer.SignedIp = origin.Ip;
        signer.SignedUserAgent = origin.UserAgent is { Length: > 400 } agent ? agent[..400] : origin.UserAgent;
        request.UpdatedAt = now;
        trail.Record(db, request, SignatureEventActions.Signed, Actor(signer), signer, signer.TypedSignature is null ? "חתימה מצוירת" : "חתימה מוקלדת");
        var pushed = await notifier.RecordPushAsync(db, request, signer, signed: true, cancellationToken);
        (SignatureSigner Signer, string Token, string Channel)? next = null;
        if (request.Ordered && request.Signers.FirstOrDefault(s => s.Status == SignatureStatuses.Draft) is { } waiting)
        {
            // The next signer's link goes the way the request was sent; a request of copied links sends nothing.
            var channel = await SignatureRequestService.ChannelAsync(db, request.Id, cancellationToken);
            next = (waiting, requests.OpenFor(db, request, waiting, now, channel), channel);
        }
        var completed = await completion.TryCompleteAsync(db, request, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.CommitTransactionAsync(cancellationToken);
        if (pushed)
        {
            notifier.Wake();
        }
        await notifier.StatusChangedAsync(request, SignatureStatuses.Signed, signer.Id, cancellationToken);
        if (next is { } turnOfNext)
        {
            await requests.DeliverAsync(db, request, turnOfNext.Signer, turnOfNext.Token, publicBase, turnOfNext.Channel, cancellationToken);
            await notifier.StatusChangedAsync(request, SignatureStatuses.Sent, turnOfNext.Signer.Id, cancellationToken);
        }
        if (completed)
        {
            await notifier.StatusChangedAsync(request, SignatureStatuses.Signed, null, cancellationToken);
        }
    }

    public async Task DeclineAsync(SignerTurn turn, string reason, CancellationToken cancellationToken)
    {
        var (db, request, signer) = (turn.Db, turn.Request, turn.Signer);
        var now = StoredTime.Now(clock);
        signer.Status = SignatureStatuses.Declined;
        signer.DeclinedAt = now;
        signer.DeclineReason = reason;
        request.Status = SignatureStatuses.Declined;
        request.UpdatedAt = now;
        trail.Record(db, request, SignatureEventActions.Declined, Actor(signer), signer, reason);
        var pushed = await notifier.RecordPushAsync(db, request, signer, signed: false, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.CommitTransactionAsync(cancellationToken);
        if (pushed)
        {
            notifier.Wake();
        }
        await notifier.StatusChangedAsync(request, SignatureStatuses.Declined, signer.Id, cancellationToken);
        await notifier.StatusChangedAsync(request, SignatureStatuses.Declined, null, cancellationToken);
    }

    /// <summary>The signed copy once every signer signed (made now if it could not be before), recording the download.</summary>
    public async Task<byte[]?> SignedCopyAsync(AgentLocatorDbContext db, SignatureRequest request, SignatureActor actor, CancellationToken cancellationToken)
    {
        var completedNow = request.SignedPdf is null && await completion.TryCompleteAsync(db, request, cancellationToken);
        if (request.SignedPdf is null)
        {
            return null;
        }
        trail.Record(db, request, SignatureEventActions.Downloaded, actor);
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.CommitTransactionAsync(cancellationToken);
        if (completedNow)
        {
            await notifier.StatusChangedAsync(request, SignatureStatuses.Signed, null, cancellationToken);
        }
        return request.SignedPdf;
    }

    private async Task ExpireAsync(AgentLocatorDbContext db, SignatureRequest request, CancellationToken cancellationToken)
    {
        request.Status = SignatureStatuses.Expired;
        request.UpdatedAt = StoredTime.Now(clock);
        foreach (var signer in request.Signers.Where(s => !SignatureStatuses.IsFinal(s.Status)))
        {
            signer.Status = SignatureStatuses.Expired;
        }
        trail.Record(db, request, SignatureEventActions.Expired, new SignatureActor(SignatureActor.System, null, null, null, null));
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.CommitTransactionAsync(cancellationToken);
        await notifier.StatusChangedAsync(request, SignatureStatuses.Expired, null, cancellationToken);
    }

    private static SignatureActor Actor(SignatureSigner signer) => SignatureActor.ForSigner(signer, AuditActor.Current);

    private static byte[] CodeHash(Guid signerId, string code) => SHA256.HashData(Encoding.UTF8.GetBytes($"{signerId:N}:{code}"));
}
