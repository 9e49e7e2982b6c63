using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Infrastructure.Entitlements;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Calls.Providers;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Features;
using AgentLocator.Grains.WhatsApp;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.WhatsApp;

/// <summary>
/// A customer's WhatsApp thread under <c>/api/whatsapp</c> (feature <c>whatsapp</c>, the uniform 403 without it): read it newest first, send free
/// text inside the 24-hour window or a template at any time, retry a failed message, fetch a message's media.
/// </summary>
public static partial class WhatsAppApi
{
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string NeedsTemplateType = "https://agentlocator.app/problems/whatsapp-needs-template";
    public const int MaxBody = 4096;
    public const int MaxVariables = 20;
    public const int MaxLimit = 100;

    public static IEndpointRouteBuilder MapWhatsAppApi(this IEndpointRouteBuilder app)
    {
        var thread = app.MapGroup("/api/whatsapp/customers/{id:guid}").RequireAuthorization().WithTags("WhatsApp");
        thread.MapGet("/messages", ThreadAsync).WithSummary("The customer's WhatsApp thread, newest first (keyset cursor), and the 24-hour window.");
        thread.MapPost("/messages", SendAsync)
            .WithSummary("Sends { body } (inside the 24-hour window, else 409 needs-template) or { templateId, variables }. Idempotency-Key makes a retry send once.");
        thread.MapPost("/messages/{messageId:guid}/retry", RetryAsync).WithSummary("Sends a failed message again.");
        thread.MapGet("/messages/{messageId:guid}/media/{index:int}", MediaAsync).WithSummary("A message's photo, voice note or document (HTTP Range).");
        app.MapWhatsAppTemplatesApi();
        return app;
    }

