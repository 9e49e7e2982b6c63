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
    private readonly ConcurrentBag<IPage> idlePages = [];
    private readonly Lock gate = new();
    private Task<IBrowser>? launch;
    private bool disposed;

    public async Task<byte[]> RenderAsync(string html, PdfPageOptions? pageOptions = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        pageOptions ??= PdfPageOptions.Default;
        // A cold browser starts while this print waits for a slot; a warm one is simply returned.
        _ = BrowserAsync();
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
        catch (Exception failure) when (failure is PuppeteerException or ProcessException)
        {
            logger.LogWarning(failure, "Chromium failed to start or to print a PDF; the page is discarded");
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
            OmitBackground = pageOptions.TransparentBackground,
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
        var running = await BrowserAsync().WaitAsync(cancellationToken);
        return await running.NewPageAsync().WaitAsync(cancellationToken);
    }

    /// <summary>
    /// The warm browser, or the launch every print waits for. A launch belongs to the renderer, not to the print that
    /// began it: a print that gives up (its timeout, its caller) only stops waiting, and the browser, once started, is
    /// kept for the next print and closed by <see cref="DisposeAsync"/>. Tying the launch to the print's token used to
    /// drop a browser that finished starting after its print gave up, which then outlived the process.
    /// </summary>
    private Task<IBrowser> BrowserAsync()
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (launch is { IsCompleted: false } || launch is { IsCompletedSuccessfully: true } && launch.Result.IsConnected)
            {
                return launch;
            }
            var stopped = launch;
            launch = Task.Run(() => LaunchAsync(stopped));
            return launch;
        }
    }

    private async Task<IBrowser> LaunchAsync(Task<IBrowser>? stopped)
    {
        if (stopped is { IsCompletedSuccessfully: true })
        {
            logger.LogWarning("The PDF browser had stopped; starting it again");
            idlePages.Clear();
            await DisposeBrowserQuietlyAsync(stopped.Result);
        }
        return await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = options.ChromiumPath,
            Headless = true,
            // DevTools over a pipe (fds 3 and 4) instead of a port: the kernel closes the pipe when this process ends in
            // any way, kill -9 included, and Chromium quits on its end of file, so the browser never outlives the API.
            // (PR_SET_PDEATHSIG would follow the thread that started the browser, and thread-pool threads come and go.)
            Pipe = true,
            // Bounded even with no print left waiting, so a launch that hangs fails and the next print starts another.
            Timeout = (int)Math.Max(options.Timeout.TotalMilliseconds, LaunchTimeout.TotalMilliseconds),
            // Root in a container has no user namespace for the sandbox; the HTML printed is our own template.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--font-render-hinting=none", "--disable-extensions"],
        });
    }

    private static readonly TimeSpan LaunchTimeout = TimeSpan.FromSeconds(30);

    /// <summary>For tests: the browser process last started (kept after it stopped), to kill it or see that it is gone.</summary>
    internal int? BrowserProcessId => launch is { IsCompletedSuccessfully: true } started ? started.Result.Process?.Id : null;

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

    /// <summary>Closes the browser, also one still starting; the host calls it on shutdown (the renderer is a singleton).</summary>
    public async ValueTask DisposeAsync()
    {
        Task<IBrowser>? last;
        lock (gate)
        {
            disposed = true;
            last = launch;
        }
        if (last is null)
        {
            return;
        }
        try
        {
            await DisposeBrowserQuietlyAsync(await last);
        }
        catch (Exception failure) when (failure is PuppeteerException or ProcessException or ObjectDisposedException or InvalidOperationException)
        {
            // The launch failed: no browser to close.
        }
    }
}
