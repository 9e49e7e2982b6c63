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

    /// <summary>One page as 8-bit gray pixels (poppler's <c>pdftoppm -gray</c>, binary PGM at 40 dpi).</summary>
    public static async Task<(int Width, int Height, byte[] Pixels)> GrayPageAsync(byte[] pdf, int page)
    {
        var file = Path.Combine(Path.GetTempPath(), $"agentlocator-gray-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftoppm",
                ["-gray", "-r", "40", "-f", page.ToString(), "-l", page.ToString(), "-singlefile", file]) { RedirectStandardOutput = true })!;
            using var output = new MemoryStream();
            await process.StandardOutput.BaseStream.CopyToAsync(output);
            await process.WaitForExitAsync();
            var bytes = output.ToArray();
            // "P5\n<width> <height>\n255\n" then the pixels.
            var header = System.Text.Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 40)).Split(['\n', ' '], 5);
            var (width, height) = (int.Parse(header[1]), int.Parse(header[2]));
            return (width, height, bytes[^(width * height)..]);
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
