using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Signatures;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Api.Tests.Invoices;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tests.Signatures;

/// <summary>Signature requests over real HTTP and Postgres: the agent's side, the signer's link, completion and the trail.</summary>
[Collection(SignaturesCollection.Name)]
public sealed class SignatureRequestTests(SignaturesFixture api)
{
    private static readonly string SignaturePng = Convert.ToBase64String(PdfSig.SignaturePng);

    private async Task<(ApiClient Agent, Guid BusinessId, Guid CustomerId)> NewBusinessWithCustomerAsync()
    {
        var (business, admin) = await api.CreateBusinessAsync();
        var agent = await api.SignedInAsync(admin);
        var customer = await agent.CreateCustomerAsync(new { name = "דנה לוי", phone = CustomerApiExtensions.NextMobile() });
        return (agent, business.Id, customer.Id);
    }

    private static async Task<SigningView> SignAsync(HttpClient signer, string token, string? typed = null)
    {
        var response = await signer.PostAsJsonAsync($"/api/public/sign/{token}/sign", new { signaturePng = SignaturePng, typedName = typed, consent = true });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SigningView>(JsonSerializerOptions.Web))!;
    }

    private static async Task<SignatureRequestResponse> GetAsync(ApiClient agent, Guid id) =>
        (await agent.Http.GetFromJsonAsync<SignatureRequestResponse>($"/api/signatures/requests/{id}", JsonSerializerOptions.Web))!;

    [Fact]
    public async Task Two_signers_at_once_sign_and_the_signed_PDF_verifies_with_pdfsig_and_names_them()
    {
        var (agent, _, customerId) = await NewBusinessWithCustomerAsync();
        var (first, second) = (CustomerApiExtensions.NextMobile(), CustomerApiExtensions.NextMobile());
        var created = await api.CreateRequestAsync(agent, customerId,
            [SignaturesFixture.SignerBody("דנה לוי", first), SignaturesFixture.SignerBody("Avi Cohen", second, SignerRoles.CoSigner)]);
        Assert.Equal(SignatureStatuses.Sent, created.Status);
        Assert.All(created.Signers, s => Assert.Equal(SignatureStatuses.Sent, s.Status));

        using var phone = api.Signer();
        var token = api.LinkTokenSentTo(first);
        var view = (await phone.GetFromJsonAsync<SigningView>($"/api/public/sign/{token}", JsonSerializerOptions.Web))!;
        Assert.Equal("דנה לוי", view.SignerName);
        Assert.True(view.CanSign);
        Assert.Equal(SignatureStatuses.Viewed, (await GetAsync(agent, created.Id)).Status);
        var page = await phone.GetAsync($"/api/public/sign/{token}/pages/1");
        Assert.Equal("image/png", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await phone.GetAsync($"/api/public/sign/{token}/pages/9")).StatusCode);

        var afterFirst = await SignAsync(phone, token);
        Assert.False(afterFirst.CanSign);
        Assert.False(afterFirst.SignedCopyReady);
        Assert.Equal(HttpStatusCode.Conflict, (await agent.Http.GetAsync($"/api/signatures/requests/{created.Id}/signed.pdf")).StatusCode);

        using var other = api.Signer();
        var done = await SignAsync(other, api.LinkTokenSentTo(second), typed: "Avi Cohen");
        Assert.True(done.SignedCopyReady);
        Assert.Equal(SignatureStatuses.Signed, done.RequestStatus);

        var pdf = await agent.Http.GetByteArrayAsync($"/api/signatures/requests/{created.Id}/signed.pdf");
        var report = await PdfSig.VerifyAsync(pdf);
        Assert.Contains("Signature is Valid", report);
        Assert.Contains("Total document signed", report);
        var lines = PdfText.Lines(await PdfText.ExtractAsync(pdf));
        PdfText.HasLine(lines, "הסכם שירות בין הצדדים לשנת 2027");
        PdfText.HasLine(lines, line => line.Contains("דנה לוי"), "naming the first signer");
        PdfText.HasLine(lines, line => line.Contains("Avi Cohen"), "naming the second signer");
        // The signer downloads the same immutable copy.
        Assert.Equal(pdf, await phone.GetByteArrayAsync($"/api/public/sign/{token}/signed.pdf"));

        var finished = await GetAsync(agent, created.Id);
        Assert.Equal(SignatureStatuses.Signed, finished.Status);
        var actions = finished.Events.Select(e => e.Action).ToList();
        foreach (var expected in new[] { "created", "sent", "opened", "signed", "completed", "downloaded" })
        {
            Assert.Contains(expected, actions);
        }
        var signed = finished.Events.First(e => e.Action == "signed" && e.SignerId == finished.Signers[0].Id);
        Assert.StartsWith("198.51.", signed.Ip);
        Assert.Contains("iPhone", signed.UserAgent);

        await using var db = api.CreateDbContext();
        var timeline = await db.TimelineEvents.IgnoreQueryFilters().Where(e => e.SourceId == created.Id).Select(e => e.Kind).ToListAsync();
        Assert.True(timeline.Count >= 5);
        Assert.All(timeline, kind => Assert.Equal("signature", kind));
        var audit = await db.AuditLog.IgnoreQueryFilters().Where(a => a.TargetId == customerId.ToString()).Select(a => a.Action).ToListAsync();
        Assert.Contains("signature-request-completed", audit);
        Assert.Contains("signature-request-signed", audit);
    }

    [Fact]
    public async Task Tampering_with_the_stored_signed_PDF_is_refused_by_the_database_and_a_changed_byte_fails_pdfsig()
    {
        var (agent, businessId, customerId) = await NewBusinessWithCustomerAsync();
        var phoneNumber = CustomerApiExtensions.NextMobile();
        var created = await api.CreateRequestAsync(agent, customerId, [SignaturesFixture.SignerBody("דנה לוי", phoneNumber)]);
        using var phone = api.Signer();
        await SignAsync(phone, api.LinkTokenSentTo(phoneNumber));
        var pdf = await agent.Http.GetByteArrayAsync($"/api/signatures/requests/{created.Id}/signed.pdf");

        var tampered = (byte[])pdf.Clone();
        tampered[pdf.Length / 3] ^= 0x01;
        Assert.DoesNotContain("Signature is Valid", await PdfSig.VerifyAsync(tampered));

        await using var db = api.CreateDbContext(businessId);
        var refusal = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            db.SignatureRequests.Where(r => r.Id == created.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.SignedPdf, tampered)));
        Assert.Equal("AL002", refusal.SqlState);

        // The verify page: ours and intact; the tampered copy is neither.
        var genuine = await VerifyAsync(pdf);
        Assert.True(genuine.Issued);
        Assert.True(genuine.Unchanged);
        Assert.Equal("דנה לוי", Assert.Single(genuine.Signers).Name);
        var forged = await VerifyAsync(tampered);
        Assert.False(forged.Issued);
        Assert.False(forged.Unchanged);
    }

    private async Task<DocumentVerification> VerifyAsync(byte[] pdf)
    {
        using var anonymous = api.Signer();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(pdf), "file", "signed.pdf" } };
        var response = await anonymous.PostAsync("/api/documents/verify", form);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<DocumentVerification>(JsonSerializerOptions.Web))!;
    }

    [Fact]
    public async Task In_order_the_second_signer_gets_a_link_only_after_the_first_signs()
    {
        var (agent, _, customerId) = await NewBusinessWithCustomerAsync();
        var (first, second) = (CustomerApiExtensions.NextMobile(), CustomerApiExtensions.NextMobile());
        var created = await api.CreateRequestAsync(agent, customerId,
            [SignaturesFixture.SignerBody("ראשון", first), SignaturesFixture.SignerBody("שנייה", second, SignerRoles.Business)], ordered: true);
        Assert.Equal([SignatureStatuses.Sent, SignatureStatuses.Draft], created.Signers.Select(s => s.Status));
        Assert.DoesNotContain(api.Messages.Sends.All, s => s.To == second);
        var early = await agent.Http.PostAsync($"/api/signatures/requests/{created.Id}/signers/{created.Signers[1].Id}/link", null);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);

        using var phone = api.Signer();
        await SignAsync(phone, api.LinkTokenSentTo(first));

        var next = await GetAsync(agent, created.Id);
        Assert.Equal([SignatureStatuses.Signed, SignatureStatuses.Sent], next.Signers.Select(s => s.Status));
        using var secondPhone = api.Signer();
        var done = await SignAsync(secondPhone, api.LinkTokenSentTo(second));
        Assert.Equal(SignatureStatuses.Signed, done.RequestStatus);
    }

    [Fact]
    public async Task A_link_shows_only_its_own_signer_and_cannot_act_for_another()
    {
        var (agent, _, customerId) = await NewBusinessWithCustomerAsync();
        var (first, second) = (CustomerApiExtensions.NextMobile(), CustomerApiExtensions.NextMobile());
        var created = await api.CreateRequestAsync(agent, customerId,
            [SignaturesFixture.SignerBody("דנה", first), SignaturesFixture.SignerBody("יוסי", second, SignerRoles.CoSigner)]);
        using var phone = api.Signer();
        var token = api.LinkTokenSentTo(first);

        var body = await phone.GetStringAsync($"/api/public/sign/{token}");
        Assert.Contains("דנה", body);
        Assert.DoesNotContain("יוסי", body);
        Assert.DoesNotContain(second.TrimStart('+'), body);
        Assert.DoesNotContain(created.Id.ToString(), body);

        await SignAsync(phone, token);
        var again = await phone.PostAsJsonAsync($"/api/public/sign/{token}/sign", new { signaturePng = SignaturePng, consent = true });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var request = await GetAsync(agent, created.Id);
        Assert.Equal(SignatureStatuses.Sent, request.Signers[1].Status);

        Assert.Equal(HttpStatusCode.NotFound, (await phone.GetAsync("/api/public/sign/AAAAAAAAAAAAAAAAAAAAAA")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await phone.GetAsync("/api/public/sign/short")).StatusCode);
    }

    [Fact]
    public async Task An_expired_request_answers_410_and_reads_expired()
    {
        var (agent, businessId, customerId) = await NewBusinessWithCustomerAsync();
        var phoneNumber = CustomerApiExtensions.NextMobile();
        var created = await api.CreateRequestAsync(agent, customerId, [SignaturesFixture.SignerBody("דנה", phoneNumber)]);
        var token = api.LinkTokenSentTo(phoneNumber);
        await using (var db = api.CreateDbContext(businessId))
        {
            await db.SignatureRequests.Where(r => r.Id == created.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }
        Assert.Equal(SignatureStatuses.Expired, (await GetAsync(agent, created.Id)).Status);

        using var phone = api.Signer();
        var response = await phone.GetAsync($"/api/public/sign/{token}");
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var after = await GetAsync(agent, created.Id);
        Assert.Equal(SignatureStatuses.Expired, after.Status);
        Assert.Contains(after.Events, e => e.Action == "expired");
    }

    [Fact]
    public async Task A_cancelled_request_answers_410_and_cannot_be_reminded()
    {
        var (agent, _, customerId) = await NewBusinessWithCustomerAsync();
        var phoneNumber = CustomerApiExtensions.NextMobile();
        var created = await api.CreateRequestAsync(agent, customerId, [SignaturesFixture.SignerBody("דנה", phoneNumber)]);
        var token = api.LinkTokenSentTo(phoneNumber);

        var reminded = await agent.Http.PostAsJsonAsync($"/api/signatures/requests/{created.Id}/remind", new { });
        Assert.Equal(HttpStatusCode.OK, reminded.StatusCode);
        Assert.NotEqual(token, api.LinkTokenSentTo(phoneNumber));

        var cancelled = await agent.Http.PostAsync($"/api/signatures/requests/{created.Id}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        using var phone = api.Signer();
        Assert.Equal(HttpStatusCode.Gone, (await phone.GetAsync($"/api/public/sign/{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await phone.GetAsync($"/api/public/sign/{api.LinkTokenSentTo(phoneNumber)}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await agent.Http.PostAsJsonAsync($"/api/signatures/requests/{created.Id}/remind", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await agent.Http.PostAsync($"/api/signatures/requests/{created.Id}/cancel", null)).StatusCode);
        Assert.Equal([SignatureStatuses.Cancelled], (await GetAsync(agent, created.Id)).Signers.Select(s => s.Status));
    }

    [Fact]
    public async Task Declining_needs_a_reason_and_ends_the_request_for_everyone()
    {
        var (agent, _, customerId) = await NewBusinessWithCustomerAsync();
        var (first, second) = (CustomerApiExtensions.NextMobile(), CustomerApiExtensions.NextMobile());
        var created = await api.CreateRequestAsync(agent, customerId, [SignaturesFixture.SignerBody("דנה", first), SignaturesFixture.SignerBody("יוסי", second)]);
        using var phone = api.Signer();
        var token = api.LinkTokenSentTo(first);

        Assert.Equal(HttpStatusCode.BadRequest, (await phone.PostAsJsonAsync($"/api/public/sign/{token}/decline", new { reason = " " })).StatusCode);
        var declined = await phone.PostAsJsonAsync($"/api/public/sign/{token}/decline", new { reason = "המחיר לא מוסכם" });
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);

        var request = await GetAsync(agent, created.Id);
        Assert.Equal(SignatureStatuses.Declined, request.Status);
        Assert.Equal("המחיר לא מוסכם", request.Signers[0].DeclineReason);
        Assert.Equal(HttpStatusCode.Gone, (await phone.GetAsync($"/api/public/sign/{api.LinkTokenSentTo(second)}")).StatusCode);
    }

    [Fact]
    public async Task With_a_code_required_signing_waits_for_the_SMS_code()
    {
        var (agent, _, customerId) = await NewBusinessWithCustomerAsync();
        var phoneNumber = CustomerApiExtensions.NextMobile();
        var created = await api.CreateRequestAsync(agent, customerId, [SignaturesFixture.SignerBody("דנה", phoneNumber)], requireCode: true);
        using var phone = api.Signer();
        var token = api.LinkTokenSentTo(phoneNumber);

        var early = await phone.PostAsJsonAsync($"/api/public/sign/{token}/sign", new { signaturePng = SignaturePng, consent = true });
        Assert.Equal(HttpStatusCode.Forbidden, early.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await phone.PostAsync($"/api/public/sign/{token}/code", null)).StatusCode);
        var code = api.CodeSentTo(phoneNumber);
        var wrong = code == "000000" ? "111111" : "000000";
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await phone.PostAsJsonAsync($"/api/public/sign/{token}/code/verify", new { code = wrong })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await phone.PostAsJsonAsync($"/api/public/sign/{token}/code/verify", new { code })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await phone.PostAsJsonAsync($"/api/public/sign/{token}/sign", new { signaturePng = SignaturePng, consent = false })).StatusCode);
        await SignAsync(phone, token);

        var request = await GetAsync(agent, created.Id);
        Assert.True(request.Signers[0].CodeVerified);
        Assert.Contains(request.Events, e => e.Action == "code_sent");
        Assert.Contains(request.Events, e => e.Action == "code_verified");
    }

    [Fact]
    public async Task One_link_is_rate_limited_with_a_429_problem()
    {
        var (agent, _, customerId) = await NewBusinessWithCustomerAsync();
        var phoneNumber = CustomerApiExtensions.NextMobile();
        await api.CreateRequestAsync(agent, customerId, [SignaturesFixture.SignerBody("דנה", phoneNumber)]);
        var token = api.LinkTokenSentTo(phoneNumber);

        HttpResponseMessage? refused = null;
        // From several addresses, so it is the link's own limit that answers, not an address's.
        for (var attempt = 0; attempt < SignaturesFixture.PerLinkLimit + 5 && refused is null; attempt++)
        {
            using var phone = api.Signer();
            var response = await phone.GetAsync($"/api/public/sign/{token}");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
        }
        Assert.NotNull(refused);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task One_address_is_rate_limited_across_links()
    {
        using var phone = api.Signer();
        HttpResponseMessage? refused = null;
        for (var attempt = 0; attempt < SignaturesFixture.PerAddressLimit + 5 && refused is null; attempt++)
        {
            var response = await phone.GetAsync($"/api/public/sign/{Guid.NewGuid():N}");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
        }
        Assert.NotNull(refused);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Another_business_gets_404_on_every_route_of_a_request()
    {
        var (agent, _, customerId) = await NewBusinessWithCustomerAsync();
        var created = await api.CreateRequestAsync(agent, customerId, [SignaturesFixture.SignerBody("דנה", CustomerApiExtensions.NextMobile())]);
        var (other, _, _) = await NewBusinessWithCustomerAsync();
        var id = created.Id;
        var signerId = created.Signers[0].Id;

        var responses = new[]
        {
            await other.Http.GetAsync($"/api/signatures/requests/{id}"),
            await other.Http.PostAsJsonAsync($"/api/signatures/requests/{id}/send", new { channel = "sms" }),
            await other.Http.PostAsJsonAsync($"/api/signatures/requests/{id}/remind", new { }),
            await other.Http.PostAsync($"/api/signatures/requests/{id}/cancel", null),
            await other.Http.PostAsync($"/api/signatures/requests/{id}/signers/{signerId}/link", null),
            await other.Http.GetAsync($"/api/signatures/requests/{id}/original.pdf"),
            await other.Http.GetAsync($"/api/signatures/requests/{id}/signed.pdf"),
            await other.Http.GetAsync($"/api/customers/{customerId}/signature-requests"),
            await api.PostRequestAsync(other, customerId, [SignaturesFixture.SignerBody("דנה", CustomerApiExtensions.NextMobile())]),
        };
        Assert.All(responses, response => Assert.Equal(HttpStatusCode.NotFound, response.StatusCode));
        var list = (await other.Http.GetFromJsonAsync<JsonElement>("/api/signatures/requests"))!;
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
        Assert.Equal(SignatureStatuses.Sent, (await GetAsync(agent, id)).Status);
    }

    [Fact]
    public async Task Bad_input_is_a_problem_never_a_500()
    {
        var (agent, _, customerId) = await NewBusinessWithCustomerAsync();
        var notPdf = await api.PostRequestAsync(agent, customerId, [SignaturesFixture.SignerBody("דנה", CustomerApiExtensions.NextMobile())],
            pdf: "hello"u8.ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, notPdf.StatusCode);
        var badPhone = await api.PostRequestAsync(agent, customerId, [SignaturesFixture.SignerBody("דנה", "12")]);
        Assert.Equal(HttpStatusCode.BadRequest, badPhone.StatusCode);
        var noSigners = await api.PostRequestAsync(agent, customerId, []);
        Assert.Equal(HttpStatusCode.BadRequest, noSigners.StatusCode);
        var json = await agent.Http.PostAsJsonAsync($"/api/customers/{customerId}/signature-requests", new { title = "x" });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.Http.GetAsync("/api/signatures/requests?status=nope")).StatusCode);
    }

    [Fact]
    public async Task Link_delivery_sends_no_SMS_and_the_agent_copies_a_working_link()
    {
        var (agent, _, customerId) = await NewBusinessWithCustomerAsync();
        var phoneNumber = CustomerApiExtensions.NextMobile();
        var created = await api.CreateRequestAsync(agent, customerId, [SignaturesFixture.SignerBody("דנה", phoneNumber)], delivery: "link");
        Assert.DoesNotContain(api.Messages.Sends.All, s => s.To == phoneNumber);

        var link = await agent.Http.PostAsync($"/api/signatures/requests/{created.Id}/signers/{created.Signers[0].Id}/link", null);
        var url = (await link.Content.ReadFromJsonAsync<SignerLinkResponse>(JsonSerializerOptions.Web))!.Url;
        var token = url[(url.LastIndexOf('/') + 1)..];
        using var phone = api.Signer();
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync($"/api/public/sign/{token}")).StatusCode);
        var list = await agent.Http.GetFromJsonAsync<List<SignatureRequestListItem>>($"/api/customers/{customerId}/signature-requests", JsonSerializerOptions.Web);
        Assert.Equal(SignatureStatuses.Viewed, Assert.Single(list!).Status);
    }
}
