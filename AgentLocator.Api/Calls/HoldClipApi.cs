using AgentLocator.Api.Calls.Media;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Integrations.Twilio;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Calls.Providers;
using AgentLocator.Grains.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AgentLocator.Api.Calls;

/// <summary>
/// The business's own hold clip, played instead of the generated hold audio while a reply is prepared. The caller
/// hears the whole clip (looped when it is shorter than one hold step) before the reply, so its length is bounded.
/// </summary>
public static class HoldClipApi
{
    public const double MinSeconds = 1;
    public const double MaxSeconds = 20;

    internal static RouteGroupBuilder MapHoldClip(this RouteGroupBuilder settings)
    {
        settings.MapPut("/hold-clip", UploadAsync).DisableAntiforgery()
            .WithSummary($"Upload the hold clip (multipart field `file`, WAV or MP3, at most 5 MB, {MinSeconds:0}–{MaxSeconds:0} seconds).");
        settings.MapDelete("/hold-clip", RemoveAsync).WithSummary("Go back to the generated hold audio.");
        return settings;
    }

    public static async Task<Results<Ok<CallSettingsResponse>, ProblemHttpResult, ValidationProblem>> UploadAsync(
        HttpRequest request, AgentLocatorDbContext db, IGrainFactory grains, IMediaStore media, IOptions<TwilioOptions> twilio,
        CancellationToken cancellationToken)
    {
        var upload = await AudioUpload.ReadAsync(request, "hold clip", cancellationToken);
        if (upload.Problem is { } problem)
        {
            return problem;
        }
        if (upload.Invalid is { } invalid)
        {
            return invalid;
        }
        // Its length decides how often it loops; a file whose length cannot be read would play for an unknown time.
        if (AudioLength.Seconds(upload.Content, upload.ContentType!) is not { } seconds)
        {
            return Unplayable("The hold clip's length could not be read; save it again as a WAV or MP3 file.");
        }
        if (seconds is < MinSeconds or > MaxSeconds)
        {
            return Unplayable($"The hold clip plays {seconds:0.#} seconds; it must be {MinSeconds:0}–{MaxSeconds:0} seconds long.");
        }
        var key = await media.SaveAsync(MediaArea.Public, upload.Content!, upload.ContentType!, cancellationToken);
        var business = request.HttpContext.User.GetBusinessId();
        if (await grains.GetGrain<IBusinessGrain>(business).SetHoldClip(key, Math.Round(seconds, 3)) is { } replaced)
        {
            await media.DeleteAsync(MediaArea.Public, replaced, cancellationToken);
        }
        return TypedResults.Ok(await CallSettingsApi.ReadAsync(db, business, twilio.Value, cancellationToken));
    }

    public static async Task<Ok<CallSettingsResponse>> RemoveAsync(HttpContext context, AgentLocatorDbContext db,
        IGrainFactory grains, IMediaStore media, IOptions<TwilioOptions> twilio, CancellationToken cancellationToken)
    {
        var business = context.User.GetBusinessId();
        if (await grains.GetGrain<IBusinessGrain>(business).SetHoldClip(null, null) is { } replaced)
        {
            await media.DeleteAsync(MediaArea.Public, replaced, cancellationToken);
        }
        return TypedResults.Ok(await CallSettingsApi.ReadAsync(db, business, twilio.Value, cancellationToken));
    }

    private static ProblemHttpResult Unplayable(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The hold clip cannot be used.", detail: detail);
}
