using System.Diagnostics;

namespace AgentLocator.Api.Integrations.PdfSigning;

/// <summary>
/// One page of a PDF as a PNG, rendered by poppler's <c>pdftoppm</c> (poppler-utils, installed with the API) at a width
/// that stays readable on a 390 px phone when zoomed. The PDF is written to a temporary file; the PNG comes back on stdout.
/// </summary>
public static class PdfPageImages
{
    /// <summary>Pixels across: about two device pixels per CSS pixel at 390, room to zoom in.</summary>
    public const int Width = 1100;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static async Task<byte[]?> RenderAsync(byte[] pdf, int page, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Path.GetTempPath(), $"agentlocator-page-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf, cancellationToken);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftoppm",
                ["-png", "-f", page.ToString(), "-l", page.ToString(), "-scale-to-x", Width.ToString(), "-scale-to-y", "-1", "-singlefile", file])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(Timeout);
            using var png = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(png, deadline.Token);
            var errors = process.StandardError.ReadToEndAsync(deadline.Token);
            try
            {
                await Task.WhenAll(copy, errors, process.WaitForExitAsync(deadline.Token));
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            return process.ExitCode == 0 && png.Length > 0 ? png.ToArray() : null;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
