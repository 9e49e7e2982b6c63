using System.Diagnostics;

namespace AgentLocator.Api.Tests.Invoices;

/// <summary>Reads a PDF's text back with poppler's <c>pdftotext</c>, as an accountant's tools would extract it.</summary>
public static partial class PdfText
{
    public static async Task<string> ExtractAsync(byte[] pdf)
    {
        Assert.True(pdf.Length > 4 && pdf[0] == '%' && pdf[1] == 'P' && pdf[2] == 'D' && pdf[3] == 'F', "not a PDF");
        var file = Path.Combine(Path.GetTempPath(), $"agentlocator-pdf-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", "-layout", file, "-"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// The document's lines as words in logical (reading) order. pdftotext wraps runs in bidi embedding marks
    /// (U+202A–U+202C) and attaches a neutral beside a left-to-right run (a colon, a space) to the wrong side of it, though
    /// the page shows it in place; so a line is compared as its words — Hebrew words, Latin words and numbers with their
    /// ₪, %, separators — in order, which is what a reader or an accountant's tool takes from it.
    /// </summary>
    public static IReadOnlyList<string> Lines(string text) =>
        [.. text.Split('\n').Select(line => string.Join(' ', Words(line))).Where(line => line.Length > 0)];

    /// <summary>Asserts a line is present, showing every line of the page when it is not.</summary>
    public static void HasLine(IReadOnlyList<string> lines, string expected) =>
        Assert.True(lines.Contains(expected), $"No line \"{expected}\" in:\n{string.Join("\n", lines)}");

    public static void HasLine(IReadOnlyList<string> lines, Func<string, bool> match, string what) =>
        Assert.True(lines.Any(match), $"No line {what} in:\n{string.Join("\n", lines)}");

    /// <summary>
    /// Asserts a table row, its cells given in reading order (right to left on the page). pdftotext's layout mode writes
    /// a row's cells by their place on the page, left to right, so it lists an RTL row's cells last to first; the text
    /// inside each cell is in logical order, and that is what is compared.
    /// </summary>
    public static void HasRow(IReadOnlyList<string> lines, params string[] cells) =>
        HasLine(lines, string.Join(' ', cells.Reverse().Where(cell => cell.Length > 0)));

    public static IReadOnlyList<string> Words(string text) =>
        [.. WordPattern().Matches(text).Select(match => match.Value.TrimEnd('.', ',', '-', '/'))];

    [System.Text.RegularExpressions.GeneratedRegex(@"[\p{L}\p{N}₪%][\p{L}\p{N}₪%.,\-/""']*")]
    private static partial System.Text.RegularExpressions.Regex WordPattern();
}
