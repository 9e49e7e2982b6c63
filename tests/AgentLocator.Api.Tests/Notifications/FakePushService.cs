using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using AgentLocator.Api.Integrations.WebPush;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentLocator.Api.Tests.Notifications;

/// <summary>
/// A push service on 127.0.0.1 that does what a real one must (RFC 8030/8292): checks the VAPID token against its
/// own key and origin, checks the encoding headers, and — standing in for the browser — decrypts the body with the
/// subscription's private key, with our own RFC 8291 code (<see cref="BrowserPushDecryption"/>), not the library's.
/// Each subscription answers a scripted list of statuses; the last one repeats.
/// </summary>
public sealed class FakePushService : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, FakeSubscription> subscriptions = new();
    private WebApplication? app;

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app = builder.Build();
        app.MapPost("/push/{id}", ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        BaseAddress = new Uri(address);
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
        foreach (var subscription in subscriptions.Values)
        {
            subscription.Dispose();
        }
    }

    /// <summary>A new browser subscription (fresh key pair and auth secret) whose endpoint answers <paramref name="statuses"/> in turn.</summary>
    public FakeSubscription Subscribe(params int[] statuses)
    {
        var id = Guid.NewGuid().ToString("N");
        var subscription = new FakeSubscription(new Uri(BaseAddress, $"/push/{id}"), statuses.Length > 0 ? statuses : [201]);
        subscriptions[id] = subscription;
        return subscription;
    }

    private async Task<IResult> ReceiveAsync(string id, HttpContext context)
    {
        if (!subscriptions.TryGetValue(id, out var subscription))
        {
            return Results.NotFound();
        }
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var error = Check(context.Request, subscription, body.ToArray(), out var payload, out var vapid);
        var status = subscription.Record(new ReceivedPush(payload, vapid, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString()), error));
        if (error is not null)
        {
            return Results.BadRequest(error);
        }
        if (status == StatusCodes.Status429TooManyRequests && subscription.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString();
        }
        return Results.StatusCode(status);
    }

    private string? Check(HttpRequest request, FakeSubscription subscription, byte[] body, out string? payload, out VapidHeader? vapid)
    {
        payload = null;
        (vapid, var vapidError) = VapidHeader.Verify(request.Headers.Authorization);
        if (vapid is null)
        {
            return vapidError;
        }
        // RFC 8292 §2 makes aud the push resource's origin. Lib.Net.Http.WebPush builds it as scheme://host, without the
        // port: the same thing for real push services (all on 443), but this fake listens on a random port, so the port is
        // left out of what it expects. Everything else about the token is checked as a push service would.
        var origin = $"{BaseAddress.Scheme}://{BaseAddress.Host}";
        var now = DateTimeOffset.UtcNow;
        if (vapid.Audience != origin)
        {
            return $"aud {vapid.Audience} is not {origin}";
        }
        if (vapid.ExpiresAt <= now || vapid.ExpiresAt > now.AddHours(24))
        {
            return "exp is not within the next 24 hours";
        }
        if (request.Headers.ContentEncoding != "aes128gcm" || request.ContentType != "application/octet-stream")
        {
            return "not an aes128gcm octet stream";
        }
        if (!int.TryParse(request.Headers["TTL"], out var ttl) || ttl < 0)
        {
            return "TTL missing";
        }
        if (request.Headers["Urgency"].ToString() is not ("very-low" or "low" or "normal" or "high"))
        {
            return "Urgency missing";
        }
        try
        {
            payload = Encoding.UTF8.GetString(BrowserPushDecryption.Decrypt(body, subscription.BrowserKey, subscription.AuthSecret));
            return null;
        }
        catch (CryptographicException failure)
        {
            return "the body does not decrypt: " + failure.Message;
        }
    }
}

public sealed record ReceivedPush(string? Payload, VapidHeader? Vapid, IReadOnlyDictionary<string, string> Headers, string? Error);

/// <summary>One "browser" subscription: what it sends to the API, and what the push service received for it.</summary>
public sealed class FakeSubscription(Uri endpoint, int[] statuses) : IDisposable
{
    private readonly Lock gate = new();
    private readonly List<ReceivedPush> received = [];

    public Uri Endpoint { get; } = endpoint;
    public ECDiffieHellman BrowserKey { get; } = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
    public byte[] AuthSecret { get; } = RandomNumberGenerator.GetBytes(16);
    public int? RetryAfterSeconds { get; set; }

    public IReadOnlyList<ReceivedPush> Received
    {
        get { lock (gate) { return [.. received]; } }
    }

    /// <summary>The body the page posts: <c>PushSubscription.toJSON()</c>.</summary>
    public object ToJson(double? expirationTime = null) => new
    {
        endpoint = Endpoint.ToString(),
        expirationTime,
        keys = new { p256dh = Base64UrlBytes.Encode(TestKeys.ExportPublicKey(BrowserKey)), auth = Base64UrlBytes.Encode(AuthSecret) },
    };

    internal int Record(ReceivedPush push)
    {
        lock (gate)
        {
            received.Add(push);
            return statuses[Math.Min(received.Count, statuses.Length) - 1];
        }
    }

    public void Dispose() => BrowserKey.Dispose();
}
