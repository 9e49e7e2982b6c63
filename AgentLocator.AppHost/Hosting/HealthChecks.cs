using System.Net.Sockets;
using System.Text;

namespace AgentLocator.AppHost.Hosting;

internal static class HealthChecks
{
    // No pooled connections: a restarted resource comes back on the same port and stale sockets would lie.
    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    public static async Task<HealthResult> HttpGetAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Http.GetAsync(url, cancellationToken);
            var status = (int)response.StatusCode;
            return status == 200
                ? HealthResult.Healthy($"GET {url} → 200")
                : HealthResult.Unhealthy($"GET {url} → {status}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return HealthResult.Unhealthy($"GET {url}: {e.Message}");
        }
    }

    /// <summary>A listening socket is not enough for Redis: it must answer a command (it refuses while loading the AOF).</summary>
    public static async Task<HealthResult> RedisPingAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            var reply = Encoding.ASCII.GetString(buffer, 0, read).TrimEnd();
            return reply == "+PONG" ? HealthResult.Healthy("PING → +PONG") : HealthResult.Unhealthy($"PING → {reply}");
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return HealthResult.Unhealthy($"PING: {e.Message}");
        }
    }
}
