using AgentLocator.Grains.Contracts;
using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Api.Contracts;

// The wire shapes of contract templates and contracts. Field values travel as an object of key → text.

public sealed record ContractFieldDto(string? Key, string? Label, bool? Required);

/// <summary>
/// A field placed on an uploaded PDF: kind (signature, initials, date, text, checkbox), signer role, page (from 1), and a
/// rectangle in fractions of the page from its top-left corner; required unless said otherwise.
/// </summary>
public sealed record PdfFieldDto(string? Kind, string? Role, int? Page, double? X, double? Y, double? Width, double? Height, bool? Required, string? Label);

/// <summary>
/// A template's whole text (POST creates version 1, PUT adds the next version): rich text (<see cref="BodyHtml"/>), or an
/// uploaded PDF (<see cref="PdfId"/> from <c>POST /api/contract-templates/pdfs</c>) with the fields placed on it.
/// </summary>
public sealed record ContractTemplateRequest(string? Name, string? BodyHtml, IReadOnlyList<ContractFieldDto>? Fields, Guid? PdfId = null,
    IReadOnlyList<PdfFieldDto?>? PdfFields = null);

/// <summary>Where a template's text comes from.</summary>
public static class ContractTemplateSources
{
    public const string RichText = "rich_text";
    public const string Pdf = "pdf";
}

public sealed record ContractTemplateListItem(Guid Id, string Name, int Version, DateTimeOffset UpdatedAt, IReadOnlyList<ContractField> Fields,
    string Source = ContractTemplateSources.RichText);

public sealed record ContractTemplateVersionInfo(int Version, DateTimeOffset CreatedAt);

public sealed record ContractTemplateResponse(Guid Id, string Name, int Version, string BodyHtml, IReadOnlyList<ContractField> Fields,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<ContractTemplateVersionInfo> Versions,
    string Source = ContractTemplateSources.RichText, TemplatePdfResponse? Pdf = null, IReadOnlyList<PdfField>? PdfFields = null);

/// <summary>An uploaded template PDF: its pages' sizes in points (so the editor lays pages out before their images load).</summary>
public sealed record TemplatePdfResponse(Guid Id, int PageCount, IReadOnlyList<PdfPageSize> Pages);

public sealed record PdfPageSize(double Width, double Height);

/// <summary>The placeholders a template body may use, for the editor's menu: built-ins with Hebrew labels.</summary>
public sealed record ContractPlaceholder(string Name, string Label);

/// <summary>A contract to make from a template's current version; the title defaults to the template's name.</summary>
public sealed record ContractCreateRequest(Guid? TemplateId, string? Title, IReadOnlyDictionary<string, string?>? FieldValues);

/// <summary>A draft's title or field values, or a status move (by hand: <c>cancelled</c>; the rest come from the signing flow).</summary>
public sealed record ContractPatchRequest(string? Title, IReadOnlyDictionary<string, string?>? FieldValues, ContractStatus? Status);

public sealed record ContractCustomer(Guid Id, string Name);

public sealed record ContractListItem(Guid Id, string Title, ContractStatus Status, ContractCustomer Customer, Guid TemplateId, int TemplateVersion,
    DateOnly ContractDate, DateTimeOffset CreatedAt, DateTimeOffset StatusChangedAt);

public sealed record ContractResponse(Guid Id, string Title, ContractStatus Status, ContractCustomer Customer, Guid TemplateId, string TemplateName,
    int TemplateVersion, IReadOnlyList<ContractField> Fields, IReadOnlyDictionary<string, string> FieldValues, DateOnly ContractDate,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset StatusChangedAt, IReadOnlyList<ContractStatus> AllowedMoves);

/// <summary>The contracts list's query string, all text so a bad value is a 400 naming it.</summary>
public sealed record ContractListRequest(string? Status, string? From, string? To, string? Page, string? Limit);
