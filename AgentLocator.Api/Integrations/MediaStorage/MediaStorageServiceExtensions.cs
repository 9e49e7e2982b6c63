using AgentLocator.Api.Integrations.MediaStorage;
using AgentLocator.Grains.Calls.Providers;

// In the hosting namespace, like the service defaults, so the service wiring needs only the call.
namespace Microsoft.Extensions.Hosting;

public static class MediaStorageServiceExtensions
{
    /// <summary>
    /// Where audio is kept (recordings, greetings, spoken replies): the local disk under <c>Media:Path</c>, by default
    /// <c>.agentlocator/media</c> beside the API.
    /// </summary>
    public static IHostApplicationBuilder AddMediaStorage(this IHostApplicationBuilder builder)
    {
        var mediaRoot = builder.Configuration["Media:Path"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(builder.Environment.ContentRootPath, ".agentlocator", "media");
        builder.Services.AddSingleton<IMediaStore>(new FileMediaStore(mediaRoot));
        return builder;
    }
}
