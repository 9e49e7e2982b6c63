using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Integrations.PdfSigning;

/// <summary>What an agent sees of the business's signing certificate; never the key.</summary>
public sealed record SigningCertificateInfo(string Subject, string Thumbprint, DateTimeOffset NotBefore, DateTimeOffset NotAfter, string Source);

/// <summary>
/// The certificate each business signs finished documents with: generated on first use (self-signed RSA 2048), or an
/// uploaded PFX. Stored as the certificate (DER) and its private key (PKCS#8) sealed by <see cref="CertificateKeyProtector"/>.
/// </summary>
public sealed class BusinessCertificates(TenantDbContextFactory contexts, CertificateKeyProtector protector, TimeProvider clock,
    ILogger<BusinessCertificates> logger)
{
    public const string Generated = "generated";
    public const string Uploaded = "uploaded";

    public async Task<X509Certificate2> GetOrCreateAsync(Guid businessId, CancellationToken cancellationToken)
    {
        await using var db = contexts.For(businessId);
        var settings = await db.SignatureSettings.FirstOrDefaultAsync(s => s.BusinessId == businessId, cancellationToken);
        var replacing = false;
        if (settings is { Certificate: { } der, EncryptedPrivateKey: { } sealedKey })
        {
            try
            {
                return Load(businessId, der, sealedKey);
            }
            catch (CryptographicException)
            {
                // Documents signed before still verify (each carries its certificate); new ones get a new certificate.
                logger.LogWarning("The signing key of business {BusinessId} cannot be unsealed (was the key-encryption key changed?); a new certificate is made",
                    businessId);
                replacing = true;
            }
        }
        var name = await db.Businesses.Where(b => b.Id == businessId).Select(b => b.Name).SingleAsync(cancellationToken);
        using var generated = SigningCertificateFactory.Generate(name, businessId, clock.GetUtcNow());
        if (await StoreAsync(db, settings, businessId, generated, Generated, onlyIfNone: !replacing, cancellationToken))
        {
            return X509CertificateLoader.LoadPkcs12(generated.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
        }
        // Another completion of the same business generated one first: use that one, so every document has the same signer.
        return await GetOrCreateAsync(businessId, cancellationToken);
    }

    public async Task<SigningCertificateInfo?> DescribeAsync(AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        var settings = await db.SignatureSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (settings?.Certificate is not { } der)
        {
            return null;
        }
        using var certificate = X509CertificateLoader.LoadCertificate(der);
        return new SigningCertificateInfo(certificate.Subject, certificate.Thumbprint, certificate.NotBefore.ToUniversalTime(),
            certificate.NotAfter.ToUniversalTime(), settings.CertificateSource ?? Generated);
    }

    /// <summary>Replaces the business's certificate with an uploaded PFX; null when it is accepted, else why not.</summary>
    public async Task<string?> UploadAsync(AgentLocatorDbContext db, Guid businessId, byte[] pfx, string? password, CancellationToken cancellationToken)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12(pfx, password, X509KeyStorageFlags.Exportable);
        }
        catch (CryptographicException)
        {
            return "The file is not a PFX this password opens.";
        }
        using (certificate)
        {
            if (!certificate.HasPrivateKey || (certificate.GetRSAPrivateKey() is null && certificate.GetECDsaPrivateKey() is null))
            {
                return "The PFX holds no RSA or ECDSA private key.";
            }
            if (certificate.NotAfter.ToUniversalTime() <= clock.GetUtcNow().UtcDateTime)
            {
                return "The certificate has expired.";
            }
            var settings = await db.SignatureSettings.FirstOrDefaultAsync(cancellationToken);
            await StoreAsync(db, settings, businessId, certificate, Uploaded, onlyIfNone: false, cancellationToken);
            return null;
        }
    }

    private async Task<bool> StoreAsync(AgentLocatorDbContext db, SignatureSettings? settings, Guid businessId, X509Certificate2 certificate,
        string source, bool onlyIfNone, CancellationToken cancellationToken)
    {
        var isNew = settings is null;
        settings ??= new SignatureSettings { BusinessId = businessId };
        if (onlyIfNone && settings.Certificate is not null)
        {
            return false;
        }
        settings.Certificate = certificate.Export(X509ContentType.Cert);
        settings.EncryptedPrivateKey = protector.Protect(businessId, ExportKey(certificate));
        settings.CertificateSource = source;
        settings.UpdatedAt = StoredTime.Now(clock);
        if (isNew)
        {
            db.SignatureSettings.Add(settings);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException) when (isNew && onlyIfNone)
        {
            return false;
        }
    }

    private static byte[] ExportKey(X509Certificate2 certificate)
    {
        using AsymmetricAlgorithm key = (AsymmetricAlgorithm?)certificate.GetRSAPrivateKey() ?? certificate.GetECDsaPrivateKey()!;
        return key.ExportPkcs8PrivateKey();
    }

    private X509Certificate2 Load(Guid businessId, byte[] der, byte[] sealedKey)
    {
        var pkcs8 = protector.Unprotect(businessId, sealedKey);
        try
        {
            using var publicOnly = X509CertificateLoader.LoadCertificate(der);
            X509Certificate2 withKey;
            if (publicOnly.GetRSAPublicKey() is not null)
            {
                using var rsa = RSA.Create();
                rsa.ImportPkcs8PrivateKey(pkcs8, out _);
                withKey = publicOnly.CopyWithPrivateKey(rsa);
            }
            else
            {
                using var ecdsa = ECDsa.Create();
                ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
                withKey = publicOnly.CopyWithPrivateKey(ecdsa);
            }
            using (withKey)
            {
                return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }
}
