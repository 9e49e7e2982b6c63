using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentLocator.CallSimulator;

/// <summary>
/// Stands in for Twilio's recording storage: the server under test downloads a RecordingUrl from here exactly as it
/// would from Twilio (same path shape, audio/wav, optionally "not ready yet" first). Loopback only, on a free port.
/// </summary>
internal sealed class FakeRecordingServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string accountSid;
    private readonly bool notReadyOnce;
    private readonly ConcurrentDictionary<string, byte[]> recordings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (byte[] Content, string ContentType)> media = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> downloaded = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> requestsPerRecording = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordingDownload> downloads = new();

    private FakeRecordingServer(WebApplication app, string accountSid, bool notReadyOnce)
    {
        this.app = app;
        this.accountSid = accountSid;
        this.notReadyOnce = notReadyOnce;
    }

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<RecordingDownload> Downloads => [.. downloads];

    public static async Task<FakeRecordingServer> StartAsync(string accountSid, bool notReadyOnce, CancellationToken cancellationToken)
    {
        // Content root beside the binary, so an appsettings.json in the developer's current folder cannot reconfigure it.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        // The console belongs to the conversation: no hosting logs, and Ctrl+C goes to the simulator, not this host.
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        var server = new FakeRecordingServer(builder.Build(), accountSid, notReadyOnce);
        server.app.MapGet("/2010-04-01/Accounts/{account}/Recordings/{file}", server.Serve);
        server.app.MapGet("/2010-04-01/Accounts/{account}/Messages/{message}/Media/{mediaSid}", server.ServeMedia);
        await server.app.StartAsync(cancellationToken);
        server.BaseUrl = server.app.Urls.First().TrimEnd('/');
        return server;
    }

    /// <summary>Makes a recording downloadable; returns its RecordingUrl (without extension, as Twilio sends it).</summary>
    public string Add(string recordingSid, byte[] wav)
    {
        recordings[recordingSid] = wav;
        downloaded[recordingSid] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return $"{BaseUrl}/2010-04-01/Accounts/{accountSid}/Recordings/{recordingSid}";
    }

    /// <summary>Makes a WhatsApp message's file downloadable; returns its MediaUrl, shaped as Twilio's.</summary>
    public string AddMedia(string messageSid, string mediaSid, byte[] content, string contentType)
    {
        media[mediaSid] = (content, contentType);
        downloaded[mediaSid] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return $"{BaseUrl}/2010-04-01/Accounts/{accountSid}/Messages/{messageSid}/Media/{mediaSid}";
    }

    /// <summary>Waits until every recording was downloaded once, or until <paramref name="limit"/> passes.</summary>
    public async Task WaitForDownloadsAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        if (limit <= TimeSpan.Zero || downloaded.IsEmpty)
        {
            return;
        }
        var all = Task.WhenAll(downloaded.Values.Select(d => d.Task));
        await Task.WhenAny(all, Task.Delay(limit, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
    }

    private IResult Serve(string account, string file, HttpContext context)
    {
        // Twilio serves the same recording with or without ".wav"; ".mp3" it would transcode, which we cannot.
        var sid = file.EndsWith(".wav", StringComparison.OrdinalIgnoreCase) ? file[..^4] : file;
        var hadAuthorization = context.Request.Headers.Authorization.Count > 0;
        var found = account == accountSid && recordings.TryGetValue(sid, out var wav) ? wav : null;
        var attempt = requestsPerRecording.AddOrUpdate(sid, 1, (_, count) => count + 1);
        if (found is null || (notReadyOnce && attempt == 1))
        {
            downloads.Enqueue(new RecordingDownload(sid, context.Request.Path, StatusCodes.Status404NotFound, 0, hadAuthorization));
            return Results.NotFound();
        }
        downloads.Enqueue(new RecordingDownload(sid, context.Request.Path, StatusCodes.Status200OK, found.Length, hadAuthorization));
        downloaded[sid].TrySetResult();
        return Results.Bytes(found, "audio/wav");
    }

    private IResult ServeMedia(string account, string message, string mediaSid, HttpContext context)
    {
        var hadAuthorization = context.Request.Headers.Authorization.Count > 0;
        if (account != accountSid || !media.TryGetValue(mediaSid, out var file))
        {
            downloads.Enqueue(new RecordingDownload(mediaSid, context.Request.Path, StatusCodes.Status404NotFound, 0, hadAuthorization));
            return Results.NotFound();
        }
        downloads.Enqueue(new RecordingDownload(mediaSid, context.Request.Path, StatusCodes.Status200OK, file.Content.Length, hadAuthorization));
        downloaded[mediaSid].TrySetResult();
        return Results.Bytes(file.Content, file.ContentType);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }

    private sealed class QuietLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
