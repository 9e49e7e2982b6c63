using Microsoft.Extensions.Caching.Memory;

namespace AgentLocator.Api.Integrations.PdfSigning;

/// <summary>
/// The signing page's page images, kept by the document's SHA-256 and page number. A request's PDF never changes, so a
/// page is rasterised once (a <c>pdftoppm</c> process each) instead of on every open by every signer and every reload.
/// Bounded by bytes (least recently used go first) and per API instance.
/// </summary>
public sealed class PdfPageImageCache : IDisposable
{
    public const long BudgetBytes = 64L * 1024 * 1024;

    private static readonly TimeSpan KeptFor = TimeSpan.FromHours(1);

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = BudgetBytes });

    public async Task<byte[]?> GetAsync(byte[] pdf, byte[] sha256, int page, CancellationToken cancellationToken)
    {
        var key = $"{Convert.ToHexStringLower(sha256)}:{page}";
        if (cache.TryGetValue(key, out byte[]? kept))
        {
            return kept;
        }
        var png = await PdfPageImages.RenderAsync(pdf, page, cancellationToken);
        if (png is not null)
        {
            cache.Set(key, png, new MemoryCacheEntryOptions { Size = png.Length, SlidingExpiration = KeptFor });
        }
        return png;
    }

    public void Dispose() => cache.Dispose();
}
