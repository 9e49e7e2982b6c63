using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PuppeteerSharp;
using PuppeteerSharp.Media;

namespace AgentLocator.Api.Integrations.Pdf;

/// <summary>
/// Prints HTML with the system's headless Chromium through PuppeteerSharp. One browser is kept warm for the process and
/// started again when it dies; pages are reused between prints; at most <see cref="PdfRendererOptions.MaxConcurrency"/>
/// print at once and each has <see cref="PdfRendererOptions.Timeout"/>. A page that failed or timed out is closed, never
/// reused, so one stuck document cannot poison the next.
/// </summary>
public sealed class ChromiumPdfRenderer(IOptions<PdfRendererOptions> settings, ILogger<ChromiumPdfRenderer> logger) : IPdfRenderer, IAsyncDisposable
{
    private readonly PdfRendererOptions options = settings.Value;
    private readonly SemaphoreSlim slots = new(Math.Max(1, settings.Value.MaxConcurrency));
    private readonly SemaphoreSlim launching = new(1);
    private readonly ConcurrentBag<IPage> idlePages = [];
    private IBrowser? browser;
    private bool disposed;

    public async Task<byte[]> RenderAsync(string html, PdfPageOptions? pageOptions = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        pageOptions ??= PdfPageOptions.Default;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        try
        {
            await slots.WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PdfRenderingException("No PDF slot came free in time.");
        }
        IPage? page = null;
        try
        {
            page = await TakePageAsync(deadline.Token);
            var bytes = await PrintAsync(page, html, pageOptions).WaitAsync(deadline.Token);
            idlePages.Add(page);
            page = null;
            return bytes;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PdfRenderingException($"Printing the PDF took longer than {options.Timeout}.");
        }
        catch (PuppeteerException failure)
        {
            logger.LogWarning(failure, "Chromium failed to print a PDF; the page is discarded");
            throw new PdfRenderingException("Chromium failed to print the PDF.", failure);
        }
        finally
        {
            if (page is not null)
            {
                _ = ClosePageQuietlyAsync(page);
            }
            slots.Release();
        }
    }

    private static async Task<byte[]> PrintAsync(IPage page, string html, PdfPageOptions pageOptions)
    {
        await page.SetContentAsync(html, new SetContentOptions { WaitUntil = [WaitUntilNavigation.Load] });
        await page.AddStyleTagAsync(new AddTagOptions { Content = PdfFonts.Css });
        // Fonts are data URIs, but layout only settles once they are decoded; printing before would fall back to another font.
        await page.EvaluateExpressionAsync("document.fonts.ready.then(() => true)");
        var margin = pageOptions.MarginMillimetres + "mm";
        return await page.PdfDataAsync(new PdfOptions
        {
            Format = PaperFormat.A4,
            PrintBackground = true,
            PreferCSSPageSize = false,
            MarginOptions = new MarginOptions { Top = margin, Bottom = margin, Left = margin, Right = margin },
            DisplayHeaderFooter = pageOptions.PageNumbers,
            HeaderTemplate = "<span></span>",
            FooterTemplate = Footer(pageOptions),
        });
    }

    private static string Footer(PdfPageOptions pageOptions) => pageOptions switch
    {
        { PageNumbers: false } => "<span></span>",
        // The footer is printed apart from the page, so it carries the font itself (data URIs, nothing fetched).
        { HebrewPageNumbers: true } => "<style>" + PdfFonts.Css + "</style><div style=\"width:100%;font-size:9px;text-align:center;direction:rtl;font-family:'"
            + PdfFonts.Family + "',sans-serif\">עמוד <span class=\"pageNumber\"></span> מתוך <span class=\"totalPages\"></span></div>",
        // Digits only, left to right: the footer needs no font of ours.
        _ => "<div style=\"width:100%;font-size:8px;text-align:center;direction:ltr\"><span class=\"pageNumber\"></span> / <span class=\"totalPages\"></span></div>",
    };

    private async Task<IPage> TakePageAsync(CancellationToken cancellationToken)
    {
        while (idlePages.TryTake(out var idle))
        {
            if (!idle.IsClosed && idle.Browser.IsConnected)
            {
                return idle;
            }
        }
        var running = await BrowserAsync(cancellationToken);
        return await running.NewPageAsync().WaitAsync(cancellationToken);
    }

    private async Task<IBrowser> BrowserAsync(CancellationToken cancellationToken)
    {
        if (browser is { IsConnected: true } warm)
        {
            return warm;
        }
        await launching.WaitAsync(cancellationToken);
        try
        {
            if (browser is { IsConnected: true } launched)
            {
                return launched;
            }
            if (browser is not null)
            {
                logger.LogWarning("The PDF browser had stopped; starting it again");
                idlePages.Clear();
                await DisposeBrowserQuietlyAsync(browser);
            }
            browser = await Puppeteer.LaunchAsync(new LaunchOptions
            {
                ExecutablePath = options.ChromiumPath,
                Headless = true,
                // Root in a container has no user namespace for the sandbox; the HTML printed is our own template.
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--font-render-hinting=none", "--disable-extensions"],
            }).WaitAsync(cancellationToken);
            return browser;
        }
        finally
        {
            launching.Release();
        }
    }

    /// <summary>For tests: the browser process, so one can kill it and see the next print start another.</summary>
    internal int? BrowserProcessId => browser?.Process?.Id;

    private async Task ClosePageQuietlyAsync(IPage page)
    {
        try
        {
            await page.CloseAsync();
        }
        catch (Exception failure) when (failure is PuppeteerException or ObjectDisposedException or InvalidOperationException)
        {
            logger.LogDebug(failure, "A discarded PDF page could not be closed");
        }
    }

    private static async Task DisposeBrowserQuietlyAsync(IBrowser old)
    {
        try
        {
            await old.DisposeAsync();
        }
        catch (Exception failure) when (failure is PuppeteerException or ObjectDisposedException or InvalidOperationException)
        {
            // Already gone: nothing to release.
        }
    }

    public async ValueTask DisposeAsync()
    {
        disposed = true;
        if (browser is not null)
        {
            await DisposeBrowserQuietlyAsync(browser);
        }
    }
}
