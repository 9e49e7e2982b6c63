using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Integrations.Pdf;
using AgentLocator.Api.Invoices;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Api.Tests.Invoices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AgentLocator.Api.Tests.Hosting;

/// <summary>
/// The PDF renderer's headless Chromium lives exactly as long as the process that printed with it: a host that stops
/// closes it, and an API killed with kill -9 (no shutdown code at all) takes it along instead of leaving it to PID 1.
/// </summary>
public sealed class PdfBrowserLifetimeTests
{
    private const string Html = """<!doctype html><html lang="he" dir="rtl"><head><meta charset="utf-8"></head><body><p>שלום</p></body></html>""";

    [Fact]
    public async Task Stopping_the_host_closes_the_browser()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddPdf();
        var host = builder.Build();
        await host.StartAsync();
        var renderer = (ChromiumPdfRenderer)host.Services.GetRequiredService<IPdfRenderer>();
        await renderer.RenderAsync(Html);
        var browser = renderer.BrowserProcessId!.Value;
        Assert.True(ChromiumProcesses.IsRunning(browser));

        await host.StopAsync();
        await ((IAsyncDisposable)host).DisposeAsync();

        Assert.False(ChromiumProcesses.IsRunning(browser), $"Chromium {browser} outlived the host");
    }

    [Fact]
    public async Task An_API_killed_with_kill_9_takes_its_browser_along()
    {
        var database = await TestServices.CreateDatabaseAsync();
        var api = await RunningApi.StartAsync(database, "pdf-" + Guid.NewGuid().ToString("N")[..8], TestServices.Redis);
        var browsers = new List<int>();
        try
        {
            using var admin = new ApiClient(api.Address);
            await admin.SignInAsync("admin@demo.local");
            await PrintADraftAsync(admin);
            browsers.AddRange(ChromiumProcesses.ChildrenOf(api.ProcessId));
            Assert.Single(browsers);

            // Not awaited first: a browser that survived would hold the API's output open, and the wait for the crash with it.
            var crashed = api.CrashAsync();

            Assert.True(await ChromiumProcesses.WaitUntilGoneAsync(browsers[0], TimeSpan.FromSeconds(60)),
                $"Chromium {browsers[0]} outlived the API killed with kill -9");
            await crashed;
        }
        finally
        {
            // A failed run must not leave its browser spinning for the rest of the suite.
            foreach (var browser in browsers.Where(ChromiumProcesses.IsRunning))
            {
                System.Diagnostics.Process.GetProcessById(browser).Kill(entireProcessTree: true);
            }
            await api.DisposeAsync();
            await TestServices.DropDatabaseAsync(database);
        }
    }

    private static async Task PrintADraftAsync(ApiClient admin)
    {
        var settings = await admin.Http.PutAsJsonAsync("/api/invoices/settings", new
        {
            legalName = "אור שירותים בע\"מ", dealerType = "company", taxId = InvoiceApiExtensions.BusinessTaxId,
            address = "הרצל 1, תל אביב", vatRates = new[] { new { effectiveFrom = "2025-01-01", ratePercent = 18m } },
        });
        Assert.True(settings.StatusCode == HttpStatusCode.OK, await settings.Content.ReadAsStringAsync());
        var customer = await admin.CreateCustomerAsync(new { name = "לקוח הדפסה" });
        var draft = await admin.Http.PostAsJsonAsync("/api/invoices/documents", InvoiceApiExtensions.Invoice(customer.Id, 10_000));
        Assert.True(draft.StatusCode == HttpStatusCode.Created, await draft.Content.ReadAsStringAsync());
        var id = (await draft.Content.ReadFromJsonAsync<DocumentResponse>(JsonSerializerOptions.Web))!.Id;
        Assert.NotEmpty(await admin.PdfAsync(id));
    }
}
