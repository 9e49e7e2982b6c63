using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Integrations.WebPush;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AgentLocator.Api.Notifications;

/// <summary>
/// Web Push subscriptions of the signed-in user's browsers. Alerts are for everyone, so this is not feature-gated.
/// A subscription is identified by its endpoint: one browser profile has one per origin.
/// </summary>
public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var notifications = app.MapGroup("/api/notifications").RequireAuthorization().WithTags("Notifications");
        notifications.MapGet("/vapid-public-key", GetVapidPublicKey)
            .WithSummary("The applicationServerKey to pass to pushManager.subscribe().");
        notifications.MapPost("/subscribe", SubscribeAsync)
            .WithSummary("Store this browser's PushSubscription.toJSON() for the caller; the same endpoint again updates it.");
        notifications.MapDelete("/subscribe", UnsubscribeAsync)
            .WithSummary("Forget this browser's subscription.");
        return app;
    }

    public static Ok<VapidPublicKeyResponse> GetVapidPublicKey(VapidKeys keys) =>
        TypedResults.Ok(new VapidPublicKeyResponse(keys.PublicKeyBase64Url));

    public static async Task<Results<Created<PushSubscriptionResponse>, Ok<PushSubscriptionResponse>, ValidationProblem>> SubscribeAsync(
        PushSubscriptionRequest request, HttpContext context, AgentLocatorDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (subscription, errors) = PushSubscriptionValidation.Validate(request);
        if (subscription is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The push subscription is not valid.");
        }

        // Two requests for one endpoint can race to insert; the loser finds the winner's row on its second pass.
        for (var attempt = 1; ; attempt++)
        {
            // Across tenants on purpose: whoever presents the endpoint holds that browser now (a shared computer signed
            // into another account), so the row moves to the caller instead of alerting the previous user there.
            var row = await db.PushSubscriptions.IgnoreQueryFilters()
                .SingleOrDefaultAsync(s => s.Endpoint == subscription.Endpoint, cancellationToken);
            var created = row is null;
            row ??= db.PushSubscriptions.Add(new PushSubscription
            {
                Id = Guid.CreateVersion7(),
                Endpoint = subscription.Endpoint,
                P256dh = subscription.P256dh,
                Auth = subscription.Auth,
                CreatedAt = time.GetUtcNow(),
            }).Entity;
            row.BusinessId = context.User.GetBusinessId();
            row.UserId = context.User.GetUserId();
            row.P256dh = subscription.P256dh;
            row.Auth = subscription.Auth;
            row.ExpiresAt = subscription.ExpiresAt;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException conflict) when (created && attempt == 1
                && conflict.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                db.ChangeTracker.Clear();
                continue;
            }
            var response = new PushSubscriptionResponse(row.Id, row.Endpoint, row.ExpiresAt);
            return created ? TypedResults.Created((string?)null, response) : TypedResults.Ok(response);
        }
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> UnsubscribeAsync(
        [FromBody] UnsubscribeRequest request, HttpContext context, AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Endpoint))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["endpoint"] = ["endpoint is required."] }, title: "The request is not valid.");
        }
        var userId = context.User.GetUserId();
        var deleted = await db.PushSubscriptions
            .Where(s => s.Endpoint == request.Endpoint && s.UserId == userId)
            .ExecuteDeleteAsync(cancellationToken);
        return deleted > 0
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.",
                detail: "You have no push subscription with that endpoint.");
    }
}
