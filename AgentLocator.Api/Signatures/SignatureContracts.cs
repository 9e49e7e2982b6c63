using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Api.Signatures;

public sealed record SignerResponse(Guid Id, int Position, string Name, string Phone, string Role, string Status, DateTimeOffset? SentAt,
    DateTimeOffset? ViewedAt, DateTimeOffset? SignedAt, DateTimeOffset? DeclinedAt, string? DeclineReason, bool CodeVerified);

public sealed record SignatureEventResponse(Guid Id, string Action, DateTimeOffset OccurredAt, string ActorType, string? ActorName, Guid? SignerId,
    string? Ip, string? UserAgent, string? Detail);

public sealed record SignatureRequestResponse(
    Guid Id, Guid CustomerId, string CustomerName, Guid? ContractId, string Title, string Status, bool Ordered, bool RequireCode, int PageCount,
    string OriginalSha256, string? SignedSha256, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, DateTimeOffset? CompletedAt,
    DateTimeOffset? CancelledAt, DateTimeOffset ExpiresAt, IReadOnlyList<SignerResponse> Signers, IReadOnlyList<SignatureEventResponse> Events,
    IReadOnlyList<string>? SmsProblems);

public sealed record SignatureRequestListItem(Guid Id, Guid CustomerId, string CustomerName, string Title, string Status, int Signers, int Signed,
    DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, DateTimeOffset ExpiresAt);

public sealed record SendSignatureRequest(string? Channel);

public sealed record RemindSignatureRequest(Guid? SignerId);

public sealed record SignerLinkResponse(string Url, DateTimeOffset ExpiresAt);

public sealed record SignatureSettingsResponse(int LinkLifetimeDays, Integrations.PdfSigning.SigningCertificateInfo? Certificate);

public sealed record SignatureSettingsRequest(int? LinkLifetimeDays);

/// <summary>What the signer's page shows: their own part and the document's; nothing of other signers but a count.</summary>
public sealed record SigningView(
    string Title, string BusinessName, string SignerName, string Role, string Status, string RequestStatus, int PageCount, bool RequireCode,
    bool CodeVerified, bool CanSign, bool SignedCopyReady, int SignersTotal, int SignersSigned, DateTimeOffset ExpiresAt, string ConsentText,
    IReadOnlyList<SigningField>? Fields = null);

/// <summary>A signature with consent, and the values of the signer's fields by key (a PNG for signature and initials, "true"/"false" for a checkbox).</summary>
public sealed record SignRequest(string? SignaturePng, string? TypedName, bool Consent, IReadOnlyDictionary<string, string?>? Fields = null);

public sealed record DeclineRequest(string? Reason);

public sealed record VerifyCodeRequest(string? Code);

public sealed record DocumentVerification(
    bool Issued, bool SignaturePresent, bool SignatureValid, bool Unchanged, string Sha256, string? Title, string? BusinessName,
    DateTimeOffset? CompletedAt, string? CertificateSubject, IReadOnlyList<VerifiedSigner> Signers);

public sealed record VerifiedSigner(string Name, string Role, DateTimeOffset? SignedAt);

public static class SignatureResponses
{
    public const string ConsentText = "אני מאשר/ת שקראתי את המסמך, ומסכים/ה לחתום עליו באופן אלקטרוני; לחתימה זו תוקף כחתימה בכתב יד.";

    /// <summary>The status an agent sees: a waiting request past its time reads "expired" before anyone touches it.</summary>
    public static string Effective(string status, DateTimeOffset expiresAt, DateTimeOffset now) =>
        status is SignatureStatuses.Sent or SignatureStatuses.Viewed && expiresAt <= now ? SignatureStatuses.Expired : status;

    public static SignatureRequestResponse From(SignatureRequest r, string customerName, IReadOnlyList<SignatureEvent> events, DateTimeOffset now,
        IReadOnlyList<string>? smsProblems = null) => new(
        r.Id, r.CustomerId, customerName, r.ContractId, r.Title, Effective(r.Status, r.ExpiresAt, now), r.Ordered, r.RequireCode, r.PageCount,
        Convert.ToHexStringLower(r.OriginalSha256), r.SignedSha256 is null ? null : Convert.ToHexStringLower(r.SignedSha256),
        r.CreatedAt.ToUniversalTime(), r.SentAt?.ToUniversalTime(), r.CompletedAt?.ToUniversalTime(), r.CancelledAt?.ToUniversalTime(),
        r.ExpiresAt.ToUniversalTime(),
        [.. r.Signers.OrderBy(s => s.Position).Select(s => new SignerResponse(s.Id, s.Position, s.Name, s.Phone, s.Role,
            Effective(s.Status, r.ExpiresAt, now), s.SentAt?.ToUniversalTime(), s.ViewedAt?.ToUniversalTime(), s.SignedAt?.ToUniversalTime(),
            s.DeclinedAt?.ToUniversalTime(), s.DeclineReason, s.CodeVerifiedAt is not null))],
        [.. events.Select(e => new SignatureEventResponse(e.Id, e.Action, e.OccurredAt.ToUniversalTime(), e.ActorType, e.ActorName, e.SignerId, e.Ip,
            e.UserAgent, e.Detail))],
        smsProblems);
}
