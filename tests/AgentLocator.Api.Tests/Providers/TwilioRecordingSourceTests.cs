using System.Diagnostics;
using AgentLocator.Api.Integrations.Twilio;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.FakeProviders;
using AgentLocator.Grains.Calls.Providers;
using Microsoft.Extensions.DependencyInjection;
using Twilio.Clients;
using TwilioHttpMethod = Twilio.Http.HttpMethod;
using TwilioRequest = Twilio.Http.Request;

namespace AgentLocator.Api.Tests.Providers;

/// <summary>The recording download, over HTTP against the fake Twilio.</summary>
public sealed class TwilioRecordingSourceTests
{
    private const string Sid = "AC11111111111111111111111111111111";
    private const string Token = "twilio-token-for-tests-0123456789";

    private static readonly byte[] Speech = FakeAudio.SpeechWav(TimeSpan.FromSeconds(1));

    // Short waits keep retry tests quick; the doubling and cap are the production ones.
    private static void QuickRetries(IServiceCollection services) =>
        services.Configure<RecordingDownloadOptions>(options => options.FirstRetryDelay = TimeSpan.FromMilliseconds(20));

    private static Task<FakeProviders.FakeProviders> StartFakesAsync(bool requireCredentials = true) => FakeProviders.FakeProviders.StartAsync(requireCredentials
        ? new FakeProvidersOptions { TwilioAccountSid = Sid, TwilioAuthToken = Token }
        : null);

    [Fact]
    public async Task The_recording_is_fetched_as_given_with_basic_auth()
    {
        await using var fakes = await StartFakesAsync();
        await using var host = ProviderHost.For(fakes);
        var url = fakes.Twilio.AddRecording(Speech);

        var audio = await host.Recordings.DownloadAsync(url.ToString(), CancellationToken.None);

        Assert.Equal(Speech, audio.Content);
        Assert.Equal("audio/x-wav", audio.ContentType);
        var request = Assert.Single(fakes.Twilio.Requests.All);
        Assert.True(request.SentCredentials);
        Assert.Equal(200, request.Status);
        Assert.DoesNotContain(Token, host.Logs.AllText);
    }

    [Fact]
    public async Task Without_credentials_configured_no_authorization_is_sent()
    {
        await using var fakes = await StartFakesAsync(requireCredentials: false);
        await using var host = ProviderHost.For(fakes, new Dictionary<string, string?> { ["Twilio:AccountSid"] = null, ["Twilio:AuthToken"] = null });

        var audio = await host.Recordings.DownloadAsync(fakes.Twilio.AddRecording(Speech).ToString(), CancellationToken.None);

        Assert.Equal(Speech, audio.Content);
        Assert.False(Assert.Single(fakes.Twilio.Requests.All).SentCredentials);
    }

    [Fact]
    public async Task A_recording_not_ready_yet_is_retried_until_served()
    {
        await using var fakes = await StartFakesAsync();
        await using var host = ProviderHost.For(fakes, services: QuickRetries);
        var url = fakes.Twilio.AddRecording(Speech, notReadyFor: 2);

        var audio = await host.Recordings.DownloadAsync(url.ToString(), CancellationToken.None);

        Assert.Equal(Speech, audio.Content);
        Assert.Equal([404, 404, 200], fakes.Twilio.Requests.All.Select(r => r.Status));
    }

    [Fact]
    public async Task It_gives_up_after_the_configured_number_of_attempts()
    {
        await using var fakes = await StartFakesAsync();
        await using var host = ProviderHost.For(fakes, new Dictionary<string, string?> { ["Calls:RecordingDownloadAttempts"] = "3" }, QuickRetries);
        var url = fakes.Twilio.AddRecording(Speech, notReadyFor: 10);

        var failure = await Assert.ThrowsAsync<RecordingUnavailableException>(() => host.Recordings.DownloadAsync(url.ToString(), CancellationToken.None));

        Assert.Contains("3 attempts", failure.Message);
        Assert.Equal(3, fakes.Twilio.Requests.Count);
    }

    [Fact]
    public async Task Server_errors_are_retried_too()
    {
        await using var fakes = await StartFakesAsync();
        await using var host = ProviderHost.For(fakes, new Dictionary<string, string?> { ["Calls:RecordingDownloadAttempts"] = "2" }, QuickRetries);
        fakes.Twilio.Faults.Status = 503;

        await Assert.ThrowsAsync<RecordingUnavailableException>(
            () => host.Recordings.DownloadAsync(fakes.Twilio.AddRecording(Speech).ToString(), CancellationToken.None));

        Assert.Equal([503, 503], fakes.Twilio.Requests.All.Select(r => r.Status));
    }

