using AgentLocator.Api.Integrations.Pdf;

// In the hosting namespace, like the other integrations, so the service wiring needs only the call.
namespace Microsoft.Extensions.Hosting;

public static class PdfServiceExtensions
{
    /// <summary>
    /// PDF printing (<see cref="IPdfRenderer"/>): Debian's headless Chromium through PuppeteerSharp, settings under
    /// <c>Pdf:</c>. The browser starts on the first print, not at start-up, so a process that never prints never runs it.
    /// </summary>
    public static IHostApplicationBuilder AddPdf(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PdfRendererOptions>().Bind(builder.Configuration.GetSection("Pdf"))
            .Validate(options => options.MaxConcurrency is > 0 and <= 32, "Pdf:MaxConcurrency must be 1..32.")
            .Validate(options => options.Timeout > TimeSpan.Zero, "Pdf:Timeout must be positive.");
        builder.Services.AddSingleton<ChromiumPdfRenderer>();
        builder.Services.AddSingleton<IPdfRenderer>(provider => provider.GetRequiredService<ChromiumPdfRenderer>());
        return builder;
    }
}
