using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Api.Tests.Invoices;

namespace AgentLocator.Api.Tests.CustomerContracts;

[Collection(ApiCollection.Name)]
public sealed class ContractPdfTests(AgentLocatorApiFactory api)
{
    /// <summary>A 1×1 PNG, for the logo.</summary>
    private const string TinyPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

    [Fact]
    public async Task The_PDF_reads_back_in_logical_order_with_Latin_and_number_runs_the_logo_and_Hebrew_page_numbers()
    {
        using var admin = await api.BillingBusinessAsync();
        using (var form = new MultipartFormDataContent())
        {
            var image = new ByteArrayContent(Convert.FromBase64String(TinyPng));
            image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(image, "file", "logo.png");
            var uploaded = await admin.Http.PutAsync("/api/invoices/settings/logo", form);
            Assert.True(uploaded.StatusCode == HttpStatusCode.OK, await uploaded.Content.ReadAsStringAsync());
        }
        // Long enough for three pages, so the footer counts them.
        var filler = string.Concat(Enumerable.Range(1, 60).Select(i => $"<p>סעיף {i}: הלקוח מתחייב לשלם במועד.</p>"));
        var template = await admin.CreateTemplateAsync(body:
            "<h2>הסכם שירות</h2><p>הסכם זה נערך ביום {{today}} בין {{business.name}} לבין {{customer.name}}, טלפון {{customer.phone}}.</p>" +
            "<p>המזגן מדגם {{fields.model}} יותקן תוך 14 ימים.</p>" + filler,
            fields: [new { key = "model", label = "דגם", required = true }]);
        var customer = await admin.CreateCustomerAsync(new { name = "יעל <b>לוי</b>", phone = CustomerApiExtensions.NextMobile() });
        var contract = await admin.CreateContractAsync(customer.Id, new { templateId = template.Id, fieldValues = new { model = "Tadiran X200" } });

        var pdf = await admin.ContractPdfAsync(contract.Id);
        var lines = PdfText.Lines(await PdfText.ExtractAsync(pdf));

        var date = contract.ContractDate.ToString("dd/MM/yyyy");
        PdfText.HasLine(lines, "הסכם שירות");
        PdfText.HasLine(lines, line => line.Contains("המזגן מדגם Tadiran X200 יותקן תוך 14 ימים"), "with the Latin and number runs in reading order");
        PdfText.HasLine(lines, line => line.Contains($"הסכם זה נערך ביום {date} בין"), "with the date in place");
        PdfText.HasLine(lines, line => line.Contains("יעל b לוי b"), "with the customer's name printed as text, not markup");
        PdfText.HasLine(lines, "סעיף 60 הלקוח מתחייב לשלם במועד");
        PdfText.HasLine(lines, "טיוטה");
        PdfText.HasLine(lines, "עמוד 1 מתוך 3");
        PdfText.HasLine(lines, "עמוד 3 מתוך 3");
        Assert.True(await ImageCountAsync(pdf) >= 1, "the logo is not in the PDF");
    }

    private static async Task<int> ImageCountAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"agentlocator-contract-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdfimages", ["-list", file]) { RedirectStandardOutput = true })!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            // Two header lines, then one per image.
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 2;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
