using System.Xml.Linq;
using AgentLocator.Api.Integrations.Twilio;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentLocator.Api.Tests.Twilio;

/// <summary>A server missing its settings still answers Twilio validly, and never runs the handler unverified.</summary>
public sealed class TwilioSignatureFilterTests
{
    private static async Task<(int Status, string ContentType, string Body, bool HandlerRan)> RunAsync(TwilioOptions options, TwilioAnswer answer)
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        http.Request.Method = "POST";
        http.Request.Path = "/webhook/incoming_call";
        http.Response.Body = new MemoryStream();
        http.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(new TwilioAnswerMetadata(answer)), "test"));
        var handlerRan = false;
        var filter = new TwilioSignatureFilter(Options.Create(options), NullLogger<TwilioSignatureFilter>.Instance);

        var result = await filter.InvokeAsync(new DefaultEndpointFilterInvocationContext(http), _ =>
        {
            handlerRan = true;
            return ValueTask.FromResult<object?>(Results.Ok());
        });
        await ((IResult)result!).ExecuteAsync(http);

        http.Response.Body.Position = 0;
        return (http.Response.StatusCode, http.Response.ContentType ?? "", await new StreamReader(http.Response.Body).ReadToEndAsync(), handlerRan);
    }

    [Fact]
    public async Task Without_a_public_host_a_call_hears_an_apology_and_the_handler_does_not_run()
    {
        var (status, contentType, body, handlerRan) = await RunAsync(new TwilioOptions { AuthToken = "token", PublicHost = null }, TwilioAnswer.TwiML);

        Assert.Equal(200, status);
        Assert.StartsWith("text/xml", contentType);
        Assert.Equal(["Say", "Hangup"], XDocument.Parse(body).Root!.Elements().Select(e => e.Name.LocalName));
        Assert.False(handlerRan);
    }

    [Fact]
    public async Task Without_a_token_a_callback_is_acknowledged_and_the_handler_does_not_run()
    {
        var (status, contentType, body, handlerRan) = await RunAsync(new TwilioOptions { AuthToken = null, PublicHost = "https://crm.example.com" }, TwilioAnswer.Acknowledgement);

        Assert.Equal(200, status);
        Assert.StartsWith("text/plain", contentType);
        Assert.Equal("OK", body);
        Assert.False(handlerRan);
    }

    [Fact]
    public async Task An_unsigned_request_is_403_and_the_handler_does_not_run()
    {
        var (status, _, _, handlerRan) = await RunAsync(new TwilioOptions { AuthToken = "token", PublicHost = "https://crm.example.com" }, TwilioAnswer.TwiML);

        Assert.Equal(403, status);
        Assert.False(handlerRan);
    }
}
