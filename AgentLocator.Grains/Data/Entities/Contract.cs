using System.Text.Json.Serialization;

namespace AgentLocator.Grains.Data.Entities;

/// <summary>Where a contract stands. Only the moves in <c>ContractTransitions</c> are allowed; the last four are final.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ContractStatus>))]
public enum ContractStatus
{
    [JsonStringEnumMemberName("draft")] Draft,
    [JsonStringEnumMemberName("sent")] Sent,
    [JsonStringEnumMemberName("viewed")] Viewed,
    [JsonStringEnumMemberName("signed")] Signed,
    [JsonStringEnumMemberName("declined")] Declined,
    [JsonStringEnumMemberName("expired")] Expired,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

/// <summary>
/// A business's contract template. Its text lives in versions: editing adds a version and moves
/// <see cref="CurrentVersion"/>, so a contract made from an older version still prints as it was made. A removed
/// template is archived, never deleted, for the same reason.
/// </summary>
public sealed class ContractTemplate : IBusinessOwned
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }
    public required string Name { get; set; }
    public int CurrentVersion { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
    public List<ContractTemplateVersion> Versions { get; set; } = [];
}

/// <summary>One saved text of a template: sanitised rich-text HTML with Liquid placeholders, and its custom fields.</summary>
public sealed class ContractTemplateVersion : IBusinessOwned
{
    public Guid TemplateId { get; set; }
    public int Version { get; set; }
    public Guid BusinessId { get; set; }
    public required string Name { get; set; }
    public required string BodyHtml { get; set; }

    /// <summary>The custom fields as JSON: [{key, label, required}].</summary>
    public string FieldsJson { get; set; } = "[]";

    /// <summary>
    /// Set when the version's source is an uploaded PDF rather than rich text: the contract's PDF is that file as uploaded
    /// (<see cref="BodyHtml"/> is empty), and <see cref="PdfFieldsJson"/> places each signer role's fields on its pages.
    /// </summary>
    public Guid? PdfId { get; set; }

    /// <summary>The placed fields as JSON: [{key, kind, role, page, x, y, width, height, required, label}].</summary>
    public string PdfFieldsJson { get; set; } = "[]";
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedById { get; set; }
}

/// <summary>
/// A PDF an admin uploaded as a template's source. Versions that only move fields point at the same file, so a file is
/// stored once however often its fields change; it is never altered (a new file is a new row).
/// </summary>
public sealed class ContractTemplatePdf : IBusinessOwned
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }
    public required byte[] Pdf { get; set; }
    public required byte[] Sha256 { get; set; }
    public int PageCount { get; set; }
    /// <summary>Each page's width and height in points, as JSON [[w, h], …]: the editor lays pages out before their images load.</summary>
    public string PageSizesJson { get; set; } = "[]";
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedById { get; set; }
}

/// <summary>
/// A contract for one customer, made from one template version with the custom field values the agent filled in. Its
/// text is rendered from that version when printed; <see cref="ContractDate"/> is what <c>{{today}}</c> prints.
/// </summary>
public sealed class Contract : IBusinessOwned
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid TemplateId { get; set; }
    public int TemplateVersion { get; set; }
    public required string Title { get; set; }
    public ContractStatus Status { get; set; } = ContractStatus.Draft;

    /// <summary>The custom field values as a JSON object (key → text).</summary>
    public string FieldValuesJson { get; set; } = "{}";
    public DateOnly ContractDate { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedById { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset StatusChangedAt { get; set; }
}
