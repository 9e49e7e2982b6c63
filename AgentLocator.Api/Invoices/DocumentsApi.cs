using AgentLocator.Api.Customers;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Infrastructure.Paging;
using AgentLocator.Api.Integrations.Pdf;
using AgentLocator.Api.Integrations.TaxAuthority;
using AgentLocator.Api.Invoices.Uniform;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Invoices;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Invoices;

/// <summary>
/// Tax documents under <c>/api/invoices</c> (feature <c>invoices</c>): drafts, the issue, quote conversion, lists, CSV,
/// PDFs and public links. Writes go through <see cref="TaxDocumentWriter"/>; reads query Postgres directly.
/// </summary>
public static class DocumentsApi
{
    public static IEndpointRouteBuilder MapInvoicesApi(this IEndpointRouteBuilder app)
    {
        var invoices = app.MapGroup("/api/invoices").RequireAuthorization().WithTags("Invoices");
        invoices.MapInvoiceSettings();
        invoices.MapMonthlySummary();
        invoices.MapUniformExport();
        invoices.MapDocumentSending();
        invoices.MapDocumentHistory();
        invoices.MapGet("/documents", ListAsync).WithSummary("A page of documents: type, status, customer, date range, number, amount range.");
        invoices.MapGet("/documents/export.csv", DocumentCsvExport.ExportAsync).WithSummary("The list (same filters, no paging) as CSV.");
        invoices.MapPost("/documents", CreateAsync).WithSummary("Create a draft.");
        invoices.MapGet("/documents/{id:guid}", GetAsync);
        invoices.MapPut("/documents/{id:guid}", ReplaceAsync).WithSummary("Replace a draft's content (an issued document is final: 409).");
        invoices.MapDelete("/documents/{id:guid}", DeleteAsync).WithSummary("Delete a draft.");
        invoices.MapPost("/documents/{id:guid}/issue", IssueAsync)
            .WithSummary("Issue a draft: its number is allocated, gapless, in the same transaction; 409 when a rule forbids it.");
        invoices.MapPost("/documents/{id:guid}/convert", ConvertAsync).WithSummary("A new draft invoice from a quote.");
        invoices.MapGet("/documents/{id:guid}/pdf", PdfAsync).WithSummary("The PDF: the first output of an issued document is the original, later ones true copies.");
        invoices.MapPost("/documents/{id:guid}/links", CreateLinkAsync).WithSummary("A public link to the issued document's PDF (shown once).");
        invoices.MapGet("/customers/{customerId:guid}/documents", CustomerDocumentsAsync).WithSummary("A customer's documents, newest first.");
        invoices.MapPost("/documents/{id:guid}/cancel", CancelAsync)
            .WithSummary("Cancel a document the Tax Authority refused an allocation number for: it keeps its number and is reported as cancelled.");
        invoices.MapPost("/documents/{id:guid}/allocation/retry", RetryAllocationAsync)
            .WithSummary("Ask the Tax Authority again for a pending document's allocation number.");
        app.MapPublicDocumentLinks();
        app.MapTaxAuthorityCallback();
        return app;
    }

    public static async Task<Results<Ok<PagedResponse<DocumentListItem>>, ValidationProblem>> ListAsync([AsParameters] DocumentListRequest request,
        AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var query = DocumentListQuery.Parse(request, errors);
        var paging = PageRequest.Parse(request.Page, request.Limit, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The list request has invalid parameters.");
        }
        return TypedResults.Ok(await PageAsync(query.Filter(db.TaxDocuments.AsNoTracking()), paging, cancellationToken));
    }

