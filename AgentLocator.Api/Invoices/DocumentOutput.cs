using System.Text.Json;
using AgentLocator.Api.Integrations.Pdf;
using AgentLocator.Grains.Calls.Providers;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Invoices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace AgentLocator.Api.Invoices;

/// <summary>
/// A document's PDF. For an issued document each output is counted in <c>tax_document_prints</c> (never on the document
/// row, which is immutable): the count is raised and the PDF printed inside one transaction, so the first PDF that reaches
/// anyone says "מקור" and every later one "העתק נאמן למקור"; a print that fails rolls its count back. A draft prints
/// "טיוטה" and counts nothing.
/// </summary>
public sealed class DocumentOutput(IPdfRenderer renderer, IMediaStore media, TimeProvider clock)
{
    public async Task<byte[]?> PdfAsync(AgentLocatorDbContext db, Guid documentId, CancellationToken cancellationToken)
    {
        var document = await db.TaxDocuments.AsNoTracking().Include(d => d.Lines).Include(d => d.Payments)
            .FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        if (document is null)
        {
            return null;
        }
        var issuer = await IssuerAsync(db, document, cancellationToken);
        var logo = await LogoAsync(issuer, cancellationToken);
        int? referencedNumber = document.ReferencedDocumentId is { } referencedId
            ? await db.TaxDocuments.AsNoTracking().Where(d => d.Id == referencedId).Select(d => d.Number).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (document.Status != TaxDocumentStatuses.Issued)
        {
            return await renderer.RenderAsync(DocumentHtml.Render(document, issuer, DocumentHtml.Mark(document, 0), logo, referencedNumber), cancellationToken: cancellationToken);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var output = await CountOutputAsync(db, document, cancellationToken);
        var pdf = await renderer.RenderAsync(DocumentHtml.Render(document, issuer, DocumentHtml.Mark(document, output), logo, referencedNumber),
            cancellationToken: cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return pdf;
    }

    /// <summary>This output's number (1 = the original); the row stays locked until the transaction ends.</summary>
    private async Task<int> CountOutputAsync(AgentLocatorDbContext db, TaxDocument document, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand("""
            INSERT INTO tax_document_prints (document_id, business_id, outputs, last_output_at) VALUES (@document, @business, 1, @at)
            ON CONFLICT (document_id) DO UPDATE SET outputs = tax_document_prints.outputs + 1, last_output_at = excluded.last_output_at
            RETURNING outputs
            """, connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        command.Parameters.AddWithValue("document", document.Id);
        command.Parameters.AddWithValue("business", document.BusinessId);
        command.Parameters.AddWithValue("at", clock.GetUtcNow());
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>An issued document prints with the issuer as it was at issue; a draft with today's settings.</summary>
    private static async Task<IssuerSnapshot> IssuerAsync(AgentLocatorDbContext db, TaxDocument document, CancellationToken cancellationToken)
    {
        if (document.IssuerJson is { } json && JsonSerializer.Deserialize<IssuerSnapshot>(json, JsonSerializerOptions.Web) is { } snapshot)
        {
            return snapshot;
        }
        var settings = await db.TaxSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        return settings is null
            ? new IssuerSnapshot("", DealerTypes.Licensed, "", null, null, null, null, null, null)
            : new IssuerSnapshot(settings.LegalName, settings.DealerType, settings.TaxId, settings.Address, settings.Phone, settings.Email,
                settings.BankDetails, settings.LogoKey, settings.LogoContentType);
    }

    private async Task<string?> LogoAsync(IssuerSnapshot issuer, CancellationToken cancellationToken)
    {
        if (issuer.LogoKey is not { } key || await media.OpenAsync(MediaArea.Public, key, cancellationToken) is not { } stored)
        {
            return null;
        }
        var bytes = await File.ReadAllBytesAsync(stored.Path, cancellationToken);
        return $"data:{stored.ContentType};base64,{Convert.ToBase64String(bytes)}";
    }
}
