using AgentLocator.Api.Integrations.Pdf;
using AgentLocator.Grains.Calls.Providers;
using AgentLocator.Grains.Contracts;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Contracts;

/// <summary>
/// A contract's PDF, for the API and for the signing module (which signs exactly these bytes). The business is named so
/// a caller outside any request (the public signing page) reads through that business's tenant filter.
/// </summary>
public interface IContractDocuments
{
    /// <summary>
    /// The PDF, or null when the business has no such contract. A draft prints its draft mark unless
    /// <paramref name="asSent"/>: the copy that goes for signature is the agreement itself, not a draft of it.
    /// Throws <see cref="PdfRenderingException"/> when printing fails.
    /// </summary>
    Task<byte[]?> GetPdfAsync(Guid businessId, Guid contractId, CancellationToken cancellationToken = default, bool asSent = false);

    /// <summary>The fields the contract's template version placed on its uploaded PDF; empty for a rich-text template.</summary>
    Task<IReadOnlyList<PdfField>> GetFieldsAsync(Guid businessId, Guid contractId, CancellationToken cancellationToken = default);
}

public sealed class ContractDocuments(TenantDbContextFactory contexts, IPdfRenderer renderer, IMediaStore media) : IContractDocuments
{
    public static readonly PdfPageOptions PageOptions = new(MarginMillimetres: 18, PageNumbers: true, HebrewPageNumbers: true);

    public async Task<byte[]?> GetPdfAsync(Guid businessId, Guid contractId, CancellationToken cancellationToken = default, bool asSent = false)
    {
        await using var db = contexts.For(businessId);
        var contract = await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == contractId, cancellationToken);
        if (contract is null)
        {
            return null;
        }
        var version = await db.ContractTemplateVersions.AsNoTracking()
            .FirstAsync(v => v.TemplateId == contract.TemplateId && v.Version == contract.TemplateVersion, cancellationToken);
        if (version.PdfId is { } pdfId)
        {
            return await UploadedAsync(db, pdfId, cancellationToken);
        }
        var customer = await db.Customers.AsNoTracking().IgnoreQueryFilters()
            .FirstAsync(c => c.Id == contract.CustomerId && c.BusinessId == businessId, cancellationToken);
        var html = await HtmlAsync(db, version.BodyHtml, contract.Title, customer, contract.ContractDate,
            ContractFields.ReadValues(contract.FieldValuesJson), contract.Status == ContractStatus.Draft && !asSent, cancellationToken);
        return await renderer.RenderAsync(html, PageOptions, cancellationToken);
    }

    /// <summary>A contract not saved yet, as it would print: for the preview while the agent fills in the fields.</summary>
    public async Task<byte[]> PreviewAsync(AgentLocatorDbContext db, ContractTemplateVersion version, string title, Customer customer, DateOnly today,
        IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        if (version.PdfId is { } pdfId)
        {
            return await UploadedAsync(db, pdfId, cancellationToken);
        }
        var html = await HtmlAsync(db, version.BodyHtml, title, customer, today, values, draft: true, cancellationToken);
        return await renderer.RenderAsync(html, PageOptions, cancellationToken);
    }

    public async Task<IReadOnlyList<PdfField>> GetFieldsAsync(Guid businessId, Guid contractId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.For(businessId);
        var json = await db.Contracts.AsNoTracking().Where(c => c.Id == contractId)
            .Join(db.ContractTemplateVersions, c => new { c.TemplateId, Version = c.TemplateVersion }, v => new { v.TemplateId, v.Version }, (c, v) => v.PdfFieldsJson)
            .FirstOrDefaultAsync(cancellationToken);
        return PdfFields.Read(json);
    }

    /// <summary>A template's uploaded PDF is the contract's document as it is: nothing is rendered into it before signing.</summary>
    private static async Task<byte[]> UploadedAsync(AgentLocatorDbContext db, Guid pdfId, CancellationToken cancellationToken) =>
        await db.ContractTemplatePdfs.AsNoTracking().Where(p => p.Id == pdfId).Select(p => p.Pdf).FirstAsync(cancellationToken);

    private async Task<string> HtmlAsync(AgentLocatorDbContext db, string body, string title, Customer customer, DateOnly date,
        IReadOnlyDictionary<string, string> values, bool draft, CancellationToken cancellationToken)
    {
        var businessName = await db.Businesses.AsNoTracking().Where(b => b.Id == customer.BusinessId).Select(b => b.Name).FirstAsync(cancellationToken);
        var logo = await LogoAsync(db, cancellationToken);
        var rendered = ContractTemplateText.Render(body, new ContractValues(customer.Name, customer.Phone, businessName, date, values));
        return ContractHtml.Render(businessName, logo, title, rendered, draft);
    }

    /// <summary>The logo the invoice settings hold, as a data URI; none when unset or missing from the store.</summary>
    private async Task<string?> LogoAsync(AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        var settings = await db.TaxSettings.AsNoTracking().Select(s => new { s.LogoKey }).FirstOrDefaultAsync(cancellationToken);
        if (settings?.LogoKey is not { } key || await media.OpenAsync(MediaArea.Public, key, cancellationToken) is not { } stored)
        {
            return null;
        }
        var bytes = await File.ReadAllBytesAsync(stored.Path, cancellationToken);
        return $"data:{stored.ContentType};base64,{Convert.ToBase64String(bytes)}";
    }
}
