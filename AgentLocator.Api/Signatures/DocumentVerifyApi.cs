using System.Security.Cryptography;
using AgentLocator.Api.Integrations.PdfSigning;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Signatures;

/// <summary>
/// <c>POST /api/documents/verify</c>: anyone holding a signed PDF can check it, no login. Whether we issued it (its SHA-256
/// is a signed copy we stored), whether it is unchanged (its PKCS#7 signature holds over the whole file), and who signed
/// when — only what the document's own certificate page already shows. Rate-limited per address.
/// </summary>
public static class DocumentVerifyApi
{
    public const string Route = "/api/documents/verify";

    internal static IEndpointRouteBuilder MapDocumentVerifyApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, VerifyAsync).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(PublicSigningApi.RateLimitPolicy).WithTags("Signing")
            .WithSummary("Check a PDF (multipart field file): issued by us, unchanged, who signed when.");
        return app;
    }

    public static async Task<Results<Ok<DocumentVerification>, ProblemHttpResult>> VerifyAsync(HttpRequest request, TenantDbContextFactory contexts,
        CancellationToken cancellationToken)
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
        catch (Exception failure) when (failure is InvalidDataException or BadHttpRequestException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The upload was not a readable multipart form.");
        }
        if (form.Files.GetFile("file") is not { Length: > 0 } file || file.Length > SignatureRequestService.MaxPdfBytes + 2 * 1024 * 1024)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Choose a PDF file (at most 22 MB).");
        }
        var pdf = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(pdf, cancellationToken);
        }
        var hash = SHA256.HashData(pdf);
        var signature = PdfSignatureCheck.Check(pdf);
        await using var across = contexts.AcrossTenants();
        var issued = await across.SignatureRequests.IgnoreQueryFilters().AsNoTracking().Where(r => r.SignedSha256 == hash)
            .Select(r => new
            {
                r.Title, r.CompletedAt, Business = across.Businesses.Where(b => b.Id == r.BusinessId).Select(b => b.Name).FirstOrDefault(),
                Signers = r.Signers.OrderBy(s => s.Position).Select(s => new VerifiedSigner(s.Name, s.Role, s.SignedAt)).ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        return TypedResults.Ok(new DocumentVerification(
            Issued: issued is not null, SignaturePresent: signature.Present, SignatureValid: signature.Valid,
            Unchanged: signature.Valid && signature.CoversWholeFile, Sha256: Convert.ToHexStringLower(hash), Title: issued?.Title,
            BusinessName: issued?.Business, CompletedAt: issued?.CompletedAt?.ToUniversalTime(), CertificateSubject: signature.SignerSubject,
            Signers: issued is null ? [] : [.. issued.Signers.Select(s => s with { SignedAt = s.SignedAt?.ToUniversalTime() })]));
    }
}
