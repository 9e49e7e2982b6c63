using System.Globalization;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Grains.Customers;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.WhatsApp;

/// <summary>
/// The business's WhatsApp inbox under <c>/api/whatsapp</c> (feature <c>whatsapp</c>): conversations newest first with
/// unread counts, marking a thread read (for the whole business: the inbox is shared, like a team's WhatsApp), and
/// assigning a thread to an agent.
/// </summary>
public static class WhatsAppInboxApi
{
    public const int DefaultLimit = 30;
    public const int MaxSearch = 200;
    public const int PreviewLength = 120;

    public static IEndpointRouteBuilder MapWhatsAppInboxApi(this IEndpointRouteBuilder app)
    {
        var inbox = app.MapGroup("/api/whatsapp").RequireAuthorization().WithTags("WhatsApp");
        inbox.MapGet("/conversations", ConversationsAsync)
            .WithSummary("Customers with WhatsApp messages, newest message first (keyset cursor): q searches name or phone; filter=mine|unassigned.");
        inbox.MapPost("/customers/{id:guid}/read", MarkReadAsync).WithSummary("Marks the thread read for the business, up to its newest inbound message.");
        inbox.MapPut("/customers/{id:guid}/assignee", AssignAsync).WithSummary("Assigns the thread to a user of the business ({ assigneeId }, null unassigns).");
        inbox.MapGet("/agents", AgentsAsync).WithSummary("The business's users a thread can be assigned to.");
        inbox.MapGet("/sender", SenderAsync).WithSummary("Whether the business has a WhatsApp sender number.");
        return app;
    }

