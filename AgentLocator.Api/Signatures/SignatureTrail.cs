using AgentLocator.Grains.Audit;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Timeline;

namespace AgentLocator.Api.Signatures;

/// <summary>Who did a step: an agent (the request's user), a signer on the public page, or the system.</summary>
public sealed record SignatureActor(string Type, Guid? UserId, string? Name, string? Ip, string? UserAgent)
{
    public const string User = "user";
    public const string Signer = "signer";
    public const string System = "system";

    public static SignatureActor FromAudit(AuditActor actor) =>
        new(actor.UserId is null ? System : User, actor.UserId, actor.Name, actor.Ip, actor.UserAgent);

    public static SignatureActor ForSigner(SignatureSigner signer, AuditActor origin) => new(Signer, null, signer.Name, origin.Ip, origin.UserAgent);
}

/// <summary>
/// Writes one step three ways, all in the caller's pending changes so they commit with it: the request's own audit trail
/// (<c>signature_events</c>), the customer's timeline (<c>signature</c> events, which also reach the agent's open pages
/// live), and, for what agents and signers decide, the business's audit log.
/// </summary>
public sealed class SignatureTrail(IAuditLog audit, TimeProvider clock)
{
    private static readonly Dictionary<string, AuditAction> AuditedActions = new()
    {
        [SignatureEventActions.Created] = AuditActions.SignatureRequestCreated,
        [SignatureEventActions.Sent] = AuditActions.SignatureRequestSent,
        [SignatureEventActions.Reminded] = AuditActions.SignatureRequestReminded,
        [SignatureEventActions.Cancelled] = AuditActions.SignatureRequestCancelled,
        [SignatureEventActions.Signed] = AuditActions.SignatureRequestSigned,
        [SignatureEventActions.Declined] = AuditActions.SignatureRequestDeclined,
        [SignatureEventActions.Completed] = AuditActions.SignatureRequestCompleted,
        [SignatureEventActions.Downloaded] = AuditActions.SignedDocumentDownloaded,
        [SignatureEventActions.LinkCopied] = AuditActions.SignatureLinkCopied,
    };

    /// <summary>Steps that go on the customer's timeline (a download or a code does not).</summary>
    private static readonly HashSet<string> OnTimeline =
    [
        SignatureEventActions.Sent, SignatureEventActions.Opened, SignatureEventActions.Signed, SignatureEventActions.Declined,
        SignatureEventActions.Reminded, SignatureEventActions.Cancelled, SignatureEventActions.Completed, SignatureEventActions.Expired,
    ];

    public SignatureEvent Record(AgentLocatorDbContext db, SignatureRequest request, string action, SignatureActor actor, SignatureSigner? signer = null,
        string? detail = null)
    {
        var now = StoredTime.Now(clock);
        var row = new SignatureEvent
        {
            Id = Guid.CreateVersion7(), BusinessId = request.BusinessId, RequestId = request.Id, SignerId = signer?.Id, Action = action,
            OccurredAt = now, ActorType = actor.Type, ActorId = actor.UserId, ActorName = TimelineEntries.Truncate(actor.Name, 200),
            Ip = TimelineEntries.Truncate(actor.Ip, 64), UserAgent = TimelineEntries.Truncate(actor.UserAgent, 400),
            Detail = TimelineEntries.Truncate(detail, 1000),
        };
        db.SignatureEvents.Add(row);
        if (OnTimeline.Contains(action))
        {
            db.TimelineEvents.Add(TimelineEntry(request, action, actor, signer, detail, now));
        }
        if (AuditedActions.TryGetValue(action, out var audited))
        {
            audit.Record(db, audited, new AuditTarget(AuditTargetTypes.Customer, request.CustomerId.ToString(), request.Title),
                new { requestId = request.Id, signerId = signer?.Id, signer = signer?.Name, detail },
                new AuditActor(actor.Type == SignatureActor.User ? AuditActorTypes.User : actor.Type == SignatureActor.Signer ? AuditActorTypes.Anonymous : AuditActorTypes.System,
                    request.BusinessId, actor.UserId, actor.Name, actor.Ip, actor.UserAgent));
        }
        return row;
    }

    private static TimelineEvent TimelineEntry(SignatureRequest request, string action, SignatureActor actor, SignatureSigner? signer, string? detail,
        DateTimeOffset now)
    {
        var row = TimelineEntries.New(TimelineKinds.Signature, request.BusinessId, request.CustomerId, now,
            actor.Type == SignatureActor.User ? TimelineActorTypes.Agent : TimelineActorTypes.System, actor.UserId, actor.Name);
        row.SourceId = request.Id;
        row.Link = TimelineKinds.Signature.LinkTo(request.Id);
        var who = signer?.Name;
        var title = action switch
        {
            SignatureEventActions.Sent => who is null ? $"נשלחה בקשת חתימה: {request.Title}" : $"בקשת החתימה \"{request.Title}\" נשלחה ל{who}",
            SignatureEventActions.Opened => $"{who} פתח/ה את \"{request.Title}\"",
            SignatureEventActions.Signed => $"{who} חתם/ה על \"{request.Title}\"",
            SignatureEventActions.Declined => $"{who} סירב/ה לחתום על \"{request.Title}\"",
            SignatureEventActions.Reminded => $"נשלחה תזכורת ל{who} לחתום על \"{request.Title}\"",
            SignatureEventActions.Cancelled => $"בקשת החתימה \"{request.Title}\" בוטלה",
            SignatureEventActions.Completed => $"\"{request.Title}\" נחתם על ידי כל החותמים",
            SignatureEventActions.Expired => $"פג תוקף בקשת החתימה \"{request.Title}\"",
            _ => request.Title,
        };
        TimelineEntries.SetTexts(row, title, action == SignatureEventActions.Declined ? detail : null, request.Title);
        return row;
    }
}
