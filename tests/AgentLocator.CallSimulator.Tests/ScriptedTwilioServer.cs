using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AgentLocator.CallSimulator.Tests;

/// <summary>A request the scripted server received, with its signature checked independently of the simulator's signer.</summary>
public sealed record ReceivedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Form, bool SignatureValid)
{
    public string this[string field] => Form[field];
}

/// <summary>
/// Plays our API's role on 127.0.0.1 with TwiML each test scripts per path, and records every request. Signatures
/// are checked as our server does: against the configured public host plus path and query, not the address used.
/// </summary>
public sealed class ScriptedTwilioServer : IAsyncDisposable
{
    public const string Token = "test-twilio-token";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, Func<ReceivedRequest, HttpContext, Task<IResult>>> handlers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ReceivedRequest> requests = new();

    private ScriptedTwilioServer(WebApplication app, string? publicHost)
    {
        this.app = app;
        PublicHost = publicHost ?? "";
        On("/webhook/call_status", _ => Results.Text("OK", "text/plain"));
        On("/webhook/recording_status", _ => Results.Text("OK", "text/plain"));
    }

    public Uri Address { get; private set; } = null!;
    public string PublicHost { get; private set; }
    public IReadOnlyList<ReceivedRequest> Requests => [.. requests];

    public IEnumerable<ReceivedRequest> To(string path) => Requests.Where(r => r.Path == path);

    /// <param name="publicHost">The PUBLIC_HOST the server checks signatures with; null means its own address.</param>
    public static async Task<ScriptedTwilioServer> StartAsync(string? publicHost = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var server = new ScriptedTwilioServer(builder.Build(), publicHost);
        server.app.Run(server.HandleAsync);
        await server.app.StartAsync();
        server.Address = new Uri(server.app.Urls.First());
        if (server.PublicHost.Length == 0)
        {
            server.PublicHost = server.Address.GetLeftPart(UriPartial.Authority);
        }
        return server;
    }

    public void On(string path, Func<ReceivedRequest, IResult> handler) => handlers[path] = (request, _) => Task.FromResult(handler(request));

    public void On(string path, Func<ReceivedRequest, HttpContext, Task<IResult>> handler) => handlers[path] = handler;

    /// <summary>A TwiML answer as our API sends it.</summary>
    public static IResult Twiml(string verbs) =>
        Results.Text($"<?xml version=\"1.0\" encoding=\"utf-8\"?><Response>{verbs}</Response>", "text/xml", Encoding.UTF8);

    /// <summary>Options for a simulated call against this server: no waiting, this server's token and public host.</summary>
    public SimulationOptions Options(params CallerTurn[] turns) => new()
    {
        Api = Address,
        PublicHost = PublicHost,
        AuthToken = Token,
        Speed = 0,
        Turns = turns,
    };

    private async Task HandleAsync(HttpContext context)
    {
        var form = context.Request.HasFormContentType
            ? (await context.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        var url = PublicHost + context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent();
        var received = new ReceivedRequest(context.Request.Method, context.Request.Path, context.Request.QueryString.Value ?? "", form,
            context.Request.Headers["X-Twilio-Signature"] == ExpectedSignature(url, form));
        requests.Enqueue(received);
        var result = handlers.TryGetValue(context.Request.Path, out var handler)
            ? await handler(received, context)
            : Results.NotFound();
        await result.ExecuteAsync(context);
    }

    /// <summary>Written from Twilio's description, separately from the simulator's signer, so they check each other.</summary>
    private static string ExpectedSignature(string url, IReadOnlyDictionary<string, string> form)
    {
        var data = url + string.Concat(form.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + f.Value));
        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(Token));
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(data)));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
