using System.Collections.Concurrent;
using System.Text.Json;
using AgentLocator.Api.Tasks;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace AgentLocator.Api.Tests.Infrastructure;

/// <summary>An agent's browser tab as far as alerts go: a real SignalR connection to /ws recording what arrives.</summary>
public sealed class AlertListener : IAsyncDisposable
{
    private readonly HubConnection connection;

    private AlertListener(HubConnection connection)
    {
        this.connection = connection;
        connection.On<JsonElement>("task:due", body => Due.Add(body.Deserialize<TaskDueMessage>(JsonSerializerOptions.Web)!));
        connection.On<JsonElement>("task:updated", body => Updated.Add(body.Deserialize<TaskResponse>(JsonSerializerOptions.Web)!));
    }

    public ConcurrentBag<TaskDueMessage> Due { get; } = [];
    public ConcurrentBag<TaskResponse> Updated { get; } = [];

    public static async Task<AlertListener> ConnectAsync(Uri server, string accessToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server, "/ws"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
            })
            .Build();
        var listener = new AlertListener(connection);
        await connection.StartAsync();
        return listener;
    }

    public int DueCount(Guid taskId) => Due.Count(message => message.Task.Id == taskId);

    /// <summary>Waits until the task's alert arrived; the timeout only bounds a failing test, it asserts no speed.</summary>
    public async Task<TaskDueMessage> WaitForDueAsync(Guid taskId, TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (!limit.IsCancellationRequested)
        {
            if (Due.FirstOrDefault(message => message.Task.Id == taskId) is { } due)
            {
                return due;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No task:due for {taskId}.");
    }

    public async Task WaitForUpdateAsync(Func<TaskResponse, bool> match)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!Updated.Any(match))
        {
            await Task.Delay(100, limit.Token);
        }
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
