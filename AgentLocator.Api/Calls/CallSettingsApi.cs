using AgentLocator.Api.Calls.Media;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Infrastructure.Entitlements;
using AgentLocator.Api.Integrations.Twilio;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Calls;
using AgentLocator.Grains.Calls.Providers;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentLocator.Api.Calls;

/// <summary>An admin's controls over how the receptionist answers: greeting (text or audio), reply prompt, fallback, default agent, hold clip.</summary>
public static class CallSettingsApi
{
    public const int MaxGreetingText = 1000;
    public const int MaxReplyPrompt = 4000;
    public const int MaxFallbackMessage = 1000;

    public static IEndpointRouteBuilder MapCallSettingsApi(this IEndpointRouteBuilder app)
    {
        var settings = app.MapGroup("/api/admin/call-settings")
            .RequireAuthorization(AuthorizationPolicies.Admin)
            .WithTags("Admin");
        settings.MapGet("/", GetAsync).WithSummary("How the business's calls are answered.");
        settings.MapPut("/", SetAsync).WithSummary("Change the greeting text, reply prompt, fallback message and default agent.");
        settings.MapPut("/greeting-audio", UploadGreetingAsync).DisableAntiforgery()
            .WithSummary("Upload a greeting recording (multipart field `file`, audio, at most 5 MB).");
        settings.MapDelete("/greeting-audio", RemoveGreetingAsync).WithSummary("Go back to the spoken greeting text.");
        settings.MapHoldClip();
        settings.MapCallbackTiming();
        return app;
    }

    public static async Task<Ok<CallSettingsResponse>> GetAsync(HttpContext context, AgentLocatorDbContext db,
        IOptions<TwilioOptions> twilio, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ReadAsync(db, context.User.GetBusinessId(), twilio.Value, cancellationToken));

    public static async Task<Results<Ok<CallSettingsResponse>, ValidationProblem>> SetAsync(CallSettingsRequest request,
        HttpContext context, AgentLocatorDbContext db, IGrainFactory grains, GreetingSpeech greetings, IOptions<TwilioOptions> twilio,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        TooLong(errors, "greetingText", request.GreetingText, MaxGreetingText);
        TooLong(errors, "replyPrompt", request.ReplyPrompt, MaxReplyPrompt);
        TooLong(errors, "fallbackMessage", request.FallbackMessage, MaxFallbackMessage);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var business = context.User.GetBusinessId();
        var saved = await grains.GetGrain<IBusinessGrain>(business).SetCallSettings(
            new CallSettingsChange(request.GreetingText, request.ReplyPrompt, request.FallbackMessage, request.DefaultAgentId));
        if (!saved)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["defaultAgentId"] = ["The default agent must be a user of this business."] });
        }
        greetings.Refresh(business);
        return TypedResults.Ok(await ReadAsync(db, business, twilio.Value, cancellationToken));
    }

    public static async Task<Results<Ok<CallSettingsResponse>, ProblemHttpResult, ValidationProblem>> UploadGreetingAsync(
        HttpRequest request, AgentLocatorDbContext db, IGrainFactory grains, IMediaStore media, IOptions<TwilioOptions> twilio,
        CancellationToken cancellationToken)
    {
        var upload = await AudioUpload.ReadAsync(request, "greeting", cancellationToken);
        if (upload.Problem is { } problem)
        {
            return problem;
        }
        if (upload.Invalid is { } invalid)
        {
            return invalid;
        }
        var key = await media.SaveAsync(MediaArea.Public, upload.Content!, upload.ContentType!, cancellationToken);
        var business = request.HttpContext.User.GetBusinessId();
        if (await grains.GetGrain<IBusinessGrain>(business).SetGreetingAudio(key) is { } replaced)
        {
            await media.DeleteAsync(MediaArea.Public, replaced, cancellationToken);
        }
        return TypedResults.Ok(await ReadAsync(db, business, twilio.Value, cancellationToken));
    }

    public static async Task<Ok<CallSettingsResponse>> RemoveGreetingAsync(HttpContext context, AgentLocatorDbContext db,
        IGrainFactory grains, IMediaStore media, IOptions<TwilioOptions> twilio, CancellationToken cancellationToken)
    {
        var business = context.User.GetBusinessId();
        if (await grains.GetGrain<IBusinessGrain>(business).SetGreetingAudio(null) is { } replaced)
        {
            await media.DeleteAsync(MediaArea.Public, replaced, cancellationToken);
        }
        return TypedResults.Ok(await ReadAsync(db, business, twilio.Value, cancellationToken));
    }

    private static void TooLong(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        if (value is not null && value.Trim().Length > max)
        {
            errors[field] = [$"{field} may be at most {max} characters."];
        }
    }

    internal static async Task<CallSettingsResponse> ReadAsync(AgentLocatorDbContext db, Guid businessId, TwilioOptions twilio, CancellationToken cancellationToken)
    {
        var business = await db.Businesses.AsNoTracking().SingleAsync(b => b.Id == businessId, cancellationToken);
        var audioUrl = business.GreetingAudioKey is { } key ? $"{twilio.PublicHost}/media/{key}" : null;
        var holdClipUrl = business.HoldClipKey is { } clip ? $"{twilio.PublicHost}/media/{clip}" : null;
        return new CallSettingsResponse(
            business.GreetingText, CallGreetings.DefaultGreetingText, business.GreetingAudioKey is not null, audioUrl,
            business.ReplyPrompt, CallGreetings.DefaultReplyPrompt, business.FallbackMessage, CallGreetings.DefaultFallbackMessage,
            business.DefaultAgentId, business.TwilioNumber,
            business.HoldClipKey is not null, holdClipUrl, business.HoldClipKey is null ? null : business.HoldClipSeconds,
            twilio.PublicHost + HoldAudio.Path,
            business.CallbackDelayMinutes, CallbackTimingApi.Show(business.WorkingDays, business.WorkOpensAt, business.WorkClosesAt),
            business.TimeZone);
    }
}
