using AgentLocator.Api.Customers;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Infrastructure.Paging;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Customers;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Timeline;

/// <summary>
/// A customer's notes: written through the customer's grain, which saves the note and its timeline event together.
/// The author edits the text; anyone may pin; the author or an admin deletes. Answers are timeline items.
/// </summary>
public static class NotesApi
{
    public static RouteGroupBuilder MapNotesApi(this RouteGroupBuilder crm)
    {
        crm.MapGet("/customers/{id:guid}/notes", ListNotesAsync).WithTags("Timeline");
        crm.MapPost("/customers/{id:guid}/notes", AddNoteAsync).WithTags("Timeline").WithSummary("Add a note (1–5000 characters); answers its timeline item.");
        crm.MapPatch("/customers/{id:guid}/notes/{noteId:guid}", UpdateNoteAsync).WithTags("Timeline")
            .WithSummary("Change the text (author only) or pin/unpin (anyone).");
        crm.MapDelete("/customers/{id:guid}/notes/{noteId:guid}", DeleteNoteAsync).WithTags("Timeline")
            .WithSummary("Delete a note (its author or an admin).");
        return crm;
    }

    public static async Task<Results<Ok<PagedResponse<NoteResponse>>, ValidationProblem, ProblemHttpResult>> ListNotesAsync(
        Guid id, string? page, string? limit, AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var paging = PageRequest.Parse(page, limit, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (!await db.Customers.AnyAsync(c => c.Id == id && c.DeletedAt == null, cancellationToken))
        {
            return CustomersApi.NotFound();
        }
        var notes = db.CustomerNotes.AsNoTracking().Where(n => n.CustomerId == id);
        var total = await notes.LongCountAsync(cancellationToken);
        var items = await notes.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip(paging.Skip).Take(paging.Limit)
            .Select(n => new NoteResponse(n.Id, n.Text, n.AuthorName, n.CreatedAt)).ToListAsync(cancellationToken);
        var totalPages = (total + paging.Limit - 1) / paging.Limit;
        return TypedResults.Ok(new PagedResponse<NoteResponse>(items, new PageInfo(paging.Page, paging.Limit, total, totalPages, paging.Page < totalPages)));
    }

    public static async Task<Results<Created<TimelineItem>, ValidationProblem, ProblemHttpResult>> AddNoteAsync(
        Guid id, NoteCreateRequest request, HttpContext context, IGrainFactory grains)
    {
        if (TextErrors(request.Text, required: true) is { } errors)
        {
            return TypedResults.ValidationProblem(errors, title: "The note is not valid.");
        }
        var user = context.User;
        var result = await grains.GetGrain<ICustomerGrain>(id)
            .AddNote(user.GetBusinessId(), user.GetUserId(), user.Identity?.Name ?? "", request.Text!);
        return result.Outcome switch
        {
            CustomerOutcome.Ok => TypedResults.Created($"/api/crm/customers/{id}/notes/{result.Note!.Id}", await ItemAsync(result, context)),
            CustomerOutcome.Invalid => TypedResults.ValidationProblem(result.Errors!, title: "The note is not valid."),
            _ => CustomersApi.NotFound(),
        };
    }

    public static async Task<Results<Ok<TimelineItem>, ValidationProblem, ProblemHttpResult>> UpdateNoteAsync(
        Guid id, Guid noteId, NoteUpdateRequest request, HttpContext context, IGrainFactory grains)
    {
        if (request.Text is null && request.Pinned is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["Send text, pinned or both."] },
                title: "The change is empty.");
        }
        if (request.Text is not null && TextErrors(request.Text, required: true) is { } errors)
        {
            return TypedResults.ValidationProblem(errors, title: "The note is not valid.");
        }
        var user = context.User;
        var result = await grains.GetGrain<ICustomerGrain>(id).EditNote(user.GetBusinessId(), noteId, Editor(context),
            new NoteChanges { Text = request.Text, Pinned = request.Pinned });
        return result.Outcome switch
        {
            CustomerOutcome.Ok => TypedResults.Ok(await ItemAsync(result, context)),
            CustomerOutcome.Invalid => TypedResults.ValidationProblem(result.Errors!, title: "The note is not valid."),
            CustomerOutcome.Forbidden => Forbidden("Only the note's author can change its text."),
            _ => NoteNotFound(),
        };
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteNoteAsync(Guid id, Guid noteId, HttpContext context, IGrainFactory grains)
    {
        var result = await grains.GetGrain<ICustomerGrain>(id).DeleteNote(context.User.GetBusinessId(), noteId, Editor(context));
        return result.Outcome switch
        {
            CustomerOutcome.Ok => TypedResults.NoContent(),
            CustomerOutcome.Forbidden => Forbidden("Only the note's author or an administrator can delete it."),
            _ => NoteNotFound(),
        };
    }

    private static NoteEditor Editor(HttpContext context) => new(context.User.GetUserId(), context.User.IsInRole(UserRoles.Admin));

    private static async Task<TimelineItem> ItemAsync(NoteResult result, HttpContext context) =>
        TimelineItems.From(result.Entry!, await TimelineViewer.ForAsync(context));

    private static Dictionary<string, string[]>? TextErrors(string? text, bool required)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0 && required)
        {
            return new() { ["text"] = ["Note text is required."] };
        }
        return trimmed.Length > CustomerRules.MaxNoteLength
            ? new() { ["text"] = [$"A note must be at most {CustomerRules.MaxNoteLength} characters."] }
            : null;
    }

    private static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "You may not change this note.", detail: detail);

    private static ProblemHttpResult NoteNotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Note not found.");
}
