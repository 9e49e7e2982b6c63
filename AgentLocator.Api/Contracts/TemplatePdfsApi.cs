using System.Security.Cryptography;
using System.Text.Json;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Integrations.PdfSigning;
using AgentLocator.Api.Signatures;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PdfSharp.Pdf.IO;

namespace AgentLocator.Api.Contracts;

/// <summary>
/// Uploaded PDFs that templates are made from (<c>/api/contract-templates/pdfs</c>, feature <c>contracts</c>): an admin
/// uploads a file (at most 20 MB, a readable PDF of 1–100 pages), the editor shows its pages as PNGs to place fields on,
/// and saving the template (<c>pdfId</c> with <c>pdfFields</c>) makes it a version's source. The file is never changed.
/// </summary>
public static class TemplatePdfsApi
{
    /// <summary>Room for the multipart envelope around a file of the largest size allowed.</summary>
    private const long RequestLimit = SignatureRequestService.MaxPdfBytes + 1024 * 1024;

    public static IEndpointRouteBuilder MapTemplatePdfsApi(this IEndpointRouteBuilder app)
    {
        var pdfs = app.MapGroup("/api/contract-templates/pdfs").RequireAuthorization().WithTags("Contracts");
        pdfs.MapPost("/", UploadAsync).RequireAuthorization(AuthorizationPolicies.Admin).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(RequestLimit))
            .WithSummary("Upload a PDF (multipart, field file; at most 20 MB) to make a template from. 413 when larger, 422 when not a readable PDF.");
        pdfs.MapGet("/{id:guid}", GetAsync).WithSummary("An uploaded template PDF's page count and page sizes (points).");
        pdfs.MapGet("/{id:guid}/pages/{page:int}", PageAsync).WithSummary("One page as a PNG (1100 px wide), to place fields on.");
        return app;
    }

    public static async Task<Results<Created<TemplatePdfResponse>, ProblemHttpResult>> UploadAsync(HttpRequest request, HttpContext context,
        AgentLocatorDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send multipart/form-data with the PDF in a field named file.");
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (BadHttpRequestException failure) when (failure.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }
        catch (Exception failure) when (failure is InvalidDataException or BadHttpRequestException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The upload was not a readable multipart form.");
        }
        var file = form.Files.GetFile("file");
        if (file is { Length: > SignatureRequestService.MaxPdfBytes })
        {
            return TooLarge();
        }
        var bytes = new byte[file?.Length ?? 0];
        if (file is not null)
        {
            await using var stream = file.OpenReadStream();
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }
        var errors = new Dictionary<string, string[]>();
        var pages = SignatureRequestService.PageCount(bytes, errors);
        var sizes = errors.Count == 0 ? PageSizes(bytes) : null;
        if (sizes is null)
        {
            errors.TryAdd("file", ["לא ניתן לקרוא את קובץ ה-PDF."]);
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The file is not a PDF that can be used.",
                extensions: new Dictionary<string, object?> { ["errors"] = errors });
        }
        var pdf = new ContractTemplatePdf
        {
            Id = Guid.CreateVersion7(), BusinessId = db.CurrentBusinessIdForQueries, Pdf = bytes, Sha256 = SHA256.HashData(bytes), PageCount = pages,
            PageSizesJson = JsonSerializer.Serialize(sizes.Select(size => new[] { size.Width, size.Height })), CreatedAt = StoredTime.Now(clock),
            CreatedById = context.User.GetUserId(),
        };
        db.ContractTemplatePdfs.Add(pdf);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/contract-templates/pdfs/{pdf.Id}", Response(pdf.Id, pdf.PageCount, pdf.PageSizesJson));
    }

    public static async Task<Results<Ok<TemplatePdfResponse>, ProblemHttpResult>> GetAsync(Guid id, AgentLocatorDbContext db, CancellationToken cancellationToken) =>
        await InfoAsync(db, id, cancellationToken) is { } info ? TypedResults.Ok(info) : NotFound();

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PageAsync(Guid id, int page, AgentLocatorDbContext db, HttpContext context,
        CancellationToken cancellationToken)
    {
        var pdf = await db.ContractTemplatePdfs.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Pdf, p.PageCount })
            .FirstOrDefaultAsync(cancellationToken);
        if (pdf is null || page < 1 || page > pdf.PageCount)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such page.");
        }
        var png = await PdfPageImages.RenderAsync(pdf.Pdf, page, cancellationToken);
        if (png is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The page could not be shown right now; try again.");
        }
        // The file never changes, so its page images do not either.
        context.Response.Headers.CacheControl = "private, max-age=86400";
        return TypedResults.File(png, "image/png");
    }

    internal static async Task<TemplatePdfResponse?> InfoAsync(AgentLocatorDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var row = await db.ContractTemplatePdfs.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Id, p.PageCount, p.PageSizesJson })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : Response(row.Id, row.PageCount, row.PageSizesJson);
    }

    private static TemplatePdfResponse Response(Guid id, int pageCount, string sizesJson) => new(id, pageCount,
        [.. (JsonSerializer.Deserialize<double[][]>(sizesJson) ?? []).Select(size => new PdfPageSize(size[0], size[1]))]);

    /// <summary>Each page's size in points as it is shown (a page turned by /Rotate 90 or 270 shows its sides swapped); null when unreadable.</summary>
    private static List<PdfPageSize>? PageSizes(byte[] bytes)
    {
        try
        {
            using var stream = new MemoryStream(bytes);
            using var document = PdfReader.Open(stream, PdfDocumentOpenMode.Import);
            return [.. document.Pages.Cast<PdfSharp.Pdf.PdfPage>().Select(page =>
            {
                var (width, height) = (page.MediaBox.Width, page.MediaBox.Height);
                return page.Rotate % 180 == 0 ? new PdfPageSize(Math.Round(width, 2), Math.Round(height, 2)) : new PdfPageSize(Math.Round(height, 2), Math.Round(width, 2));
            })];
        }
        // PDFsharp throws plain Exception for some damaged files ("The StartXRef table could not be found"): any failure to
        // read the upload is the upload's fault, not a server error.
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            return null;
        }
    }

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The file is larger than 20 MB.",
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["file"] = ["הקובץ גדול מ-20MB."] } });

    private static ProblemHttpResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such template PDF.");
}
