using System.Security.Cryptography;
using AgentLocator.Api.Integrations.Pdf;
using AgentLocator.Api.Integrations.PdfSigning;
using AgentLocator.Grains.Contracts;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Signatures;

/// <summary>
/// Finishes a request whose signers have all signed: the signed copy (stamps, certificate page, PKCS#7 with the business's
/// certificate) is written once, with its hash, and the request is <c>signed</c>. When the PDF cannot be made right now
/// (the renderer is busy or down) the signatures stand and the next download finishes it.
/// </summary>
public sealed class SignatureCompletion(SignedPdfBuilder builder, BusinessCertificates certificates, SignatureTrail trail, TimeProvider clock,
    ILogger<SignatureCompletion> logger)
{
    /// <summary>True when this call completed the request (the caller saves and commits).</summary>
    public async Task<bool> TryCompleteAsync(AgentLocatorDbContext db, SignatureRequest request, CancellationToken cancellationToken)
    {
        if (request.SignedPdf is not null || request.Signers.Count == 0 || request.Signers.Any(s => s.Status != SignatureStatuses.Signed)
            || request.Status is SignatureStatuses.Cancelled or SignatureStatuses.Declined)
        {
            return false;
        }
        var businessName = await db.Businesses.Where(b => b.Id == request.BusinessId).Select(b => b.Name).SingleAsync(cancellationToken);
        var now = StoredTime.Now(clock);
        var signers = request.Signers.OrderBy(s => s.Position).Select(s => new CertificateSigner(s.Name, s.Phone, s.Role, s.SignedAt!.Value, s.SignedIp,
            s.SignedUserAgent, s.CodeVerifiedAt is not null, s.SignaturePng!, s.TypedSignature)).ToList();
        byte[] signed;
        try
        {
            using var certificate = await certificates.GetOrCreateAsync(request.BusinessId, cancellationToken);
            signed = await builder.BuildAsync(new SignedPdfInput(request.OriginalPdf, request.Title, businessName, signers, now, FieldStamps(request)),
                certificate, cancellationToken);
        }
        catch (PdfRenderingException failure)
        {
            logger.LogWarning(failure, "The signed copy of request {RequestId} could not be made now; the next download retries", request.Id);
            return false;
        }
        request.SignedPdf = signed;
        request.SignedSha256 = SHA256.HashData(signed);
        request.Status = SignatureStatuses.Signed;
        request.CompletedAt = now;
        request.UpdatedAt = now;
        trail.Record(db, request, SignatureEventActions.Completed, new SignatureActor(SignatureActor.System, null, null, null, null),
            detail: "SHA-256 " + Convert.ToHexStringLower(request.SignedSha256));
        return true;
    }

    /// <summary>Every value the signers filled into their fields, where it is stamped; an unticked box and an empty field leave nothing.</summary>
    private static List<FieldStamp> FieldStamps(SignatureRequest request) =>
    [
        .. request.Signers.OrderBy(s => s.Position).SelectMany(signer =>
        {
            var values = SignerFields.Values(signer);
            return SignerFields.For(request, signer).Where(field => values.TryGetValue(field.Key, out var value) && (field.Kind != PdfFieldKinds.Checkbox || value == "true")).Select(field =>
            {
                var value = values[field.Key];
                return field.Kind switch
                {
                    PdfFieldKinds.Signature or PdfFieldKinds.Initials =>
                        new FieldStamp(field.Page, field.X, field.Y, field.Width, field.Height, Png: Convert.FromBase64String(value)),
                    PdfFieldKinds.Checkbox => new FieldStamp(field.Page, field.X, field.Y, field.Width, field.Height, Ticked: true),
                    _ => new FieldStamp(field.Page, field.X, field.Y, field.Width, field.Height, Text: value),
                };
            });
        }),
    ];
}
