namespace AgentLocator.Grains.Data.Entities;

/// <summary>A request's and a signer's states, as the wire and the database spell them.</summary>
public static class SignatureStatuses
{
    public const string Draft = "draft";
    public const string Sent = "sent";
    public const string Viewed = "viewed";
    public const string Signed = "signed";
    public const string Declined = "declined";
    public const string Expired = "expired";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Draft, Sent, Viewed, Signed, Declined, Expired, Cancelled];

    /// <summary>States after which nothing more happens to the request.</summary>
    public static bool IsFinal(string status) => status is Signed or Declined or Expired or Cancelled;
}

/// <summary>Who a signer is to the document.</summary>
public static class SignerRoles
{
    public const string Customer = "customer";
    public const string CoSigner = "co_signer";
    public const string Business = "business";

    public static readonly IReadOnlyList<string> All = [Customer, CoSigner, Business];
}

/// <summary>
/// A PDF sent to one or more signers. The PDF as sent and its SHA-256 never change; once every signer has signed, the
/// signed copy (stamped, certified, PKCS#7-signed) and its hash are written once and the database refuses to change them.
/// <see cref="ContractId"/> names the contract it was made from, when one was (no foreign key: contracts live elsewhere).
/// </summary>
public sealed class SignatureRequest : IBusinessOwned
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid? ContractId { get; set; }
    public required string Title { get; set; }
    public string Status { get; set; } = SignatureStatuses.Draft;
    /// <summary>True: one signer at a time, in <see cref="SignatureSigner.Position"/> order; false: all at once.</summary>
    public bool Ordered { get; set; }
    /// <summary>A one-time code by SMS to the signer's phone before they may sign.</summary>
    public bool RequireCode { get; set; }
    public required byte[] OriginalPdf { get; set; }
    public required byte[] OriginalSha256 { get; set; }
    public int PageCount { get; set; }
    /// <summary>
    /// Fields placed on the PDF (copied from the contract's template version when it had them), as JSON; each signer fills
    /// the fields of their role and the values are stamped at their rectangles on completion. Empty for a plain PDF.
    /// </summary>
    public string FieldsJson { get; set; } = "[]";
    public byte[]? SignedPdf { get; set; }
    public byte[]? SignedSha256 { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedById { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    /// <summary>Links stop opening then; a request not finished by then is <c>expired</c>.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
    public List<SignatureSigner> Signers { get; set; } = [];
}

/// <summary>One signer of one request: their own state, what they signed with, and from where.</summary>
public sealed class SignatureSigner : IBusinessOwned
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }
    public Guid RequestId { get; set; }
    public int Position { get; set; }
    public required string Name { get; set; }
    /// <summary>E.164.</summary>
    public required string Phone { get; set; }
    public required string Role { get; set; }
    public string Status { get; set; } = SignatureStatuses.Draft;
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? ViewedAt { get; set; }
    public DateTimeOffset? SignedAt { get; set; }
    public DateTimeOffset? DeclinedAt { get; set; }
    public string? DeclineReason { get; set; }
    public byte[]? SignaturePng { get; set; }
    public string? TypedSignature { get; set; }
    public string? SignedIp { get; set; }
    public string? SignedUserAgent { get; set; }
    /// <summary>What the signer filled into their role's fields, as JSON (key → text, "true"/"false", or a base64 PNG); null when none.</summary>
    public string? FieldValuesJson { get; set; }
    /// <summary>SHA-256 of the pending one-time code with the signer's id; null when none is pending.</summary>
    public byte[]? CodeHash { get; set; }
    public DateTimeOffset? CodeExpiresAt { get; set; }
    public int CodeAttempts { get; set; }
    public DateTimeOffset? CodeVerifiedAt { get; set; }
}

/// <summary>
/// One link to one signer: 128 random bits, of which only the SHA-256 is stored. A reminder or a copied link adds a new
/// one, so a link already sent keeps working until the request ends or it expires.
/// </summary>
public sealed class SignatureLink : IBusinessOwned
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }
    public Guid RequestId { get; set; }
    public Guid SignerId { get; set; }
    public required byte[] TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>The audit trail of one request: what happened, when, by whom, from which address and browser.</summary>
public sealed class SignatureEvent : IBusinessOwned
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }
    public Guid RequestId { get; set; }
    public Guid? SignerId { get; set; }
    public required string Action { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    /// <summary><c>user</c> (an agent), <c>signer</c> or <c>system</c>.</summary>
    public required string ActorType { get; set; }
    public Guid? ActorId { get; set; }
    public string? ActorName { get; set; }
    public string? Ip { get; set; }
    public string? UserAgent { get; set; }
    public string? Detail { get; set; }
}

/// <summary>The trail's actions, as stored and sent.</summary>
public static class SignatureEventActions
{
    public const string Created = "created";
    public const string Sent = "sent";
    public const string Opened = "opened";
    public const string CodeSent = "code_sent";
    public const string CodeVerified = "code_verified";
    public const string Signed = "signed";
    public const string Declined = "declined";
    public const string Reminded = "reminded";
    public const string Cancelled = "cancelled";
    public const string Downloaded = "downloaded";
    public const string Completed = "completed";
    public const string Expired = "expired";
    public const string LinkCopied = "link_copied";

    public static readonly IReadOnlyList<string> All =
        [Created, Sent, Opened, CodeSent, CodeVerified, Signed, Declined, Reminded, Cancelled, Downloaded, Completed, Expired, LinkCopied];
}

/// <summary>
/// A business's signature settings: how long links live, and the certificate finished documents are signed with
/// (generated on first use, or uploaded). The private key is stored only encrypted (PKCS#8, AES-GCM with a key from
/// configuration).
/// </summary>
public sealed class SignatureSettings : IBusinessOwned
{
    public Guid BusinessId { get; set; }
    public int LinkLifetimeDays { get; set; } = 14;
    public byte[]? Certificate { get; set; }
    public byte[]? EncryptedPrivateKey { get; set; }
    /// <summary><c>generated</c> or <c>uploaded</c>.</summary>
    public string? CertificateSource { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