    public static async Task<Results<Ok<WhatsAppConversationsPage>, ValidationProblem>> ConversationsAsync(
        string? q, string? filter, string? cursor, string? limit, HttpContext context, AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1 || size > WhatsAppApi.MaxLimit))
        {
            errors["limit"] = [$"limit must be a whole number from 1 to {WhatsAppApi.MaxLimit}."];
        }
        if (filter is not null and not ("all" or "mine" or "unassigned"))
        {
            errors["filter"] = ["filter is all, mine or unassigned."];
        }
        if (q is { Length: > MaxSearch })
        {
            errors["q"] = [$"q must be at most {MaxSearch} characters."];
        }
        // The same opaque (time, id) cursor as the thread's: here the newest message's time and the customer's id.
        WhatsAppThreadCursor after = default;
        if (cursor is not null && !WhatsAppThreadCursor.TryDecode(cursor, out after))
        {
            errors["cursor"] = ["cursor is not one this API gave out; start again without it."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The inbox request has invalid parameters.");
        }

        var customers = db.Customers.Where(c => c.DeletedAt == null);
        var search = q?.Trim();
        if (!string.IsNullOrEmpty(search))
        {
            if (Phones.LooksLikePhone(search) && Phones.SearchDigits(search) is { } digits)
            {
                var digitsPattern = "%" + digits + "%";
                customers = customers.Where(c => c.PhoneDigits != null && EF.Functions.Like(c.PhoneDigits, digitsPattern));
            }
            else
            {
                var pattern = "%" + EscapeLike(search) + "%";
                customers = customers.Where(c => EF.Functions.ILike(c.Name, pattern));
            }
        }

        var rows =
            from c in customers
            let last = db.WhatsAppMessages.Where(m => m.CustomerId == c.Id).OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).FirstOrDefault()
            where last != null
            let assigneeId = db.WhatsAppConversations.Where(v => v.CustomerId == c.Id).Select(v => v.AssigneeId).FirstOrDefault()
            let readUpTo = db.WhatsAppConversations.Where(v => v.CustomerId == c.Id).Select(v => v.ReadUpTo).FirstOrDefault()
            select new { Customer = c, Last = last, AssigneeId = assigneeId, ReadUpTo = readUpTo };

        var me = context.User.GetUserId();
        rows = filter switch
        {
            "mine" => rows.Where(r => r.AssigneeId == me),
            "unassigned" => rows.Where(r => r.AssigneeId == null),
            _ => rows,
        };
        if (cursor is not null)
        {
            rows = rows.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.Last.CreatedAt, r.Customer.Id), ValueTuple.Create(after.CreatedAt, after.Id)));
        }

        var page = await rows
            .OrderByDescending(r => r.Last.CreatedAt).ThenByDescending(r => r.Customer.Id)
            .Take(size + 1)
            .Select(r => new
            {
                r.Customer.Id,
                r.Customer.Name,
                r.Customer.Phone,
                r.Last.CreatedAt,
                MessageId = r.Last.Id,
                r.Last.Direction,
                r.Last.Status,
                r.Last.Body,
                r.Last.TemplateId,
                r.Last.MediaJson,
                Unread = db.WhatsAppMessages.Count(m => m.CustomerId == r.Customer.Id && m.Direction == WhatsAppDirection.Inbound
                    && (r.ReadUpTo == null || m.CreatedAt > r.ReadUpTo)),
                r.AssigneeId,
                AssigneeName = db.Users.Where(u => u.Id == r.AssigneeId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        string? next = null;
        if (page.Count > size)
        {
            page.RemoveAt(page.Count - 1);
            next = new WhatsAppThreadCursor(page[^1].CreatedAt, page[^1].Id).Encode();
        }
        var items = page.Select(r => new WhatsAppConversationRow(
            r.Id, r.Name, r.Phone,
            new WhatsAppLastMessage(r.MessageId, r.Direction, r.Status, Preview(r.Body), r.TemplateId, MediaCount(r.MediaJson), r.CreatedAt.ToUniversalTime()),
            r.Unread,
            r.AssigneeId is { } assignee && r.AssigneeName is { } name ? new WhatsAppAgent(assignee, name) : null)).ToList();
        return TypedResults.Ok(new WhatsAppConversationsPage(items, next));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> MarkReadAsync(
        Guid id, HttpContext context, AgentLocatorDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == id && c.DeletedAt == null, cancellationToken))
        {
            return CustomerNotFound();
        }
        // Up to the newest inbound message we hold, not "now": a message stored while the request runs stays unread.
        var newest = await db.WhatsAppMessages.Where(m => m.CustomerId == id && m.Direction == WhatsAppDirection.Inbound)
            .MaxAsync(m => (DateTimeOffset?)m.CreatedAt, cancellationToken);
        if (newest is null)
        {
            return TypedResults.NoContent();
        }
        // One statement, so two tabs marking at once cannot move the mark back (GREATEST) or collide on insert.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO whatsapp_conversations (customer_id, business_id, assignee_id, read_up_to, updated_at)
            VALUES ({id}, {context.User.GetBusinessId()}, NULL, {newest.Value}, {clock.GetUtcNow()})
            ON CONFLICT (customer_id) DO UPDATE
            SET read_up_to = GREATEST(whatsapp_conversations.read_up_to, EXCLUDED.read_up_to), updated_at = EXCLUDED.updated_at
            WHERE whatsapp_conversations.business_id = EXCLUDED.business_id
            """, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<WhatsAppAssigneeResponse>, ValidationProblem, ProblemHttpResult>> AssignAsync(
        Guid id, WhatsAppAssigneeRequest? request, HttpContext context, AgentLocatorDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["assigneeId"] = ["Send { assigneeId } (null unassigns)."] });
        }
        if (!await db.Customers.AnyAsync(c => c.Id == id && c.DeletedAt == null, cancellationToken))
        {
            return CustomerNotFound();
        }
        WhatsAppAgent? assignee = null;
        if (request.AssigneeId is { } userId)
        {
            // The tenant filter hides other businesses' users, so a foreign id reads as unknown, the same as a made-up one.
            assignee = await db.Users.Where(u => u.Id == userId).Select(u => new WhatsAppAgent(u.Id, u.DisplayName)).SingleOrDefaultAsync(cancellationToken);
            if (assignee is null)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "No such user in this business.",
                    detail: "Assign the conversation to one of the business's users.");
            }
        }
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO whatsapp_conversations (customer_id, business_id, assignee_id, read_up_to, updated_at)
            VALUES ({id}, {context.User.GetBusinessId()}, {request.AssigneeId}, NULL, {clock.GetUtcNow()})
            ON CONFLICT (customer_id) DO UPDATE SET assignee_id = EXCLUDED.assignee_id, updated_at = EXCLUDED.updated_at
            WHERE whatsapp_conversations.business_id = EXCLUDED.business_id
            """, cancellationToken);
        return TypedResults.Ok(new WhatsAppAssigneeResponse(assignee));
    }

    public static async Task<Ok<WhatsAppAgentsResponse>> AgentsAsync(AgentLocatorDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(new WhatsAppAgentsResponse(await db.Users.OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Select(u => new WhatsAppAgent(u.Id, u.DisplayName)).ToListAsync(cancellationToken)));

    public static async Task<Ok<WhatsAppSenderState>> SenderAsync(HttpContext context, AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        var business = context.User.GetBusinessId();
        var number = await db.Businesses.Where(b => b.Id == business).Select(b => b.WhatsAppNumber).SingleOrDefaultAsync(cancellationToken);
        return TypedResults.Ok(new WhatsAppSenderState(!string.IsNullOrEmpty(number)));
    }

    private static string? Preview(string? body) =>
        body is null ? null : body.Length <= PreviewLength ? body : body[..PreviewLength] + "…";

    private static int MediaCount(string mediaJson) =>
        System.Text.Json.JsonSerializer.Deserialize<List<WhatsAppMedia>>(mediaJson, System.Text.Json.JsonSerializerOptions.Web)?.Count ?? 0;

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

    private static ProblemHttpResult CustomerNotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Customer not found.");
}
