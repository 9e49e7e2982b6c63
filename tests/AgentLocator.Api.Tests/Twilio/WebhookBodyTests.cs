using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using AgentLocator.Api.Integrations.Twilio;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.CallSimulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLocator.Api.Tests.Twilio;

/// <summary>
/// Bodies Twilio never sends, over real HTTP to every webhook, signed and unsigned: each answer is a 403 or what Twilio
/// can use (TwiML on the call webhooks, "OK" on the callbacks), never a 500.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class WebhookBodyTests(AgentLocatorApiFactory api)
{
    public static TheoryData<string> Webhooks =>
    [
        "/webhook/incoming_call", "/webhook/handle_recording", "/webhook/call_reply?turn=1&attempt=1",
        "/webhook/call_status", "/webhook/recording_status",
    ];

    private static bool IsCallback(string path) => path.Contains("_status", StringComparison.Ordinal);

    private string Token => api.Services.GetRequiredService<IConfiguration>()["Twilio:AuthToken"]!;
    private string PublicHost => api.Services.GetRequiredService<IConfiguration>()["Public:Host"]!.TrimEnd('/');

    /// <summary>A call's usual fields, so a handler that gets them would do its work; <paramref name="extra"/> on top.</summary>
    private static List<KeyValuePair<string, string>> CallFields(IEnumerable<KeyValuePair<string, string>> extra) =>
    [
        new("CallSid", "CA" + Guid.NewGuid().ToString("N")), new("From", "+972501234567"), new("To", "+97235550100"),
        new("CallStatus", "completed"), .. extra,
    ];

    /// <summary>Posts <paramref name="content"/>, with Twilio's signature over <paramref name="signedFields"/> when given.</summary>
    private async Task<HttpResponseMessage> PostAsync(string path, HttpContent content, IEnumerable<KeyValuePair<string, string>>? signedFields)
    {
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (signedFields is not null)
        {
            request.Headers.Add(TwilioSignatureFilter.SignatureHeader, TwilioSigner.Sign(Token, PublicHost + path, signedFields));
        }
        return await client.SendAsync(request);
    }

    /// <summary>The answer Twilio can use: TwiML on a call webhook, a plain "OK" on a callback.</summary>
    private static async Task AssertUsableByTwilioAsync(string path, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        if (IsCallback(path))
        {
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("OK", body);
            return;
        }
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var root = XDocument.Parse(body).Root!;
        Assert.Equal("Response", root.Name.LocalName);
        Assert.Equal("Hangup", root.Elements().Last().Name.LocalName);
    }

    private static async Task AssertForbiddenAsync(string path, HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(Webhooks))]
    public async Task A_body_too_large_to_check_is_refused_signed_or_not(string path)
    {
        // 4 M Hebrew letters: a value over the form's limit in a body (about 25 MB encoded) over what is read at all.
        var fields = CallFields([new("TranscriptionText", new string('א', 4 * 1024 * 1024 + 1))]);

        using var unsigned = await PostAsync(path, new FormUrlEncodedContent(fields), signedFields: null);
        using var signed = await PostAsync(path, new FormUrlEncodedContent(fields), fields);

        await AssertForbiddenAsync(path, unsigned);
        await AssertForbiddenAsync(path, signed);
    }

    [Theory]
    [MemberData(nameof(Webhooks))]
    public async Task A_value_over_4_MB_in_a_body_that_can_be_checked_is_refused_unsigned_and_answered_with_the_fallback_when_signed(string path)
    {
        await AssertRefusedUnsignedAndFallbackWhenSignedAsync(path, CallFields([new("TranscriptionText", new string('x', 4 * 1024 * 1024 + 1))]));
    }

    [Theory]
    [MemberData(nameof(Webhooks))]
    public async Task More_than_1024_fields_are_refused_unsigned_and_answered_with_the_fallback_when_signed(string path)
    {
        await AssertRefusedUnsignedAndFallbackWhenSignedAsync(path, CallFields(Enumerable.Range(0, 1100).Select(i => KeyValuePair.Create($"Extra{i}", "x"))));
    }

    /// <summary>Over the form limits: unsigned is 403; signed is checked first, then answered with the fallback.</summary>
    private async Task AssertRefusedUnsignedAndFallbackWhenSignedAsync(string path, List<KeyValuePair<string, string>> fields)
    {
        using var unsigned = await PostAsync(path, new FormUrlEncodedContent(fields), signedFields: null);
        using var signed = await PostAsync(path, new FormUrlEncodedContent(fields), fields);

        await AssertForbiddenAsync(path, unsigned);
        await AssertUsableByTwilioAsync(path, signed);
        if (!IsCallback(path))
        {
            // The fallback, not the call's work: the apology.
            Assert.Contains(TwilioSignatureFilter.Apology, await signed.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [MemberData(nameof(Webhooks))]
    public async Task A_broken_multipart_body_has_no_fields_so_only_a_signature_over_the_url_passes(string path)
    {
        static HttpContent Broken()
        {
            var content = new StringContent("--edge\r\nContent-Disposition: form-data; name=\"CallSid\"\r\n\r\nCA1\r\n--ed", Encoding.UTF8);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=edge");
            return content;
        }

        using var unsigned = await PostAsync(path, Broken(), signedFields: null);
        using var signedAsAForm = await PostAsync(path, Broken(), [new("CallSid", "CA1")]);
        using var signedUrl = await PostAsync(path, Broken(), []);

        await AssertForbiddenAsync(path, unsigned);
        await AssertForbiddenAsync(path, signedAsAForm);
        await AssertUsableByTwilioAsync(path, signedUrl);
    }

    [Theory]
    [MemberData(nameof(Webhooks))]
    public async Task A_json_body_has_no_fields_so_only_a_signature_over_the_url_passes(string path)
    {
        static HttpContent Json() => new StringContent("{\"CallSid\":\"CA1\",\"From\":\"+972501234567\"}", Encoding.UTF8, "application/json");

        using var unsigned = await PostAsync(path, Json(), signedFields: null);
        using var signedUrl = await PostAsync(path, Json(), []);

        await AssertForbiddenAsync(path, unsigned);
        await AssertUsableByTwilioAsync(path, signedUrl);
    }

    [Theory]
    [MemberData(nameof(Webhooks))]
    public async Task An_empty_form_is_refused_unsigned_and_answered_when_signed(string path)
    {
        static HttpContent Empty()
        {
            var content = new ByteArrayContent([]);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
            return content;
        }

        using var unsigned = await PostAsync(path, Empty(), signedFields: null);
        using var signed = await PostAsync(path, Empty(), []);
        using var noContentType = await PostAsync(path, new ByteArrayContent([]), []);

        await AssertForbiddenAsync(path, unsigned);
        await AssertUsableByTwilioAsync(path, signed);
        await AssertUsableByTwilioAsync(path, noContentType);
    }

    [Fact]
    public async Task A_long_but_bounded_form_from_Twilio_is_still_read_and_checked()
    {
        // A long transcript well under the body bound: the signature passes and the webhook does its work.
        var fields = CallFields([new("TranscriptionText", new string('ש', 100_000))]);

        using var signed = await PostAsync("/webhook/call_status", new FormUrlEncodedContent(fields), fields);
        using var forged = await PostAsync("/webhook/call_status", new FormUrlEncodedContent(fields), [.. fields.SkipLast(1), new("TranscriptionText", "x")]);

        await AssertUsableByTwilioAsync("/webhook/call_status", signed);
        await AssertForbiddenAsync("/webhook/call_status", forged);
    }
}
