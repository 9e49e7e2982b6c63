namespace AgentLocator.Api.Integrations.Pdf;

/// <summary>Settings under <c>Pdf:</c>.</summary>
public sealed class PdfRendererOptions
{
    /// <summary>The system's Chromium (Debian's <c>chromium</c> package); PuppeteerSharp never downloads one.</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>Pages printing at once; more wait. Each page costs a renderer process's memory.</summary>
    public int MaxConcurrency { get; set; } = 2;

    /// <summary>One document's whole print (load, fonts, PDF); past it the page is discarded and the caller gets an error.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);
}
