using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Contracts;
using AgentLocator.Api.Integrations.Pdf;
using AgentLocator.Api.Signatures;
using AgentLocator.Api.Tests.CustomerContracts;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Api.Tests.Invoices;
using AgentLocator.Grains.Data.Entities;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLocator.Api.Tests.Signatures;

/// <summary>
/// Templates made from an uploaded PDF with fields placed per signer role: the upload's and the fields' rules, versions a
/// contract keeps, and signers who see and fill only their role's fields, whose values end up on the signed, sealed PDF.
/// </summary>
[Collection(SignaturesCollection.Name)]
public sealed class PdfTemplateTests(SignaturesFixture api)
{
    private static readonly string SignaturePng = Convert.ToBase64String(PdfSig.SignaturePng);

    /// <summary>A two-page Hebrew document, as an uploaded agreement would be.</summary>
    private async Task<byte[]> TwoPagePdfAsync() => await api.Services.GetRequiredService<IPdfRenderer>().RenderAsync(
        $"""<!doctype html><html lang="he" dir="rtl"><head><meta charset="utf-8"><style>body{"{"}font-family:'{PdfFonts.Family}'{"}"}</style></head><body><p style="break-after:page">עמוד ראשון של ההסכם</p><p>עמוד שני של ההסכם</p></body></html>""");

