using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace AgentLocator.Bench;

/// <summary>
/// The fastest answer this machine can give over HTTP: Kestrel with no middleware, a fixed body. Whatever the API
/// scores is read against this, because the load generator and both servers share the same few cores.
/// </summary>
public sealed class CeilingServer : IAsyncDisposable
{
    private static readonly byte[] Body = "Hello, World!"u8.ToArray();

    private readonly WebApplication app;

    private CeilingServer(WebApplication app, Uri baseUri)
    {
        this.app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public static async Task<CeilingServer> StartAsync(CancellationToken cancellationToken)
    {
        // The empty builder skips logging, configuration files and host filtering: nothing but the server itself.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(context =>
        {
            context.Response.ContentType = "text/plain";
            context.Response.ContentLength = Body.Length;
            return context.Response.Body.WriteAsync(Body, context.RequestAborted).AsTask();
        });
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new CeilingServer(app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(TimeSpan.FromSeconds(5));
        await app.DisposeAsync();
    }
}
