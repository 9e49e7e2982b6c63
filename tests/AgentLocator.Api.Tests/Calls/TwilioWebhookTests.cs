using System.Net;
using System.Xml.Linq;
using AgentLocator.Api.Integrations.Twilio;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.CallSimulator;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLocator.Api.Tests.Calls;

/// <summary>Twilio's webhooks over real HTTP, signed as Twilio signs them, against the real database.</summary>
[Collection(ApiCollection.Name)]
public sealed class TwilioWebhookTests(AgentLocatorApiFactory api)
{
    private const string DemoNumber = "+97235550100";
    private const string OtherNumber = "+97235550200";

    private static string NewCallSid() => "CA" + Guid.NewGuid().ToString("N");

    private string Token => api.Services.GetRequiredService<IConfiguration>()["Twilio:AuthToken"]!;
    private string PublicHost => api.Services.GetRequiredService<IConfiguration>()["Public:Host"]!.TrimEnd('/');

    /// <summary>Posts a form the way Twilio does; the signature covers the public URL, not the test server's.</summary>
    private async Task<HttpResponseMessage> PostAsync(string pathAndQuery, Dictionary<string, string> form, string? signature = null, bool sign = true)
    {
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, pathAndQuery) { Content = new FormUrlEncodedContent(form) };
        if (sign)
        {
            signature ??= TwilioSigner.Sign(Token, PublicHost + pathAndQuery, form);
            request.Headers.Add(TwilioSignatureFilter.SignatureHeader, signature);
        }
        return await client.SendAsync(request);
    }

    private static Dictionary<string, string> IncomingCall(string callSid, string from, string to = DemoNumber) => new()
    {
        ["CallSid"] = callSid, ["AccountSid"] = "AC" + new string('0', 32), ["From"] = from, ["To"] = to,
        ["CallStatus"] = "ringing", ["Direction"] = "inbound", ["ApiVersion"] = "2010-04-01",
    };

    private static async Task<XElement> TwiMLAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<?xml", body);
        var root = XDocument.Parse(body).Root!;
        Assert.Equal("Response", root.Name.LocalName);
        return root;
    }

    private async Task<Call?> CallAsync(string callSid)
    {
        await using var db = api.CreateDbContext();
        return await db.Calls.IgnoreQueryFilters().SingleOrDefaultAsync(c => c.CallSid == callSid);
    }

    [Fact]
    public async Task An_incoming_call_is_greeted_in_Hebrew_then_recorded()
    {
        var callSid = NewCallSid();

        var root = await TwiMLAsync(await PostAsync("/webhook/incoming_call", IncomingCall(callSid, CustomerApiExtensions.NextMobile())));

        Assert.Equal(["Say", "Pause", "Record", "Say", "Redirect"], root.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("1", root.Element("Pause")!.Attribute("length")?.Value);
        var greeting = root.Elements().First();
        Assert.Equal("he-IL", greeting.Attribute("language")?.Value);
        Assert.Equal(TwilioOptions.DefaultSayVoice, greeting.Attribute("voice")?.Value);
        Assert.Contains(DevelopmentSeed.DemoBusinessName, greeting.Value);
        var record = root.Element("Record")!;
        Assert.Equal("/webhook/handle_recording", record.Attribute("action")?.Value);
        Assert.Equal("POST", record.Attribute("method")?.Value);
        Assert.Equal("30", record.Attribute("maxLength")?.Value);
        Assert.Equal("5", record.Attribute("timeout")?.Value);
        Assert.Equal("*", record.Attribute("finishOnKey")?.Value);
        Assert.Equal("true", record.Attribute("playBeep")?.Value);
        Assert.Equal(PublicHost + "/webhook/recording_status", record.Attribute("recordingStatusCallback")?.Value);
        Assert.Equal("false", record.Attribute("transcribe")?.Value);
        Assert.Equal("/webhook/incoming_call?retry=1", root.Element("Redirect")!.Value);
    }

    [Fact]
    public async Task The_second_time_without_a_message_says_goodbye_and_hangs_up()
    {
        var form = IncomingCall(NewCallSid(), CustomerApiExtensions.NextMobile());
        await TwiMLAsync(await PostAsync("/webhook/incoming_call", form));

        var root = await TwiMLAsync(await PostAsync("/webhook/incoming_call?retry=1", form));

        Assert.Equal(["Say", "Record", "Say", "Hangup"], root.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("he-IL", root.Elements("Say").Last().Attribute("language")?.Value);
    }

    [Fact]
    public async Task A_known_customer_is_greeted_by_name()
    {
        using var agent = new ApiClient(api);
        await agent.SignInAsync("agent@demo.local");
        var phone = CustomerApiExtensions.NextMobile();
        var customer = await agent.CreateCustomerAsync(new { name = "דנה <כהן>", phone });
        var callSid = NewCallSid();

        var root = await TwiMLAsync(await PostAsync("/webhook/incoming_call", IncomingCall(callSid, phone)));

        Assert.Contains("דנה <כהן>", root.Element("Say")!.Value);
        var call = await CallAsync(callSid);
        Assert.Equal(customer.Id, call!.CustomerId);
        await using var db = api.CreateDbContext();
        Assert.Equal(1, await db.Customers.IgnoreQueryFilters().Where(c => c.Id == customer.Id).Select(c => c.Calls).SingleAsync());
    }

    [Fact]
    public async Task Twilio_retries_of_an_unknown_caller_make_one_call_and_one_lead()
    {
        var callSid = NewCallSid();
        var from = CustomerApiExtensions.NextMobile();
        var form = IncomingCall(callSid, from);

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostAsync("/webhook/incoming_call", form)));

        foreach (var answer in answers)
        {
            // A new caller's placeholder name is never spoken.
            Assert.DoesNotContain("מתקשר חדש", (await TwiMLAsync(answer)).Element("Say")!.Value);
        }
        var demo = await api.BusinessNamedAsync(DevelopmentSeed.DemoBusinessName);
        await using var db = api.CreateDbContext(demo.Id);
        var calls = await db.Calls.Where(c => c.CallSid == callSid).ToListAsync();
        var call = Assert.Single(calls);
        var lead = Assert.Single(await db.Customers.Where(c => c.Phone == from).ToListAsync());
        Assert.Equal(lead.Id, call.CustomerId);
        Assert.Equal(CustomerStatuses.Lead, lead.Status);
        Assert.StartsWith("מתקשר חדש 052-", lead.Name);
        Assert.Equal(1, lead.Calls);
        Assert.Equal(CallStatus.InProgress, call.Status);
        Assert.Equal((from, DemoNumber, "inbound"), (call.From, call.To, call.Direction));
    }

    [Fact]
    public async Task The_call_belongs_to_the_business_of_the_dialled_number()
    {
        var callSid = NewCallSid();
        var from = CustomerApiExtensions.NextMobile();

        await TwiMLAsync(await PostAsync("/webhook/incoming_call", IncomingCall(callSid, from, OtherNumber)));

        var other = await api.BusinessNamedAsync(DevelopmentSeed.OtherBusinessName);
        var demo = await api.BusinessNamedAsync(DevelopmentSeed.DemoBusinessName);
        await using (var otherDb = api.CreateDbContext(other.Id))
        {
            Assert.NotNull(await otherDb.Calls.SingleOrDefaultAsync(c => c.CallSid == callSid));
            Assert.NotNull(await otherDb.Customers.SingleOrDefaultAsync(c => c.Phone == from));
        }
        await using var demoDb = api.CreateDbContext(demo.Id);
        Assert.Null(await demoDb.Calls.SingleOrDefaultAsync(c => c.CallSid == callSid));
        Assert.Null(await demoDb.Customers.SingleOrDefaultAsync(c => c.Phone == from));
    }

    [Fact]
    public async Task An_unknown_number_is_answered_politely_and_hung_up()
    {
        var callSid = NewCallSid();

        var root = await TwiMLAsync(await PostAsync("/webhook/incoming_call", IncomingCall(callSid, CustomerApiExtensions.NextMobile(), "+97235559999")));

        Assert.Equal(["Say", "Hangup"], root.Elements().Select(e => e.Name.LocalName));
        Assert.Null(await CallAsync(callSid));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("not base64")]
    public async Task Unsigned_or_wrongly_signed_requests_are_refused_and_store_nothing(string? signature)
    {
        var callSid = NewCallSid();

        var response = await PostAsync("/webhook/incoming_call", IncomingCall(callSid, CustomerApiExtensions.NextMobile()), signature, sign: signature is not null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await response.ProblemAsync();
        Assert.Null(await CallAsync(callSid));
    }

    [Fact]
    public async Task A_signature_for_other_values_or_another_url_is_refused()
    {
        var callSid = NewCallSid();
        var form = IncomingCall(callSid, CustomerApiExtensions.NextMobile());
        var forgedTo = TwilioSigner.Sign(Token, PublicHost + "/webhook/incoming_call",
            form.Select(p => p.Key == "To" ? new KeyValuePair<string, string>("To", OtherNumber) : p));
        var otherUrl = TwilioSigner.Sign(Token, PublicHost + "/webhook/call_status", form);
        var otherToken = TwilioSigner.Sign("not-the-token", PublicHost + "/webhook/incoming_call", form);

        foreach (var signature in new[] { forgedTo, otherUrl, otherToken })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync("/webhook/incoming_call", form, signature)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync("/webhook/call_status", new() { ["CallSid"] = callSid, ["CallStatus"] = "completed" }, otherToken)).StatusCode);
        Assert.Null(await CallAsync(callSid));
    }

    [Fact]
    public async Task A_status_for_an_unknown_call_is_acknowledged()
    {
        var response = await PostAsync("/webhook/call_status", new() { ["CallSid"] = NewCallSid(), ["CallStatus"] = "completed", ["CallDuration"] = "12" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("OK", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_final_status_and_duration_are_stored_once()
    {
        var callSid = NewCallSid();
        await TwiMLAsync(await PostAsync("/webhook/incoming_call", IncomingCall(callSid, CustomerApiExtensions.NextMobile())));
        var completed = new Dictionary<string, string> { ["CallSid"] = callSid, ["CallStatus"] = "completed", ["CallDuration"] = "42" };

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var response = await PostAsync("/webhook/call_status", completed);
            Assert.Equal("OK", await response.Content.ReadAsStringAsync());
        }
        var first = await CallAsync(callSid);
        // A late, out-of-order "in-progress" does not reopen a finished call.
        await PostAsync("/webhook/call_status", new() { ["CallSid"] = callSid, ["CallStatus"] = "in-progress" });

        var call = await CallAsync(callSid);
        Assert.Equal(CallStatus.Completed, call!.Status);
        Assert.Equal(42, call.DurationSeconds);
        Assert.NotNull(call.EndedAt);
        Assert.Equal(first!.EndedAt, call.EndedAt);
        await using var db = api.CreateDbContext();
        Assert.Equal(1, await db.Customers.IgnoreQueryFilters().Where(c => c.Id == call.CustomerId).Select(c => c.Calls).SingleAsync());
    }

    [Fact]
    public async Task A_late_canceled_after_completed_changes_nothing_but_a_missing_duration()
    {
        var callSid = NewCallSid();
        await TwiMLAsync(await PostAsync("/webhook/incoming_call", IncomingCall(callSid, CustomerApiExtensions.NextMobile())));
        await PostAsync("/webhook/call_status", new() { ["CallSid"] = callSid, ["CallStatus"] = "completed" });
        var completed = await api.EventuallyAsync(() => CallAsync(callSid), c => c.ProcessedAt is not null, "the after-call work");

        var response = await PostAsync("/webhook/call_status", new() { ["CallSid"] = callSid, ["CallStatus"] = "canceled", ["CallDuration"] = "12" });

        Assert.Equal("OK", await response.Content.ReadAsStringAsync());
        var call = await CallAsync(callSid);
        Assert.Equal((CallStatus.Completed, CallDisposition.NoMessage, completed.EndedAt), (call!.Status, call.Disposition, call.EndedAt));
        Assert.Equal(12, call.DurationSeconds);
        Assert.Equal(completed.FollowUpTaskId, call.FollowUpTaskId);
    }

    [Fact]
    public async Task A_finished_recording_is_stored_on_the_call()
    {
        var callSid = NewCallSid();
        await TwiMLAsync(await PostAsync("/webhook/incoming_call", IncomingCall(callSid, CustomerApiExtensions.NextMobile())));
        var recordingUrl = "https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/RE" + Guid.NewGuid().ToString("N");

        var response = await PostAsync("/webhook/recording_status", new()
        {
            ["CallSid"] = callSid, ["RecordingSid"] = "RE123", ["RecordingUrl"] = recordingUrl,
            ["RecordingStatus"] = "completed", ["RecordingDuration"] = "7",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = await CallAsync(callSid);
        Assert.Equal(("RE123", recordingUrl, "completed"), (call!.RecordingSid, call.RecordingUrl, call.RecordingStatus));
    }

    [Fact]
    public async Task A_recording_gets_hold_audio_and_a_redirect_to_the_reply_step_at_once()
    {
        var callSid = NewCallSid();
        await TwiMLAsync(await PostAsync("/webhook/incoming_call", IncomingCall(callSid, CustomerApiExtensions.NextMobile())));

        // Nothing listens at this URL: the download fails in the background, never in Twilio's request.
        var root = await TwiMLAsync(await PostAsync("/webhook/handle_recording", new()
        {
            ["CallSid"] = callSid, ["RecordingUrl"] = "http://127.0.0.1:9/x", ["RecordingSid"] = "RE9", ["RecordingDuration"] = "4",
        }));

        Assert.Equal(["Play", "Redirect"], root.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(PublicHost + "/media/hold-first.wav", root.Element("Play")!.Value);
        Assert.Equal("/webhook/call_reply?turn=1&attempt=1", root.Element("Redirect")!.Value);
    }

    [Theory]
    [InlineData("/webhook/handle_recording")]
    [InlineData("/webhook/call_reply?turn=1&attempt=1")]
    public async Task Steps_of_a_call_we_never_saw_still_get_valid_TwiML(string path)
    {
        var root = await TwiMLAsync(await PostAsync(path, new()
        {
            ["CallSid"] = NewCallSid(), ["RecordingUrl"] = "http://127.0.0.1:9/x", ["RecordingSid"] = "RE1", ["RecordingDuration"] = "4",
        }));

        Assert.Equal("Hangup", root.Elements().Last().Name.LocalName);
        Assert.Equal("Say", root.Elements().First().Name.LocalName);
    }

    [Theory]
    [InlineData("/webhook/call_reply")]
    [InlineData("/webhook/call_reply?turn=x&attempt=1")]
    [InlineData("/webhook/call_reply?turn=1&attempt=0")]
    public async Task A_reply_step_with_a_broken_query_thanks_the_caller_instead_of_failing(string path)
    {
        var root = await TwiMLAsync(await PostAsync(path, new() { ["CallSid"] = NewCallSid() }));

        Assert.Equal(["Say", "Hangup"], root.Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public async Task The_hold_audio_is_a_short_wav_Twilio_can_fetch()
    {
        using var client = api.CreateClient();
        using var response = await client.GetAsync("/media/hold.wav");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
    }

    [Theory]
    [InlineData("/media/not-a-key")]
    [InlineData("/media/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Unknown_media_is_404(string path)
    {
        using var client = api.CreateClient();
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
