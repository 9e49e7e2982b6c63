using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Calls;
using AgentLocator.Api.Tests.Audit;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Audit;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tests.Accounts;

/// <summary>
/// The admin's Twilio number card. On a stack of its own whose PUBLIC_HOST is its own address, so the "test" button's
/// signed request really travels through the public URL back into the webhook and its signature check.
/// </summary>
public sealed class TwilioNumberTests : IClassFixture<TwilioNumberTests.PublicApi>
{
    public sealed class PublicApi : AgentLocatorApiFactory
    {
        public override Task InitializeAsync()
        {
            var port = TestServices.FreePort();
            UseKestrel(port);
            WithSetting("Public:Host", $"http://127.0.0.1:{port}");
            return base.InitializeAsync();
        }
    }

    private readonly PublicApi api;

    public TwilioNumberTests(PublicApi api) => this.api = api;

    private static string NewNumber() => "+97237" + Random.Shared.Next(100000, 999999);

    [Fact]
    public async Task The_admin_sets_the_number_sees_the_webhook_urls_and_the_signed_test_comes_back_as_twiml()
    {
        var (_, owner) = await api.CreateBusinessAsync();
        using var admin = await api.SignedInAsync(owner);
        var number = NewNumber();

        var set = await admin.Http.PutAsJsonAsync(TwilioNumberApi.Path, new { number = "0" + number[4..] });

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var card = (await set.Content.ReadFromJsonAsync<TwilioNumberResponse>(JsonSerializerOptions.Web))!;
        Assert.Equal(number, card.Number);
        Assert.Equal($"{api.ServerAddress.ToString().TrimEnd('/')}/webhook/incoming_call", card.Webhooks!.IncomingCall);
        Assert.True(card.CanVerifySignatures);

        var test = await admin.Http.PostAsync(TwilioNumberApi.Path + "/test", null);

        var result = (await test.Content.ReadFromJsonAsync<TwilioNumberTestResponse>(JsonSerializerOptions.Web))!;
        Assert.True(result.Ok, result.Detail);
        Assert.Equal(200, result.Status);
        await using var db = api.CreateDbContext();
        Assert.False(await db.Calls.IgnoreQueryFilters().AnyAsync(c => c.BusinessId == owner.BusinessId), "the test started no call");

        // Both steps are in the business's audit log: the number's change, and the test with its outcome.
        var changed = Assert.Single(await AuditTestSupport.RowsAsync(api, owner.BusinessId, AuditActions.TwilioNumberChanged.Name)).Details();
        Assert.Equal(JsonValueKind.Null, changed.GetProperty("old").ValueKind);
        Assert.Equal(number, changed.GetProperty("new").GetString());
        var tested = Assert.Single(await AuditTestSupport.RowsAsync(api, owner.BusinessId, AuditActions.TwilioNumberTested.Name));
        Assert.Equal(owner.Id, tested.ActorId);
        Assert.True(tested.Details().GetProperty("ok").GetBoolean());
        Assert.Equal(number, tested.Details().GetProperty("number").GetString());
    }

    [Fact]
    public async Task A_number_of_another_business_is_409_and_garbage_is_400()
    {
        var (first, firstAdmin) = await api.CreateBusinessAsync();
        var (_, secondAdmin) = await api.CreateBusinessAsync();
        using var one = await api.SignedInAsync(firstAdmin);
        using var two = await api.SignedInAsync(secondAdmin);
        var number = NewNumber();
        Assert.Equal(HttpStatusCode.OK, (await one.Http.PutAsJsonAsync(TwilioNumberApi.Path, new { number })).StatusCode);

        var taken = await two.Http.PutAsJsonAsync(TwilioNumberApi.Path, new { number });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal("application/problem+json", taken.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, (await two.Http.PutAsJsonAsync(TwilioNumberApi.Path, new { number = "not a phone" })).StatusCode);
        var noNumber = await (await two.Http.PostAsync(TwilioNumberApi.Path + "/test", null)).Content.ReadFromJsonAsync<TwilioNumberTestResponse>(JsonSerializerOptions.Web);
        Assert.False(noNumber!.Ok);
    }

    [Fact]
    public async Task The_test_reports_a_refused_signature_when_the_public_host_is_not_where_requests_arrive()
    {
        var misconfigured = new MisconfiguredApi(api.ServerAddress);
        await ((Xunit.IAsyncLifetime)misconfigured).InitializeAsync();
        try
        {
            var (_, owner) = await misconfigured.CreateBusinessAsync();
            using var admin = await misconfigured.SignedInAsync(owner);
            await admin.Http.PutAsJsonAsync(TwilioNumberApi.Path, new { number = NewNumber() });

            var result = await (await admin.Http.PostAsync(TwilioNumberApi.Path + "/test", null)).Content.ReadFromJsonAsync<TwilioNumberTestResponse>(JsonSerializerOptions.Web);

            // Its PUBLIC_HOST points at the other stack, whose token differs: the request arrives and the signature is refused.
            Assert.False(result!.Ok);
            Assert.Equal(403, result.Status);
        }
        finally
        {
            await ((Xunit.IAsyncLifetime)misconfigured).DisposeAsync();
        }
    }

    [Fact]
    public async Task The_test_fails_when_the_public_host_answers_valid_twiml_but_does_not_serve_the_number()
    {
        // The same token, but PUBLIC_HOST is the other stack (another database): the signature holds there, and the
        // number, unknown to it, is answered "not in service", which is valid TwiML and still no working number.
        var elsewhere = new MisconfiguredApi(api.ServerAddress, differentToken: false);
        await ((Xunit.IAsyncLifetime)elsewhere).InitializeAsync();
        try
        {
            var (_, owner) = await elsewhere.CreateBusinessAsync();
            using var admin = await elsewhere.SignedInAsync(owner);
            await admin.Http.PutAsJsonAsync(TwilioNumberApi.Path, new { number = NewNumber() });

            var result = await (await admin.Http.PostAsync(TwilioNumberApi.Path + "/test", null)).Content.ReadFromJsonAsync<TwilioNumberTestResponse>(JsonSerializerOptions.Web);

            Assert.False(result!.Ok, result.Detail);
            Assert.Equal(200, result.Status);
            Assert.False(Assert.Single(await AuditTestSupport.RowsAsync(elsewhere, owner.BusinessId, AuditActions.TwilioNumberTested.Name))
                .Details().GetProperty("ok").GetBoolean());
        }
        finally
        {
            await ((Xunit.IAsyncLifetime)elsewhere).DisposeAsync();
        }
    }

    private sealed class MisconfiguredApi : AgentLocatorApiFactory
    {
        public MisconfiguredApi(Uri elsewhere, bool differentToken = true)
        {
            WithSetting("Public:Host", elsewhere.ToString().TrimEnd('/'));
            if (differentToken)
            {
                WithSetting("Twilio:AuthToken", "a-different-token-than-the-other-stack");
            }
        }
    }
}
