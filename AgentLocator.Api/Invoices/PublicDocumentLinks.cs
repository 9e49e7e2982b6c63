using System.Security.Cryptography;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Integrations.Pdf;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Timeline;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AgentLocator.Api.Invoices;

/// <summary>
/// Links that open one issued document's PDF without login, for sending to the customer. The token is 128 random bits
/// (base64url); only its SHA-256 is stored, so the database alone cannot open a document. A link reaches its own
/// document only, expires (<see cref="Lifetime"/>), and the public route is rate-limited per address.
/// </summary>
public static class PublicDocumentLinks
{
    public const string Route = "/api/public/documents/{token}";
    public const string RateLimitPolicy = "public-document";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    internal static IEndpointRouteBuilder MapPublicDocumentLinks(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, OpenAsync).AllowAnonymous().RequireRateLimiting(RateLimitPolicy).WithTags("Invoices")
            .WithSummary("A document's PDF by its public link (no login).");
        return app;
    }

    public static async Task<DocumentLinkResponse> CreateAsync(AgentLocatorDbContext db, TaxDocument document, Guid userId, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(16));
        var now = clock.GetUtcNow();
        db.TaxDocumentLinks.Add(new TaxDocumentLink
        {
            Id = Guid.CreateVersion7(), BusinessId = document.BusinessId, DocumentId = document.Id, TokenHash = Hash(token),
            CreatedAt = now, CreatedById = userId, ExpiresAt = now + Lifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return new DocumentLinkResponse($"/api/public/documents/{token}", now + Lifetime);
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> OpenAsync(string token, TenantDbContextFactory contexts,
        DocumentOutput output, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (token.Length is < 20 or > 64)
        {
            return Gone();
        }
        var hash = Hash(token);
        await using var across = contexts.AcrossTenants();
        // The link row is what names the business: read it alone, then act only as that business.
        var link = await across.TaxDocumentLinks.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        if (link is null || link.ExpiresAt <= clock.GetUtcNow())
        {
            return Gone();
        }
        await using var db = contexts.For(link.BusinessId);
        var document = await db.TaxDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == link.DocumentId, cancellationToken);
        try
        {
            if (document is null || await output.PdfAsync(db, link.DocumentId, cancellationToken) is not { } pdf)
            {
                return Gone();
            }
            await RecordOpenedAsync(db, document, link.Id, clock, cancellationToken);
            return TypedResults.File(pdf, "application/pdf", $"{document.Type}-{document.Number}.pdf");
        }
        catch (PdfRenderingException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The PDF could not be made right now; try again.");
        }
    }

    /// <summary>
    /// The document's history says the customer opened it: the first open of each link is an <c>invoice</c> timeline event. Two
    /// opens at once may both try; the unique source key keeps one and the other is not an error.
    /// </summary>
    private static async Task RecordOpenedAsync(AgentLocatorDbContext db, TaxDocument document, Guid linkId, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var key = InvoiceTimelineEvents.OpenedKey(document.Id, linkId);
        if (await db.TimelineEvents.AnyAsync(e => e.Kind == TimelineKinds.Invoice.Name && e.SourceKey == key, cancellationToken))
        {
            return;
        }
        InvoiceTimelineEvents.Opened(db, document, linkId, clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException failure) when (failure.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
        }
    }

    private static ProblemHttpResult Gone() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "This link does not open a document.",
            detail: "It is wrong or has expired; ask the business for a new one.");

    private static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
