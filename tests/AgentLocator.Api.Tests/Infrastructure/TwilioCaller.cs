using System.Net;
using System.Xml.Linq;
using AgentLocator.Api.Integrations.Twilio;
using AgentLocator.CallSimulator;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLocator.Api.Tests.Infrastructure;

/// <summary>Plays Twilio in tests: posts signed form webhooks for one call and checks every answer is valid TwiML.</summary>
public sealed class TwilioCaller(AgentLocatorApiFactory api, string from, string to)
{
    public string CallSid { get; } = "CA" + Guid.NewGuid().ToString("N");
    public string From { get; } = from;
    public string To { get; } = to;

    private string Token => api.Services.GetRequiredService<IConfiguration>()["Twilio:AuthToken"]!;
    public string PublicHost => api.Services.GetRequiredService<IConfiguration>()["Public:Host"]!.TrimEnd('/');

    public static string NewRecordingSid() => "RE" + Guid.NewGuid().ToString("N");

    /// <summary>How long Twilio waits for any webhook's answer before it gives up on the call (its documented 15 s).</summary>
    public static readonly TimeSpan TwilioAnswerLimit = TimeSpan.FromSeconds(15);

    /// <summary>Set (to <see cref="TwilioAnswerLimit"/>) and a webhook not answered by then fails the test, as it would fail the call.</summary>
    public TimeSpan? AnswerLimit { get; set; }

    public async Task<HttpResponseMessage> PostAsync(string pathAndQuery, Dictionary<string, string> fields)
    {
        var form = new Dictionary<string, string>
        {
            ["CallSid"] = CallSid, ["AccountSid"] = "AC" + new string('0', 32), ["From"] = From, ["To"] = To,
            ["Direction"] = "inbound", ["ApiVersion"] = "2010-04-01",
        };
        foreach (var (key, value) in fields)
        {
            form[key] = value;
        }
        using var client = api.CreateClient();
        if (AnswerLimit is { } limit)
        {
            client.Timeout = limit;
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, pathAndQuery) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(TwilioSignatureFilter.SignatureHeader, TwilioSigner.Sign(Token, PublicHost + pathAndQuery, form));
        return await client.SendAsync(request);
    }

    public async Task<XElement> TwiMLAsync(string pathAndQuery, Dictionary<string, string>? fields = null) =>
        await ParseAsync(await PostAsync(pathAndQuery, fields ?? []));

    public Task<XElement> IncomingAsync() => TwiMLAsync("/webhook/incoming_call", new() { ["CallStatus"] = "ringing" });

    public Task<XElement> RecordingAsync(string recordingSid, Uri? recordingUrl, int seconds, string digits = "*") =>
        TwiMLAsync("/webhook/handle_recording", new()
        {
            ["CallStatus"] = "in-progress", ["RecordingSid"] = recordingSid, ["RecordingUrl"] = recordingUrl?.ToString() ?? "",
            ["RecordingDuration"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Digits"] = digits,
        });

    /// <summary>Follows a &lt;Redirect&gt; as Twilio does: POST to the URL, relative to the webhook's public address.</summary>
    public Task<XElement> FollowAsync(XElement redirect) => TwiMLAsync(redirect.Value, new() { ["CallStatus"] = "in-progress" });

    public async Task StatusAsync(string status, int duration)
    {
        using var response = await PostAsync("/webhook/call_status", new()
        {
            ["CallStatus"] = status, ["CallDuration"] = duration.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static async Task<XElement> ParseAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var root = XDocument.Parse(body).Root!;
        Assert.Equal("Response", root.Name.LocalName);
        return root;
    }

    public static IReadOnlyList<string> Verbs(XElement twiml) => [.. twiml.Elements().Select(e => e.Name.LocalName)];
}

public static class CallTestExtensions
{
    /// <summary>A business of its own with a Twilio number, so a test's calls, customers and tasks are its own.</summary>
    public static async Task<(Business Business, User Admin, TwilioCaller Caller)> NewBusinessCallAsync(this AgentLocatorApiFactory api, string? from = null)
    {
        var (business, admin) = await api.CreateBusinessAsync();
        var number = "+97235" + Random.Shared.Next(100000, 999999);
        await using (var db = api.CreateDbContext())
        {
            await db.Businesses.Where(b => b.Id == business.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.TwilioNumber, number));
        }
        business.TwilioNumber = number;
        return (business, admin, new TwilioCaller(api, from ?? CustomerApiExtensions.NextMobile(), number));
    }

    /// <summary>The business's follow-ups fall due the moment a call ends (its callback delay set to 0), for tests of the alert itself.</summary>
    public static async Task CallbacksAtOnceAsync(this AgentLocatorApiFactory api, Business business)
    {
        await using var db = api.CreateDbContext();
        await db.Businesses.Where(b => b.Id == business.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.CallbackDelayMinutes, 0));
        business.CallbackDelayMinutes = 0;
    }

    public static async Task<T> EventuallyAsync<T>(this AgentLocatorApiFactory api, Func<Task<T?>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var value = await read();
            if (value is not null && done(value))
            {
                return value;
            }
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }

    public static async Task<Call> CallAsync(this AgentLocatorApiFactory api, TwilioCaller caller)
    {
        await using var db = api.CreateDbContext();
        return await db.Calls.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.CallSid == caller.CallSid);
    }

    public static async Task<List<CallTurn>> TurnsAsync(this AgentLocatorApiFactory api, TwilioCaller caller)
    {
        await using var db = api.CreateDbContext();
        return await db.CallTurns.IgnoreQueryFilters().AsNoTracking()
            .Where(t => db.Calls.IgnoreQueryFilters().Any(c => c.Id == t.CallId && c.CallSid == caller.CallSid))
            .OrderBy(t => t.Number).ToListAsync();
    }

    public static Task<Call> ProcessedAsync(this AgentLocatorApiFactory api, TwilioCaller caller) =>
        api.EventuallyAsync<Call>(async () => await api.CallAsync(caller), c => c.ProcessedAt is not null, "the after-call work");

    /// <summary>Waits until the call's outcome covers at least <paramref name="turns"/> turns, each handled (it may be remade first).</summary>
    public static Task<Call> CurrentOutcomeAsync(this AgentLocatorApiFactory api, TwilioCaller caller, int turns) =>
        api.EventuallyAsync<Call>(async () => await api.CallAsync(caller),
            c => c.ProcessedAt is not null && c.TurnCount >= turns && c.OutcomeTurns == c.TurnCount, "an outcome covering every turn");

    public static async Task<ApiClient> SignedInAsync(this AgentLocatorApiFactory api, User user)
    {
        var client = new ApiClient(api);
        client.UseToken((await client.SignInAsync(user.Email)).AccessToken);
        return client;
    }
}
