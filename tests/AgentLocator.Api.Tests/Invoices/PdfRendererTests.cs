using System.Diagnostics;
using AgentLocator.Api.Integrations.Pdf;
using AgentLocator.Api.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentLocator.Api.Tests.Invoices;

public sealed class PdfRendererTests : IAsyncLifetime
{
    private readonly ChromiumPdfRenderer renderer = new(Options.Create(new PdfRendererOptions { MaxConcurrency = 2 }),
        NullLogger<ChromiumPdfRenderer>.Instance);

    private static string Document(string body) =>
        $"""<!doctype html><html lang="he" dir="rtl"><head><meta charset="utf-8"><style>body{"{"}font-family:'{PdfFonts.Family}';font-size:14px{"}"}</style></head><body>{body}</body></html>""";

    [Fact]
    public async Task Hebrew_with_Latin_and_number_runs_reads_back_in_logical_order()
    {
        var pdf = await renderer.RenderAsync(Document("""
            <p>חשבונית מס מספר 1024 עבור Acme Ltd</p>
            <p>סך הכול לתשלום: ‎₪1,234.50‎ כולל מע"מ 18%</p>
            <p>טלפון: 03-1234567</p>
            """));

        var lines = PdfText.Lines(await PdfText.ExtractAsync(pdf));
        Assert.Contains("חשבונית מס מספר 1024 עבור Acme Ltd", lines);
        Assert.Contains("סך הכול לתשלום ₪1,234.50 כולל מע\"מ 18%", lines);
        Assert.Contains("טלפון 03-1234567", lines);
    }

    [Fact]
    public async Task The_Assistant_font_is_embedded()
    {
        var pdf = await renderer.RenderAsync(Document("<p>שלום עולם</p>"));

        var file = Path.Combine(Path.GetTempPath(), $"fonts-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        using var process = Process.Start(new ProcessStartInfo("pdffonts", [file]) { RedirectStandardOutput = true })!;
        var fonts = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        File.Delete(file);
        Assert.Contains("Assistant", fonts);
        Assert.Contains(fonts.Split('\n'), line => line.Contains("Assistant") && line.Contains(" yes "));
    }

    [Fact]
    public async Task Concurrent_prints_each_get_their_own_document()
    {
        var prints = Enumerable.Range(1, 6).Select(async n => (n, text: await PdfText.ExtractAsync(await renderer.RenderAsync(Document($"<p>מסמך {n} מתוך שישה</p>")))));

        foreach (var (n, text) in await Task.WhenAll(prints))
        {
            Assert.Contains($"מסמך {n} מתוך שישה", PdfText.Lines(text));
        }
    }

    [Fact]
    public async Task A_browser_that_died_is_started_again_on_the_next_print()
    {
        await renderer.RenderAsync(Document("<p>ראשון</p>"));
        var first = renderer.BrowserProcessId!.Value;
        using (var browser = Process.GetProcessById(first))
        {
            browser.Kill(entireProcessTree: true);
            await browser.WaitForExitAsync();
        }

        var pdf = await RenderAfterDeathAsync();

        Assert.Contains("שני", PdfText.Lines(await PdfText.ExtractAsync(pdf)));
        Assert.NotEqual(first, renderer.BrowserProcessId);
    }

    // The disconnect is noticed asynchronously: a print racing it fails with PdfRenderingException, the next one relaunches.
    private async Task<byte[]> RenderAfterDeathAsync()
    {
        try
        {
            return await renderer.RenderAsync(Document("<p>שני</p>"));
        }
        catch (PdfRenderingException)
        {
            return await renderer.RenderAsync(Document("<p>שני</p>"));
        }
    }

    [Fact]
    public async Task A_print_past_its_timeout_is_an_error_not_a_hang_and_the_browser_it_started_is_closed_with_the_renderer()
    {
        var slow = new ChromiumPdfRenderer(Options.Create(new PdfRendererOptions { Timeout = TimeSpan.FromMilliseconds(1) }),
            NullLogger<ChromiumPdfRenderer>.Instance);

        await Assert.ThrowsAsync<PdfRenderingException>(() => slow.RenderAsync(Document("<p>איטי</p>")));
        await slow.DisposeAsync();

        // The print gave up while the browser was starting; the browser still started, and closing the renderer closed it.
        var started = slow.BrowserProcessId;
        Assert.NotNull(started);
        Assert.False(ChromiumProcesses.IsRunning(started.Value), $"Chromium {started} outlived its renderer");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await renderer.DisposeAsync();
}