    private static async Task<HttpResponseMessage> UploadAsync(ApiClient admin, byte[] bytes, string contentType = "application/pdf")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", "agreement.pdf");
        return await admin.Http.PostAsync("/api/contract-templates/pdfs", form);
    }

    private async Task<TemplatePdfResponse> UploadedAsync(ApiClient admin)
    {
        var response = await UploadAsync(admin, await TwoPagePdfAsync());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TemplatePdfResponse>(JsonSerializerOptions.Web))!;
    }

    private static object Field(string kind, string role, int page, double x, double y, double width = 0.3, double height = 0.05, bool required = true,
        string? label = null) => new { kind, role, page, x, y, width, height, required, label };

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task An_upload_must_be_a_readable_PDF_of_at_most_20_MB_and_its_pages_show_as_images()
    {
        var admin = await api.ContractsBusinessAsync();

        var notPdf = await ProblemAsync(await UploadAsync(admin, "just some text, not a PDF"u8.ToArray()), HttpStatusCode.UnprocessableEntity);
        Assert.True(notPdf.GetProperty("errors").TryGetProperty("file", out _));
        var broken = await ProblemAsync(await UploadAsync(admin, "%PDF-1.7\n garbage that no reader opens"u8.ToArray()), HttpStatusCode.UnprocessableEntity);
        Assert.True(broken.GetProperty("errors").TryGetProperty("file", out _));
        var large = new byte[SignatureRequestService.MaxPdfBytes + 1];
        "%PDF-1.7\n"u8.CopyTo(large);
        await ProblemAsync(await UploadAsync(admin, large), HttpStatusCode.RequestEntityTooLarge);

        var pdf = await UploadedAsync(admin);
        Assert.Equal(2, pdf.PageCount);
        Assert.All(pdf.Pages, page => Assert.True(page.Width is > 590 and < 600 && page.Height is > 835 and < 845, $"{page.Width}x{page.Height} is not A4"));
        var image = await admin.Http.GetAsync($"/api/contract-templates/pdfs/{pdf.Id}/pages/2");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.GetAsync($"/api/contract-templates/pdfs/{pdf.Id}/pages/3")).StatusCode);

        var stranger = await api.ContractsBusinessAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/api/contract-templates/pdfs/{pdf.Id}/pages/1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/api/contract-templates/pdfs/{pdf.Id}")).StatusCode);
    }

    [Fact]
    public async Task Fields_must_fit_the_pages_and_name_a_known_kind_and_role()
    {
        var admin = await api.ContractsBusinessAsync();
        var pdf = await UploadedAsync(admin);

        var response = await admin.Http.PostAsJsonAsync("/api/contract-templates", new
        {
            name = "הסכם מהקובץ",
            pdfId = pdf.Id,
            pdfFields = new[]
            {
                Field("signature", "customer", 1, 0.1, 0.8),
                Field("signature", "customer", 3, 0.1, 0.8),
                Field("text", "customer", 1, 0.9, 0.1, width: 0.2),
                Field("stamp", "customer", 1, 0.1, 0.1),
                Field("text", "witness", 1, 0.1, 0.1),
                Field("date", "customer", 2, 0.1, -0.01),
            },
        });
        var errors = (await ProblemAsync(response, HttpStatusCode.UnprocessableEntity)).GetProperty("errors");
        Assert.Equal(["pdfFields[1].page", "pdfFields[2].rectangle", "pdfFields[3].kind", "pdfFields[4].role", "pdfFields[5].rectangle"],
            errors.EnumerateObject().Select(error => error.Name).Order());

        var stranger = await api.ContractsBusinessAsync();
        var foreign = await stranger.Http.PostAsJsonAsync("/api/contract-templates", new { name = "x", pdfId = pdf.Id, pdfFields = Array.Empty<object>() });
        Assert.True((await ProblemAsync(foreign, HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("pdfId", out _));
    }

    [Fact]
    public async Task Moving_fields_saves_a_new_version_and_a_contract_keeps_the_one_it_was_made_from()
    {
        var admin = await api.ContractsBusinessAsync();
        var uploaded = await UploadedAsync(admin);
        var original = await TwoPagePdfAsync();
        var created = await admin.Http.PostAsJsonAsync("/api/contract-templates", new
        {
            name = "הסכם מהקובץ", pdfId = uploaded.Id, pdfFields = new[] { Field("signature", "customer", 1, 0.1, 0.8) },
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var template = (await created.Content.ReadFromJsonAsync<ContractTemplateResponse>(JsonSerializerOptions.Web))!;
        Assert.Equal(ContractTemplateSources.Pdf, template.Source);
        Assert.Equal(2, template.Pdf!.PageCount);
        Assert.Equal(0.8, Assert.Single(template.PdfFields!).Y);

        var phone = CustomerApiExtensions.NextMobile();
        var customer = await admin.CreateCustomerAsync(new { name = "נועה כהן", phone });
        var first = await admin.CreateContractAsync(customer.Id, new { templateId = template.Id });

        var revised = await admin.Http.PutAsJsonAsync($"/api/contract-templates/{template.Id}", new
        {
            name = "הסכם מהקובץ", pdfId = uploaded.Id, pdfFields = new[] { Field("signature", "customer", 2, 0.5, 0.2), Field("text", "customer", 1, 0.1, 0.1) },
        });
        Assert.True(revised.StatusCode == HttpStatusCode.OK, await revised.Content.ReadAsStringAsync());
        var second = await admin.CreateContractAsync(customer.Id, new { templateId = template.Id });
        Assert.Equal(1, first.TemplateVersion);
        Assert.Equal(2, second.TemplateVersion);
        var list = await admin.Http.GetFromJsonAsync<List<ContractTemplateListItem>>("/api/contract-templates", JsonSerializerOptions.Web);
        Assert.Equal(ContractTemplateSources.Pdf, Assert.Single(list!).Source);

        // The contract's PDF is the upload itself, nothing rendered into it.
        Assert.Equal(original.Length, (await admin.ContractPdfAsync(first.Id)).Length);
        Assert.Equal(await admin.ContractPdfAsync(first.Id), await admin.ContractPdfAsync(second.Id));

        // Sent for signature, the first contract still carries version 1's one field where version 1 put it.
        var sent = await admin.Http.PostAsJsonAsync($"/api/signatures/contracts/{first.Id}",
            new { signers = new[] { SignaturesFixture.SignerBody("נועה כהן", phone) } });
        Assert.True(sent.StatusCode == HttpStatusCode.Created, await sent.Content.ReadAsStringAsync());
        using var signer = api.Signer();
        var view = await signer.GetFromJsonAsync<SigningView>($"/api/public/sign/{api.LinkTokenSentTo(phone)}", JsonSerializerOptions.Web);
        var field = Assert.Single(view!.Fields!);
        Assert.Equal((1, 0.1, 0.8, "signature"), (field.Page, field.X, field.Y, field.Kind));
    }

    [Fact]
    public async Task Each_signer_fills_only_their_roles_fields_and_the_signed_PDF_carries_the_values_and_verifies()
    {
        var admin = await api.ContractsBusinessAsync();
        var uploaded = await UploadedAsync(admin);
        var created = await admin.Http.PostAsJsonAsync("/api/contract-templates", new
        {
            name = "הסכם שכירות",
            pdfId = uploaded.Id,
            pdfFields = new[]
            {
                Field("signature", "customer", 1, 0.55, 0.75, height: 0.08, label: "חתימת השוכר"),
                Field("text", "customer", 1, 0.4, 0.3, width: 0.5, label: "שם מלא"),
                Field("checkbox", "customer", 2, 0.1, 0.1, width: 0.04, height: 0.03, required: false, label: "מסכים לדיוור"),
                Field("date", "customer", 2, 0.6, 0.1, width: 0.3),
                Field("text", "co_signer", 2, 0.4, 0.5, width: 0.5, label: "שם הערב"),
                Field("initials", "co_signer", 2, 0.1, 0.5, width: 0.1, height: 0.05),
            },
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var template = (await created.Content.ReadFromJsonAsync<ContractTemplateResponse>(JsonSerializerOptions.Web))!;
        var (customerPhone, guarantorPhone) = (CustomerApiExtensions.NextMobile(), CustomerApiExtensions.NextMobile());
        var customer = await admin.CreateCustomerAsync(new { name = "דנה לוי", phone = customerPhone });
        var contract = await admin.CreateContractAsync(customer.Id, new { templateId = template.Id });

        // Required fields for the co-signer's role, and no co-signer: the request could never be completed.
        var lacking = await admin.Http.PostAsJsonAsync($"/api/signatures/contracts/{contract.Id}",
            new { signers = new[] { SignaturesFixture.SignerBody("דנה לוי", customerPhone) } });
        Assert.True((await ProblemAsync(lacking, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("signers", out _));

        var sent = await admin.Http.PostAsJsonAsync($"/api/signatures/contracts/{contract.Id}", new
        {
            signers = new[] { SignaturesFixture.SignerBody("דנה לוי", customerPhone), SignaturesFixture.SignerBody("Avi Cohen", guarantorPhone, SignerRoles.CoSigner) },
            ordered = false,
        });
        Assert.True(sent.StatusCode == HttpStatusCode.Created, await sent.Content.ReadAsStringAsync());
        var request = (await sent.Content.ReadFromJsonAsync<SignatureRequestResponse>(JsonSerializerOptions.Web))!;

        using var customerPage = api.Signer();
        var customerToken = api.LinkTokenSentTo(customerPhone);
        var customerView = (await customerPage.GetFromJsonAsync<SigningView>($"/api/public/sign/{customerToken}", JsonSerializerOptions.Web))!;
        Assert.Equal(["f1", "f2", "f3", "f4"], customerView.Fields!.Select(f => f.Key));
        using var guarantorPage = api.Signer();
        var guarantorToken = api.LinkTokenSentTo(guarantorPhone);
        var guarantorView = (await guarantorPage.GetFromJsonAsync<SigningView>($"/api/public/sign/{guarantorToken}", JsonSerializerOptions.Web))!;
        Assert.Equal(["f5", "f6"], guarantorView.Fields!.Select(f => f.Key));

        // A required field left empty is named; another role's field is not the signer's to fill.
        var missing = await customerPage.PostAsJsonAsync($"/api/public/sign/{customerToken}/sign",
            new { signaturePng = SignaturePng, consent = true, fields = new Dictionary<string, string> { ["f1"] = SignaturePng } });
        var missingErrors = (await ProblemAsync(missing, HttpStatusCode.UnprocessableEntity)).GetProperty("errors");
        Assert.Contains("שם מלא", missingErrors.GetProperty("fields.f2")[0].GetString());
        var foreign = await customerPage.PostAsJsonAsync($"/api/public/sign/{customerToken}/sign", new
        {
            signaturePng = SignaturePng, consent = true,
            fields = new Dictionary<string, string> { ["f1"] = SignaturePng, ["f2"] = "דנה לוי 2027", ["f5"] = "not mine" },
        });
        Assert.True((await ProblemAsync(foreign, HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("fields.f5", out _));

        var signed = await customerPage.PostAsJsonAsync($"/api/public/sign/{customerToken}/sign", new
        {
            signaturePng = SignaturePng, consent = true,
            fields = new Dictionary<string, string> { ["f1"] = SignaturePng, ["f2"] = "דנה לוי 2027", ["f3"] = "true", ["f4"] = "01/01/1999" },
        });
        Assert.True(signed.StatusCode == HttpStatusCode.OK, await signed.Content.ReadAsStringAsync());
        var afterSigning = (await signed.Content.ReadFromJsonAsync<SigningView>(JsonSerializerOptions.Web))!;
        Assert.All(afterSigning.Fields!, field => Assert.True(field.Filled, field.Key));
        var date = afterSigning.Fields!.Single(f => f.Kind == "date").Value!;
        Assert.NotEqual("01/01/1999", date);

        var guarantorSigned = await guarantorPage.PostAsJsonAsync($"/api/public/sign/{guarantorToken}/sign", new
        {
            signaturePng = SignaturePng, consent = true, fields = new Dictionary<string, string> { ["f5"] = "Avi Cohen ערב", ["f6"] = SignaturePng },
        });
        Assert.True(guarantorSigned.StatusCode == HttpStatusCode.OK, await guarantorSigned.Content.ReadAsStringAsync());

        var pdf = await admin.Http.GetByteArrayAsync($"/api/signatures/requests/{request.Id}/signed.pdf");
        Assert.Contains("Signature is Valid", await PdfSig.VerifyAsync(pdf));
        // pdftotext ends each page with a form feed: each value is on the page its field was placed on, Hebrew in reading order.
        var pages = (await PdfText.ExtractAsync(pdf)).Split('\f');
        var first = PdfText.Lines(pages[0]);
        var second = PdfText.Lines(pages[1]);
        PdfText.HasLine(first, line => line.Contains("דנה לוי 2027"), "the customer's text on page 1");
        PdfText.HasLine(second, line => line.Contains("Avi Cohen ערב"), "the co-signer's text on page 2");
        PdfText.HasLine(second, line => line.Contains(date), "the signing date on page 2");
        PdfText.HasLine(second, line => line.Contains("עמוד שני של ההסכם"), "the document's own text under the values");
        Assert.DoesNotContain(first, line => line.Contains("Avi Cohen ערב"));
    }
}
