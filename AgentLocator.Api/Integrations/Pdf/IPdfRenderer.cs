namespace AgentLocator.Api.Integrations.Pdf;

/// <summary>
/// Prints an HTML document to PDF. Callers build the whole document (Hebrew, <c>dir="rtl"</c>, values HTML-encoded);
/// the renderer adds the embedded Assistant font, so every PDF carries its own glyphs whatever the server has installed.
/// Tax documents use it now; the contracts module will reuse it.
/// </summary>
public interface IPdfRenderer
{
    Task<byte[]> RenderAsync(string html, PdfPageOptions? options = null, CancellationToken cancellationToken = default);
}

/// <summary>
/// A4 with the given margins in millimetres; a footer line (page x of y) when <see cref="PageNumbers"/>, in Hebrew words
/// ("עמוד 1 מתוך 3") when <see cref="HebrewPageNumbers"/>. With <see cref="TransparentBackground"/> no white page is
/// painted, so the PDF can be laid over another page (signature stamps).
/// </summary>
public sealed record PdfPageOptions(
    int MarginMillimetres = 14, bool PageNumbers = true, bool TransparentBackground = false, bool HebrewPageNumbers = false)
{
    public static PdfPageOptions Default { get; } = new();
}

/// <summary>The renderer could not print in time or the browser failed; the caller answers 503, never a broken file.</summary>
public sealed class PdfRenderingException(string message, Exception? inner = null) : Exception(message, inner);
