using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AgentLocator.Api.Integrations.PdfSigning;

/// <summary>
/// A business's document-signing certificate when it uploaded none: self-signed RSA 2048, SHA-256, for digital signature
/// and non-repudiation, valid ten years. Self-signed means a reader's tool calls it untrusted, but still proves the bytes
/// are unchanged since the business's key signed them.
/// </summary>
public static class SigningCertificateFactory
{
    public static X509Certificate2 Generate(string businessName, Guid businessId, DateTimeOffset now)
    {
        using var key = RSA.Create(2048);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(businessName.Length > 0 ? businessName : "AgentLocator business");
        subject.AddOrganizationName("AgentLocator");
        subject.AddOrganizationalUnitName(businessId.ToString());
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
        // Through PKCS#12 so the key is usable by CMS on every platform (an ephemeral key is not, on some).
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }
}
