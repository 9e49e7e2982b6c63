using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Contracts;
using AgentLocator.Api.Signatures;
using AgentLocator.Api.Tests.CustomerContracts;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Api.Tests.Invoices;
using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Api.Tests.Signatures;

/// <summary>A contract sent for signature: its own PDF becomes the request, and the request's progress moves the contract.</summary>
[Collection(SignaturesCollection.Name)]
public sealed class ContractSignatureTests(SignaturesFixture api)
{
    private static readonly string SignaturePng = Convert.ToBase64String(PdfSig.SignaturePng);

    private async Task<(ApiClient Admin, ContractResponse Contract, string Phone)> DraftContractAsync()
    {
        var admin = await api.ContractsBusinessAsync();
        var phone = CustomerApiExtensions.NextMobile();
        var customer = await admin.CreateCustomerAsync(new { name = "רונית אברהם", phone });
        var template = await admin.CreateTemplateAsync();
        var contract = await admin.CreateContractAsync(customer.Id, new { templateId = template.Id, title = "הסכם גינון", fieldValues = new { service = "גינון" } });
        return (admin, contract, phone);
    }

    private static async Task<ContractStatus> ContractStatusAsync(ApiClient admin, Guid id) =>
        (await admin.Http.GetFromJsonAsync<ContractResponse>($"/api/contracts/{id}", JsonSerializerOptions.Web))!.Status;

    private static Task<HttpResponseMessage> SendForSignatureAsync(ApiClient admin, Guid contractId, string phone) =>
        admin.Http.PostAsJsonAsync($"/api/signatures/contracts/{contractId}",
            new { signers = new[] { SignaturesFixture.SignerBody("רונית אברהם", phone) }, ordered = true });

    [Fact]
    public async Task A_contract_sent_by_SMS_and_signed_on_the_phone_reads_signed_and_its_signed_PDF_verifies()
    {
        var (admin, contract, phone) = await DraftContractAsync();

        var sent = await SendForSignatureAsync(admin, contract.Id, phone);
        Assert.True(sent.StatusCode == HttpStatusCode.Created, await sent.Content.ReadAsStringAsync());
        var request = (await sent.Content.ReadFromJsonAsync<SignatureRequestResponse>(JsonSerializerOptions.Web))!;
        Assert.Equal(contract.Id, request.ContractId);
        Assert.Equal(ContractStatus.Sent, await ContractStatusAsync(admin, contract.Id));

        using var signer = api.Signer();
        var token = api.LinkTokenSentTo(phone);
        Assert.Equal(HttpStatusCode.OK, (await signer.GetAsync($"/api/public/sign/{token}")).StatusCode);
        Assert.Equal(ContractStatus.Viewed, await ContractStatusAsync(admin, contract.Id));

        var signed = await signer.PostAsJsonAsync($"/api/public/sign/{token}/sign", new { signaturePng = SignaturePng, consent = true });
        Assert.True(signed.StatusCode == HttpStatusCode.OK, await signed.Content.ReadAsStringAsync());
        Assert.Equal(ContractStatus.Signed, await ContractStatusAsync(admin, contract.Id));

        var pdf = await admin.Http.GetByteArrayAsync($"/api/signatures/requests/{request.Id}/signed.pdf");
        Assert.Contains("Signature is Valid", await PdfSig.VerifyAsync(pdf));
        var lines = PdfText.Lines(await PdfText.ExtractAsync(pdf));
        PdfText.HasLine(lines, line => line.Contains("גינון"), "the contract's own body");
        // What the customer signed is the agreement, not a draft of it: no draft mark.
        Assert.DoesNotContain(lines, line => line.Contains("טיוטה"));
    }

    [Fact]
    public async Task Only_a_draft_is_sent_and_cancelling_the_request_cancels_the_contract()
    {
        var (admin, contract, phone) = await DraftContractAsync();
        var request = (await (await SendForSignatureAsync(admin, contract.Id, phone)).Content
            .ReadFromJsonAsync<SignatureRequestResponse>(JsonSerializerOptions.Web))!;

        var again = await SendForSignatureAsync(admin, contract.Id, phone);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);

        Assert.Equal(HttpStatusCode.OK, (await admin.Http.PostAsync($"/api/signatures/requests/{request.Id}/cancel", null)).StatusCode);
        Assert.Equal(ContractStatus.Cancelled, await ContractStatusAsync(admin, contract.Id));

        var stranger = await api.ContractsBusinessAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await SendForSignatureAsync(stranger, contract.Id, phone)).StatusCode);
        var noSigners = await admin.Http.PostAsJsonAsync($"/api/signatures/contracts/{Guid.NewGuid()}", new { signers = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.NotFound, noSigners.StatusCode);
    }
}
