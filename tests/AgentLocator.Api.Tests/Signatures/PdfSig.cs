using System.Diagnostics;

namespace AgentLocator.Api.Tests.Signatures;

/// <summary>Checks a PDF's signatures with poppler's <c>pdfsig</c>, an independent verifier.</summary>
public static class PdfSig
{
    public static async Task<string> VerifyAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"agentlocator-sig-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdfsig", [file]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return output;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>A 4×4 dark PNG: what the signing page sends for a drawn signature, small enough to write here.</summary>
    public static readonly byte[] SignaturePng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAYAAACp8Z5+AAAAEklEQVR4nGMQUEj4j4wZSBcAADfpGPE+lrk2AAAAAElFTkSuQmCC");
}
