using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Integrations.PdfSigning;
using AgentLocator.Grains.Audit;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Signatures;

/// <summary>The business's signature settings (admin): how long links live, and its signing certificate (shown; replaced by a PFX upload).</summary>
public static class SignatureSettingsApi
{
    public const int MaxPfxBytes = 64 * 1024;

    internal static RouteGroupBuilder MapSignatureSettings(this RouteGroupBuilder signatures)
    {
        signatures.MapGet("/settings", GetAsync).WithSummary("Link lifetime and the signing certificate (never its key).");
        signatures.MapPut("/settings", UpdateAsync).RequireAuthorization(AuthorizationPolicies.Admin).WithSummary("Set how many days links stay open (1–90).");
        signatures.MapPost("/settings/certificate", UploadCertificateAsync).RequireAuthorization(AuthorizationPolicies.Admin).DisableAntiforgery()
            .WithSummary("Replace the signing certificate with a PFX (multipart: file, password).");
        return signatures;
    }

    public static async Task<Ok<SignatureSettingsResponse>> GetAsync(AgentLocatorDbContext db, BusinessCertificates certificates,
        CancellationToken cancellationToken) => TypedResults.Ok(await ReadAsync(db, certificates, cancellationToken));

    public static async Task<Results<Ok<SignatureSettingsResponse>, ValidationProblem>> UpdateAsync(SignatureSettingsRequest request, HttpContext context,
        AgentLocatorDbContext db, BusinessCertificates certificates, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.LinkLifetimeDays is not (>= 1 and <= 90))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["linkLifetimeDays"] = ["בין 1 ל-90 ימים."] });
        }
        var settings = await db.SignatureSettings.FirstOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            settings = new SignatureSettings { BusinessId = context.User.GetBusinessId() };
            db.SignatureSettings.Add(settings);
        }
        settings.LinkLifetimeDays = request.LinkLifetimeDays.Value;
        settings.UpdatedAt = StoredTime.Now(clock);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await ReadAsync(db, certificates, cancellationToken));
    }

    public static async Task<Results<Ok<SignatureSettingsResponse>, ProblemHttpResult>> UploadCertificateAsync(HttpRequest request, HttpContext context,
        AgentLocatorDbContext db, BusinessCertificates certificates, IAuditLog audit, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send multipart/form-data with the PFX in a field named file.");
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
        if (form.Files.GetFile("file") is not { Length: > 0 and <= MaxPfxBytes } file)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Choose a PFX file (at most 64 KB).");
        }
        var pfx = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(pfx, cancellationToken);
        }
        var password = form["password"].ToString();
        if (await certificates.UploadAsync(db, context.User.GetBusinessId(), pfx, password.Length > 0 ? password : null, cancellationToken) is { } problem)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: problem);
        }
        await audit.RecordAsync(AuditActions.SigningCertificateUploaded, AuditTarget.Business(context.User.GetBusinessId()), cancellationToken: cancellationToken);
        return TypedResults.Ok(await ReadAsync(db, certificates, cancellationToken));
    }

    private static async Task<SignatureSettingsResponse> ReadAsync(AgentLocatorDbContext db, BusinessCertificates certificates,
        CancellationToken cancellationToken)
    {
        var days = await db.SignatureSettings.AsNoTracking().Select(s => (int?)s.LinkLifetimeDays).FirstOrDefaultAsync(cancellationToken) ?? 14;
        return new SignatureSettingsResponse(days, await certificates.DescribeAsync(db, cancellationToken));
    }
}
