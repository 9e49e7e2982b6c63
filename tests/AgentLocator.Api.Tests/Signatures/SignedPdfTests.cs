using System.Security.Cryptography.X509Certificates;
using AgentLocator.Api.Integrations.Pdf;
using AgentLocator.Api.Integrations.PdfSigning;
using AgentLocator.Api.Tests.Invoices;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentLocator.Api.Tests.Signatures;

/// <summary>The finished document: stamped, with a Hebrew certificate page, PKCS#7-signed so pdfsig verifies it.</summary>
public sealed class SignedPdfTests : IAsyncLifetime
{
    private readonly ChromiumPdfRenderer renderer = new(Options.Create(new PdfRendererOptions()), NullLogger<ChromiumPdfRenderer>.Instance);

    public static async Task<byte[]> HebrewBodyAsync(IPdfRenderer renderer) => await renderer.RenderAsync(
        $"""<!doctype html><html lang="he" dir="rtl"><head><meta charset="utf-8"><style>body{"{"}font-family:'{PdfFonts.Family}'{"}"}</style></head><body><p>הסכם שירות בין הצדדים לשנת 2027</p><p>השוכר מתחייב לשלם 4,500 ש"ח בכל חודש</p></body></html>""");

    private async Task<(byte[] Pdf, X509Certificate2 Certificate)> SignedAsync()
    {
        var certificate = SigningCertificateFactory.Generate("סוכנות הבדיקה", Guid.NewGuid(), DateTimeOffset.UtcNow);
        var signers = new[]
        {
            new CertificateSigner("דנה לוי", "+972501234567", "customer", DateTimeOffset.UtcNow, "203.0.113.7", "Mozilla/5.0 (iPhone)", true, PdfSig.SignaturePng, null),
            new CertificateSigner("Avi Cohen", "+972521112222", "co_signer", DateTimeOffset.UtcNow, "198.51.100.4", "Mozilla/5.0", false, PdfSig.SignaturePng, "Avi Cohen"),
        };
        var input = new SignedPdfInput(await HebrewBodyAsync(renderer), "הסכם שירות", "סוכנות הבדיקה", signers, DateTimeOffset.UtcNow);
        return (await new SignedPdfBuilder(renderer).BuildAsync(input, certificate, CancellationToken.None), certificate);
    }

    [Fact]
    public async Task Pdfsig_finds_a_valid_signature_over_the_whole_document()
    {
        var (pdf, _) = await SignedAsync();

        var report = await PdfSig.VerifyAsync(pdf);
        Assert.Contains("Signature is Valid", report);
        Assert.Contains("Total document signed", report);
    }

    [Fact]
    public async Task One_changed_byte_in_the_signed_range_fails_verification()
    {
        var (pdf, _) = await SignedAsync();
        // A byte inside the first signed range (the document body, well before the signature dictionary).
        var tampered = (byte[])pdf.Clone();
        var index = pdf.Length / 4;
        tampered[index] = (byte)(tampered[index] == (byte)'0' ? '1' : '0');

        var report = await PdfSig.VerifyAsync(tampered);
        Assert.DoesNotContain("Signature is Valid", report);
        Assert.Contains("Signature", report);
    }

    [Fact]
    public async Task The_text_shows_the_Hebrew_body_and_every_signer_on_the_certificate()
    {
        var (pdf, certificate) = await SignedAsync();

        var lines = PdfText.Lines(await PdfText.ExtractAsync(pdf));
        PdfText.HasLine(lines, "הסכם שירות בין הצדדים לשנת 2027");
        PdfText.HasLine(lines, "תעודת השלמת חתימה");
        PdfText.HasLine(lines, line => line.Contains("דנה לוי"), "naming the first signer");
        PdfText.HasLine(lines, line => line.Contains("Avi Cohen"), "naming the second signer");
        PdfText.HasLine(lines, line => line.Contains("אומת"), "saying the code was verified");
        Assert.NotNull(certificate.GetRSAPrivateKey());
    }

    // Compared pixel for pixel: a page box PDFsharp rounded (841.91998 -> 841.92) once moved the whole page a pixel row.
    [Fact]
    public async Task The_stamp_leaves_the_signed_page_readable()
    {
        var original = await HebrewBodyAsync(renderer);
        var certificate = SigningCertificateFactory.Generate("סוכנות הבדיקה", Guid.NewGuid(), DateTimeOffset.UtcNow);
        var signer = new CertificateSigner("דנה לוי", "+972501234567", "customer", DateTimeOffset.UtcNow, null, null, false, PdfSig.SignaturePng, null);
        var signed = await new SignedPdfBuilder(renderer).BuildAsync(
            new SignedPdfInput(original, "הסכם", "סוכנות הבדיקה", [signer], DateTimeOffset.UtcNow), certificate, CancellationToken.None);

        // The page's upper part, where the body text is and the stamp is not, looks the same as before; had the stamp
        // layer a white background, it would be blank.
        var before = await PdfSig.GrayPageAsync(original, 1);
        var after = await PdfSig.GrayPageAsync(signed, 1);
        Assert.Equal(before.Width, after.Width);
        var upper = before.Width * (before.Height / 2);
        Assert.Contains(before.Pixels.Take(upper), value => value < 128);
        Assert.Equal(before.Pixels.Take(upper), after.Pixels.Take(upper));
        // And the stamp is there, at the foot.
        Assert.NotEqual(before.Pixels.Skip(upper), after.Pixels.Skip(upper));
    }

    [Fact]
    public async Task Every_page_keeps_its_box_to_the_last_digit()
    {
        var original = await HebrewBodyAsync(renderer);
        var (signed, _) = await SignedAsync();

        // Chromium writes A4 as 595.91998 x 841.91998 and places its content from that top edge; PDFsharp rounds reals.
        var boxes = MediaBoxes(signed);
        Assert.True(boxes.Count >= 2, "the document page and the certificate");
        Assert.All(boxes, box => Assert.Equal(MediaBoxes(original).Single(), box));
    }

    private static List<string> MediaBoxes(byte[] pdf) =>
        [.. System.Text.RegularExpressions.Regex.Matches(System.Text.Encoding.Latin1.GetString(pdf), @"/MediaBox\s*\[([^\]]*)\]")
            .Select(match => string.Join(' ', match.Groups[1].Value.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)))];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await renderer.DisposeAsync();
}
