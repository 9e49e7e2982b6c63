using AgentLocator.Grains.Calls.Providers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLocator.Api.Calls.Media;

/// <summary>
/// Audio Twilio fetches while a call is on: greetings, spoken replies and hold audio. Anonymous (Twilio has
/// no user), so only the public area is served and keys are unguessable. Recordings are never served here.
/// </summary>
public static class MediaApi
{
    public static IEndpointRouteBuilder MapMediaApi(this IEndpointRouteBuilder app)
    {
        var media = app.MapGroup("/media").AllowAnonymous().WithTags("Media").ExcludeFromDescription();
        media.MapGet("/hold.wav", (HoldAudio hold) => TypedResults.Bytes(hold.Wav, "audio/wav"));
        media.MapGet("/hold-first.wav", (HoldAudio hold) => TypedResults.Bytes(hold.FirstStepWav, "audio/wav"));
        media.MapGet("/{key}", GetAsync);
        return app;
    }

    internal static async Task<Results<FileStreamHttpResult, NotFound>> GetAsync(string key, IMediaStore store, CancellationToken cancellationToken)
    {
        var media = await store.OpenAsync(MediaArea.Public, key, cancellationToken);
        if (media is null)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.File(File.OpenRead(media.Path), media.ContentType, enableRangeProcessing: true);
    }
}