    [Fact]
    public async Task Refused_credentials_fail_at_once_without_retrying()
    {
        await using var fakes = await StartFakesAsync();
        await using var host = ProviderHost.For(fakes, new Dictionary<string, string?> { ["Twilio:AuthToken"] = "a-wrong-token" }, QuickRetries);

        var failure = await Assert.ThrowsAsync<RecordingUnavailableException>(
            () => host.Recordings.DownloadAsync(fakes.Twilio.AddRecording(Speech).ToString(), CancellationToken.None));

        Assert.Contains("401", failure.Message);
        Assert.Equal(401, Assert.Single(fakes.Twilio.Requests.All).Status);
        Assert.DoesNotContain("a-wrong-token", host.Logs.AllText + failure.Message);
    }

    [Fact]
    public async Task An_unreachable_server_is_retried_then_reported()
    {
        await using var host = ProviderHost.Create(
            new Dictionary<string, string?> { ["Calls:RecordingDownloadAttempts"] = "2" }, QuickRetries);
        var closedPort = TestServices.FreePort();

        var failure = await Assert.ThrowsAsync<RecordingUnavailableException>(() => host.Recordings.DownloadAsync(
            $"http://127.0.0.1:{closedPort}/2010-04-01/Accounts/{Sid}/Recordings/RE1", CancellationToken.None));

        Assert.Contains("2 attempts", failure.Message);
        Assert.IsType<HttpRequestException>(failure.InnerException);
    }

    [Fact]
    public async Task A_slow_answer_times_out_per_attempt()
    {
        await using var fakes = await StartFakesAsync();
        await using var host = ProviderHost.For(fakes, new Dictionary<string, string?> { ["Calls:RecordingDownloadAttempts"] = "2" }, services =>
        {
            QuickRetries(services);
            services.Configure<RecordingDownloadOptions>(options => options.AttemptTimeout = TimeSpan.FromMilliseconds(300));
        });
        fakes.Twilio.Faults.Delay = TimeSpan.FromSeconds(30);
        var watch = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<RecordingUnavailableException>(
            () => host.Recordings.DownloadAsync(fakes.Twilio.AddRecording(Speech).ToString(), CancellationToken.None));

        Assert.Contains("did not answer", failure.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData("ftp://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/2010-04-01/Accounts/AC1/Recordings/RE1")]
    [InlineData("not a url")]
    [InlineData("")]
    public async Task Anything_but_an_http_url_is_refused_without_a_request(string url)
    {
        await using var host = ProviderHost.Create(new Dictionary<string, string?>());

        await Assert.ThrowsAsync<RecordingUnavailableException>(() => host.Recordings.DownloadAsync(url, CancellationToken.None));
    }

    [Theory]
    [InlineData("http://recordings.example.com/2010-04-01/Accounts/AC1/Recordings/RE1", false)]
    [InlineData("https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1", true)]
    [InlineData("http://127.0.0.1:9/2010-04-01/Accounts/AC1/Recordings/RE1", true)]
    [InlineData("http://[::1]:9/2010-04-01/Accounts/AC1/Recordings/RE1", true)]
    public async Task The_account_credentials_go_only_over_https_or_to_this_machine(string url, bool sent)
    {
        // A handler stands in for the network here: these hosts must not be contacted for real.
        System.Net.Http.Headers.AuthenticationHeaderValue? authorization = null;
        using var http = new HttpClient(new Answering(request =>
        {
            authorization = request.Headers.Authorization;
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new ByteArrayContent(Speech) };
        }));
        var transport = new RecordingMediaTransport(http, CancellationToken.None);

        await new TwilioRestClient(Sid, Token, httpClient: transport).RequestAsync(new TwilioRequest(TwilioHttpMethod.Get, url));

        Assert.Equal(Speech, transport.Content);
        Assert.Equal(sent, authorization is not null);
        if (sent)
        {
            Assert.Equal("Basic", authorization!.Scheme);
            Assert.Equal($"{Sid}:{Token}", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(authorization.Parameter!)));
        }
    }

    private sealed class Answering(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }
}