    public static async Task<Results<Ok<PagedResponse<DocumentListItem>>, ValidationProblem, ProblemHttpResult>> CustomerDocumentsAsync(
        Guid customerId, string? page, string? limit, AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var paging = PageRequest.Parse(page, limit, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The list request has invalid parameters.");
        }
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, cancellationToken))
        {
            return CustomersApi.NotFound();
        }
        var query = new DocumentListQuery(null, null, customerId, null, null, null, null, null);
        return TypedResults.Ok(await PageAsync(query.Filter(db.TaxDocuments.AsNoTracking()), paging, cancellationToken));
    }

    private static async Task<PagedResponse<DocumentListItem>> PageAsync(IQueryable<TaxDocument> documents, PageRequest paging,
        CancellationToken cancellationToken)
    {
        var total = await documents.LongCountAsync(cancellationToken);
        var items = await documents.Skip(paging.Skip).Take(paging.Limit)
            .Select(d => new DocumentListItem(d.Id, d.Type, "", d.Status, d.Number, d.DocumentDate, d.CustomerId, d.CustomerName,
                d.SubtotalAgorot, d.VatAgorot, d.TotalAgorot, d.IssuedAt))
            .ToListAsync(cancellationToken);
        var totalPages = (total + paging.Limit - 1) / paging.Limit;
        return new PagedResponse<DocumentListItem>([.. items.Select(i => i with { TypeName = TaxDocumentTypes.Hebrew(i.Type), IssuedAt = i.IssuedAt?.ToUniversalTime() })],
            new PageInfo(paging.Page, paging.Limit, total, totalPages, paging.Page < totalPages));
    }

    public static async Task<Results<Ok<DocumentResponse>, ProblemHttpResult>> GetAsync(Guid id, AgentLocatorDbContext db, CancellationToken cancellationToken) =>
        await ResponseAsync(db, id, cancellationToken) is { } response ? TypedResults.Ok(response) : NotFound();

    public static async Task<Results<Created<DocumentResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(DocumentRequest request,
        HttpContext context, TaxDocumentWriter writer, AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (DocumentRequestShape.Parse(request, errors) is not { } draft)
        {
            return TypedResults.ValidationProblem(errors, title: "The document is not valid.");
        }
        var outcome = await writer.SaveDraftAsync(null, draft, context.User.GetUserId(), cancellationToken);
        return outcome.Kind == TaxDocumentOutcomeKind.Ok
            ? TypedResults.Created($"/api/invoices/documents/{outcome.Document!.Id}", (await ResponseAsync(db, outcome.Document.Id, cancellationToken))!)
            : Refusal(outcome);
    }

    public static async Task<Results<Ok<DocumentResponse>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(Guid id, DocumentRequest request,
        HttpContext context, TaxDocumentWriter writer, AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (DocumentRequestShape.Parse(request, errors) is not { } draft)
        {
            return TypedResults.ValidationProblem(errors, title: "The document is not valid.");
        }
        var outcome = await writer.SaveDraftAsync(id, draft, context.User.GetUserId(), cancellationToken);
        return outcome.Kind == TaxDocumentOutcomeKind.Ok ? TypedResults.Ok((await ResponseAsync(db, id, cancellationToken))!) : Refusal(outcome);
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAsync(Guid id, TaxDocumentWriter writer,
        CancellationToken cancellationToken)
    {
        var outcome = await writer.DeleteDraftAsync(id, cancellationToken);
        return outcome.Kind == TaxDocumentOutcomeKind.Ok ? TypedResults.NoContent() : Refusal(outcome);
    }

    /// <summary>
    /// A document that needs an allocation number is numbered and asked for it at once: the answer is issued with the number,
    /// or pending_allocation with the reason (retried in the background, or by the retry route).
    /// </summary>
    public static async Task<Results<Ok<DocumentResponse>, ValidationProblem, ProblemHttpResult>> IssueAsync(Guid id, HttpContext context,
        TaxDocumentWriter writer, AllocationAttempts allocations, AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        var outcome = await writer.IssueAsync(id, context.User.GetUserId(), context.User.Identity?.Name, cancellationToken);
        if (outcome.Kind != TaxDocumentOutcomeKind.Ok)
        {
            return Refusal(outcome);
        }
        if (outcome.Document!.Status == TaxDocumentStatuses.PendingAllocation)
        {
            await allocations.AttemptAsync(db, id, cancellationToken);
        }
        return TypedResults.Ok((await ResponseAsync(db, id, cancellationToken))!);
    }

    public static async Task<Results<Ok<DocumentResponse>, ProblemHttpResult>> RetryAllocationAsync(Guid id, AllocationAttempts allocations,
        AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        var status = await db.TaxDocuments.AsNoTracking().Where(d => d.Id == id).Select(d => d.Status).FirstOrDefaultAsync(cancellationToken);
        if (status is null)
        {
            return NotFound();
        }
        if (status != TaxDocumentStatuses.PendingAllocation)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The document does not wait for an allocation number.");
        }
        await allocations.AttemptAsync(db, id, cancellationToken);
        return TypedResults.Ok((await ResponseAsync(db, id, cancellationToken))!);
    }

    public static async Task<Results<Ok<DocumentResponse>, ProblemHttpResult>> CancelAsync(Guid id, HttpContext context, TaxDocumentRelease release,
        AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        var outcome = await release.CancelRefusedAsync(id, context.User.GetUserId(), context.User.Identity?.Name, cancellationToken);
        return outcome.Kind == TaxDocumentOutcomeKind.Ok ? TypedResults.Ok((await ResponseAsync(db, id, cancellationToken))!) : Refusal(outcome);
    }

    public static async Task<Results<Created<DocumentResponse>, ValidationProblem, ProblemHttpResult>> ConvertAsync(Guid id, ConvertRequest request,
        HttpContext context, TaxDocumentWriter writer, AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        if (request.Type is not (TaxDocumentTypes.TaxInvoice or TaxDocumentTypes.TaxInvoiceReceipt))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["type"] = ["type is tax_invoice or tax_invoice_receipt."] },
                title: "The conversion is not valid.");
        }
        var outcome = await writer.ConvertQuoteAsync(id, request.Type, context.User.GetUserId(), cancellationToken);
        return outcome.Kind == TaxDocumentOutcomeKind.Ok
            ? TypedResults.Created($"/api/invoices/documents/{outcome.Document!.Id}", (await ResponseAsync(db, outcome.Document.Id, cancellationToken))!)
            : Refusal(outcome);
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PdfAsync(Guid id, AgentLocatorDbContext db, DocumentOutput output,
        CancellationToken cancellationToken)
    {
        try
        {
            var number = await db.TaxDocuments.AsNoTracking().Where(d => d.Id == id).Select(d => new { d.Type, d.Number }).FirstOrDefaultAsync(cancellationToken);
            return number is not null && await output.PdfAsync(db, id, cancellationToken) is { } pdf
                ? TypedResults.File(pdf, "application/pdf", number.Number is { } n ? $"{number.Type}-{n}.pdf" : $"{number.Type}-draft.pdf")
                : NotFound();
        }
        catch (PdfRenderingException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The PDF could not be made right now; try again.");
        }
    }

    public static async Task<Results<Created<DocumentLinkResponse>, ProblemHttpResult>> CreateLinkAsync(Guid id, HttpContext context,
        AgentLocatorDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var document = await db.TaxDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (document is null)
        {
            return NotFound();
        }
        if (document.Status != TaxDocumentStatuses.Issued)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Only an issued document is sent to a customer.");
        }
        var link = await PublicDocumentLinks.CreateAsync(db, document, context.User.GetUserId(), clock, cancellationToken);
        return TypedResults.Created(link.Url, link);
    }

    internal static async Task<DocumentResponse?> ResponseAsync(AgentLocatorDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var document = await db.TaxDocuments.AsNoTracking().Include(d => d.Lines).Include(d => d.Payments)
            .FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (document is null)
        {
            return null;
        }
        InvoiceBalance? balance = null;
        if (document.Status == TaxDocumentStatuses.Issued && TaxDocumentTypes.IsInvoice(document.Type))
        {
            balance = (await InvoiceBalances.OfAsync(db, [id], cancellationToken))[id];
        }
        var outputs = await db.TaxDocumentPrints.AsNoTracking().Where(p => p.DocumentId == id).Select(p => p.Outputs).FirstOrDefaultAsync(cancellationToken);
        // Only a document that needed a number has an allocation row: the others skip the query (an issue under load
        // waits for pooled connections, and every round trip counts there).
        var allocation = document.Status == TaxDocumentStatuses.PendingAllocation || document.AllocationNumber is not null
            ? await db.TaxDocumentAllocations.AsNoTracking().Where(a => a.DocumentId == id)
                .Select(a => new DocumentAllocation(a.State, a.Reason, a.Attempts, a.LastAttemptAt, a.NextAttemptAt)).FirstOrDefaultAsync(cancellationToken)
            : null;
        return DocumentResponse.From(document, balance, outputs) with
        {
            Allocation = allocation is null ? null
                : allocation with { LastAttemptAt = allocation.LastAttemptAt?.ToUniversalTime(), NextAttemptAt = allocation.NextAttemptAt?.ToUniversalTime() },
        };
    }

    private static ProblemHttpResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Document not found.");

    /// <summary>The writer's refusal as problem+json: 422 naming the field, 409 for the document's state, 404.</summary>
    private static ProblemHttpResult Refusal(TaxDocumentOutcome outcome) => outcome.Kind switch
    {
        TaxDocumentOutcomeKind.Invalid => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: outcome.Title,
            extensions: new Dictionary<string, object?> { ["errors"] = outcome.Errors }),
        TaxDocumentOutcomeKind.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: outcome.Title, detail: outcome.Detail),
        _ => NotFound(),
    };
}