    public static async Task<Results<Ok<WhatsAppThreadPage>, ValidationProblem, ProblemHttpResult>> ThreadAsync(
        Guid id, string? cursor, string? limit, AgentLocatorDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var size = 50;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1 || size > MaxLimit))
        {
            errors["limit"] = [$"limit must be a whole number from 1 to {MaxLimit}."];
        }
        WhatsAppThreadCursor after = default;
        if (cursor is not null && !WhatsAppThreadCursor.TryDecode(cursor, out after))
        {
            errors["cursor"] = ["cursor is not one this API gave out; start again without it."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The thread request has invalid parameters.");
        }
        if (!await db.Customers.AnyAsync(c => c.Id == id && c.DeletedAt == null, cancellationToken))
        {
            return CustomerNotFound();
        }
        var messages = db.WhatsAppMessages.AsNoTracking().Where(m => m.CustomerId == id);
        if (cursor is not null)
        {
            messages = messages.Where(m => EF.Functions.LessThan(ValueTuple.Create(m.CreatedAt, m.Id), ValueTuple.Create(after.CreatedAt, after.Id)));
        }
        var rows = await messages.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(size + 1).ToListAsync(cancellationToken);
        string? next = null;
        if (rows.Count > size)
        {
            rows.RemoveAt(rows.Count - 1);
            next = new WhatsAppThreadCursor(rows[^1].CreatedAt, rows[^1].Id).Encode();
        }
        var window = await WindowAsync(db, id, clock, cancellationToken);
        return TypedResults.Ok(new WhatsAppThreadPage([.. rows.Select(WhatsAppMessageResponse.From)], next, window));
    }

    public static async Task<Results<Created<WhatsAppMessageResponse>, Ok<WhatsAppMessageResponse>, ValidationProblem, ProblemHttpResult>> SendAsync(
        Guid id, WhatsAppSendRequest? request, [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey,
        HttpContext context, IGrainFactory grains, WhatsAppTemplateCatalog templates, AgentLocatorDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = Validate(request, idempotencyKey);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The message is not valid.");
        }
        var user = context.User;
        var body = string.IsNullOrWhiteSpace(request!.Body) ? null : request.Body.Trim();
        var template = string.IsNullOrWhiteSpace(request.TemplateId) ? null : request.TemplateId.Trim();
        if (template is not null
            && TemplateProblem(await templates.ForBusinessAsync(user.GetBusinessId(), cancellationToken), template, request.Variables) is { } unusable)
        {
            return unusable;
        }
        var result = await grains.GetGrain<IWhatsAppThreadGrain>(id).Send(user.GetBusinessId(),
            new OutboundWhatsApp(user.GetUserId(), template is null ? body : null, template, template is null ? null : request.Variables,
                string.IsNullOrWhiteSpace(idempotencyKey) ? null : idempotencyKey.Trim()));
        return await AnswerAsync(id, result, db, clock, cancellationToken);
    }

    public static async Task<Results<Created<WhatsAppMessageResponse>, Ok<WhatsAppMessageResponse>, ValidationProblem, ProblemHttpResult>> RetryAsync(
        Guid id, Guid messageId, HttpContext context, IGrainFactory grains, AgentLocatorDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var result = await grains.GetGrain<IWhatsAppThreadGrain>(id).Retry(context.User.GetBusinessId(), messageId, context.User.GetUserId());
        return await AnswerAsync(id, result with { Outcome = result.Outcome == WhatsAppSendOutcome.Sent ? WhatsAppSendOutcome.Replayed : result.Outcome },
            db, clock, cancellationToken);
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> MediaAsync(
        Guid id, Guid messageId, int index, AgentLocatorDbContext db, IMediaStore store, CancellationToken cancellationToken)
    {
        var json = await db.WhatsAppMessages.AsNoTracking().Where(m => m.Id == messageId && m.CustomerId == id)
            .Select(m => m.MediaJson).SingleOrDefaultAsync(cancellationToken);
        var media = json is null ? null : JsonSerializer.Deserialize<List<WhatsAppMedia>>(json, JsonSerializerOptions.Web);
        var key = media is not null && index >= 0 && index < media.Count ? media[index].MediaKey : null;
        var stored = key is null ? null : await store.OpenAsync(MediaArea.WhatsApp, key, cancellationToken);
        return stored is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such media.",
                detail: "The message has no stored file at that index (it may still be on its way from Twilio).")
            : TypedResults.File(File.OpenRead(stored.Path), stored.ContentType, enableRangeProcessing: true);
    }

    private static async Task<Results<Created<WhatsAppMessageResponse>, Ok<WhatsAppMessageResponse>, ValidationProblem, ProblemHttpResult>> AnswerAsync(
        Guid customerId, WhatsAppSendResult result, AgentLocatorDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        switch (result.Outcome)
        {
            case WhatsAppSendOutcome.Sent or WhatsAppSendOutcome.Replayed:
                var row = await db.WhatsAppMessages.AsNoTracking().SingleAsync(m => m.Id == result.MessageId, cancellationToken);
                var response = WhatsAppMessageResponse.From(row);
                return result.Outcome == WhatsAppSendOutcome.Sent
                    ? TypedResults.Created($"/api/whatsapp/customers/{customerId}/messages/{row.Id}", response)
                    : TypedResults.Ok(response);
            case WhatsAppSendOutcome.CustomerNotFound:
                return CustomerNotFound();
            case WhatsAppSendOutcome.MessageNotFound:
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Message not found.");
            case WhatsAppSendOutcome.NoPhone:
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The customer has no phone number.",
                    detail: "Add the customer's mobile number to write to them on WhatsApp.");
            case WhatsAppSendOutcome.NoSender:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The business has no WhatsApp sender.",
                    detail: "An administrator sets the business's WhatsApp number first.");
            case WhatsAppSendOutcome.NeedsTemplate:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: NeedsTemplateType, title: "needs a template",
                    detail: "Free text can be sent only within 24 hours of the customer's last message; send an approved template instead.",
                    extensions: new Dictionary<string, object?> { ["windowClosedAt"] = result.WindowClosedAt?.ToUniversalTime() });
            case WhatsAppSendOutcome.NotRetryable:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Only a failed message can be retried.");
            case WhatsAppSendOutcome.KeyReused:
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The Idempotency-Key was used for another message.",
                    detail: "Use a new key for a new message.");
            default:
                throw new InvalidOperationException($"Unhandled send outcome {result.Outcome}.");
        }
    }

    private static async Task<WhatsAppWindowState> WindowAsync(AgentLocatorDbContext db, Guid customerId, TimeProvider clock, CancellationToken cancellationToken)
    {
        var lastInbound = await db.WhatsAppMessages.Where(m => m.CustomerId == customerId && m.Direction == WhatsAppDirection.Inbound)
            .MaxAsync(m => (DateTimeOffset?)m.CreatedAt, cancellationToken);
        return new WhatsAppWindowState(WhatsAppWindow.IsOpen(lastInbound, clock.GetUtcNow()), WhatsAppWindow.ClosesAt(lastInbound)?.ToUniversalTime());
    }

    private static Dictionary<string, string[]> Validate(WhatsAppSendRequest? request, string? idempotencyKey)
    {
        var errors = new Dictionary<string, string[]>();
        if (idempotencyKey is { Length: > 200 })
        {
            errors[IdempotencyHeader] = ["Idempotency-Key is at most 200 characters."];
        }
        if (request is null)
        {
            errors["body"] = ["Send { body } or { templateId, variables }."];
            return errors;
        }
        var hasBody = !string.IsNullOrWhiteSpace(request.Body);
        var hasTemplate = !string.IsNullOrWhiteSpace(request.TemplateId);
        if (hasBody == hasTemplate)
        {
            errors[hasBody ? "templateId" : "body"] = ["Send either body (free text) or templateId (an approved template), not both."];
        }
        if (request.Body is { Length: > MaxBody })
        {
            errors["body"] = [$"body is at most {MaxBody} characters."];
        }
        if (hasTemplate && !ContentSid().IsMatch(request.TemplateId!.Trim()))
        {
            errors["templateId"] = ["templateId is a Twilio Content SID (HX and 32 hexadecimal digits)."];
        }
        if (request.Variables is { } variables
            && (variables.Count > MaxVariables || variables.Any(pair => pair.Key.Length is 0 or > 20 || pair.Value is null || pair.Value.Length > 1024)))
        {
            errors["variables"] = [$"variables is at most {MaxVariables} names (up to 20 characters) with values of up to 1024 characters."];
        }
        return errors;
    }

    /// <summary>A template the business does not have, or one sent without all of its placeholders filled: 422 naming what is wrong.</summary>
    private static ProblemHttpResult? TemplateProblem(WhatsAppTemplateList templates, string templateId, IReadOnlyDictionary<string, string>? variables)
    {
        var template = templates.Items.FirstOrDefault(t => string.Equals(t.Id, templateId, StringComparison.OrdinalIgnoreCase));
        if (template is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Unknown template.",
                detail: $"{templateId} is not one of the business's WhatsApp templates (GET /api/whatsapp/templates lists them).",
                extensions: new Dictionary<string, object?> { ["templateId"] = templateId });
        }
        var missing = template.Variables.Where(name => variables is null || !variables.TryGetValue(name, out var value) || string.IsNullOrWhiteSpace(value)).ToList();
        return missing.Count == 0
            ? null
            : TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The template's variables are missing.",
                detail: $"Template {template.Id} needs a value for {string.Join(", ", missing.Select(name => "{{" + name + "}}"))}.",
                extensions: new Dictionary<string, object?> { ["templateId"] = template.Id, ["missing"] = missing });
    }

    private static ProblemHttpResult CustomerNotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Customer not found.");

    [GeneratedRegex("^HX[0-9a-fA-F]{32}$")]
    private static partial Regex ContentSid();
}
