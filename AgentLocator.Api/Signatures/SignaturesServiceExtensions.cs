using AgentLocator.Api.Infrastructure.Hosting;
using AgentLocator.Api.Integrations.PdfSigning;
using AgentLocator.Api.Signatures;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;

// In the hosting namespace, like the other modules' wiring, so ApplicationServiceExtensions needs only the call.
namespace Microsoft.Extensions.Hosting;

public static class SignaturesServiceExtensions
{
    /// <summary>
    /// Signature requests: the service, the signer's session, signed-PDF making (PDFsharp + the Chromium renderer), the
    /// businesses' certificates (keys sealed by <c>Signatures:KeyEncryptionKey</c>, else a key derived from the JWT secret),
    /// and the public routes' limits: <c>Signatures:PublicRequestsPerMinutePerAddress</c> (default 300) and
    /// <c>Signatures:PublicRequestsPerMinutePerLink</c> (default 120). The observer is a no-op unless one is registered.
    /// </summary>
    public static IHostApplicationBuilder AddSignatures(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<CertificateKeyProtector>();
        services.AddSingleton<BusinessCertificates>();
        services.AddSingleton<SignedPdfBuilder>();
        services.AddSingleton<PdfPageImageCache>();
        services.AddSingleton<SignatureTrail>();
        services.AddSingleton<SignatureNotifier>();
        services.AddSingleton<SignatureCompletion>();
        services.AddSingleton<SignatureRequestService>();
        services.AddSingleton<ISignatureRequests>(provider => provider.GetRequiredService<SignatureRequestService>());
        services.AddSingleton<SignerSession>();
        services.TryAddSingleton<ISignatureRequestObserver, NoSignatureRequestObserver>();
        services.AddSingleton(new SigningLinkLimiter(builder.Configuration.GetValue("Signatures:PublicRequestsPerMinutePerLink", 120)));
        var perAddress = builder.Configuration.GetValue("Signatures:PublicRequestsPerMinutePerAddress", 300);
        services.AddRateLimiter(limiter => limiter.AddPolicy(PublicSigningApi.RateLimitPolicy, new PerAddressRateLimit(perAddress, "Too many requests from this address.")));
        return builder;
    }

    public static IEndpointRouteBuilder MapSignatures(this IEndpointRouteBuilder app) =>
        app.MapSignaturesApi().MapPublicSigningApi().MapDocumentVerifyApi();
}
