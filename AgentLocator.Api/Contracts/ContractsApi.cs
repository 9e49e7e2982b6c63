using System.Globalization;
using AgentLocator.Api.Customers;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Infrastructure.Paging;
using AgentLocator.Api.Integrations.Pdf;
using AgentLocator.Grains.Contracts;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Contracts;

/// <summary>
/// Contracts (feature <c>contracts</c>): made for a customer under <c>/api/customers/{id}/contracts</c>, listed, read,
/// edited while a draft, cancelled and printed under <c>/api/contracts</c>. Writes go through <see cref="ContractWriter"/>;
/// reads query Postgres directly, so another business's contract is a 404 like a missing one.
/// </summary>
public static class ContractsApi
{
    public static IEndpointRouteBuilder MapContractsApi(this IEndpointRouteBuilder app)
    {
        var forCustomer = app.MapGroup("/api/customers/{customerId:guid}/contracts").RequireAuthorization().WithTags("Contracts");
        forCustomer.MapGet("/", CustomerContractsAsync).WithSummary("A customer's contracts, newest first.");
        forCustomer.MapPost("/", CreateAsync).WithSummary("Make a draft contract from a template's current version and the custom field values.");
        forCustomer.MapPost("/preview", PreviewAsync).WithSummary("The PDF a contract with these values would print, without saving it.");

        var contracts = app.MapGroup("/api/contracts").RequireAuthorization().WithTags("Contracts");
        contracts.MapGet("/", ListAsync).WithSummary("A page of contracts, newest first; filter by status and by the contract's date (from, to).");
        contracts.MapGet("/{id:guid}", GetAsync);
        contracts.MapPatch("/{id:guid}", PatchAsync)
            .WithSummary("A draft's title and field values, or a status move (by hand only to cancelled); an illegal move is 409.");
        contracts.MapGet("/{id:guid}/pdf", PdfAsync).WithSummary("The contract's PDF (Hebrew, RTL, numbered pages).");
        return app;
    }

    public static async Task<Results<Ok<PagedResponse<ContractListItem>>, ValidationProblem>> ListAsync([AsParameters] ContractListRequest request,
        AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        ContractStatus? status = null;
        if (request.Status is not null)
        {
            if (WireNames<ContractStatus>.TryParse(request.Status, out var parsed)) { status = parsed; }
            else { errors["status"] = [$"status is one of {string.Join(", ", WireNames<ContractStatus>.All)}."]; }
        }
        var from = Date(request.From, "from", errors);
        var to = Date(request.To, "to", errors);
        if (from > to)
        {
            errors["to"] = ["to is on or after from."];
        }
        var paging = PageRequest.Parse(request.Page, request.Limit, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The list request has invalid parameters.");
        }
        var query = db.Contracts.AsNoTracking();
        if (status is { } wanted) { query = query.Where(c => c.Status == wanted); }
        if (from is { } start) { query = query.Where(c => c.ContractDate >= start); }
        if (to is { } end) { query = query.Where(c => c.ContractDate <= end); }
        return TypedResults.Ok(await PageAsync(db, query, paging, cancellationToken));
    }

    public static async Task<Results<Ok<PagedResponse<ContractListItem>>, ValidationProblem, ProblemHttpResult>> CustomerContractsAsync(Guid customerId,
        string? page, string? limit, AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var paging = PageRequest.Parse(page, limit, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The list request has invalid parameters.");
        }
        if (!await db.Customers.AnyAsync(c => c.Id == customerId && c.DeletedAt == null, cancellationToken))
        {
            return CustomersApi.NotFound();
        }
        return TypedResults.Ok(await PageAsync(db, db.Contracts.AsNoTracking().Where(c => c.CustomerId == customerId), paging, cancellationToken));
    }

    private static async Task<PagedResponse<ContractListItem>> PageAsync(AgentLocatorDbContext db, IQueryable<Contract> contracts, PageRequest paging,
        CancellationToken cancellationToken)
    {
        var total = await contracts.LongCountAsync(cancellationToken);
        var items = await contracts.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Skip(paging.Skip).Take(paging.Limit)
            .Join(db.Customers, c => c.CustomerId, customer => customer.Id, (c, customer) => new ContractListItem(c.Id, c.Title, c.Status,
                new ContractCustomer(customer.Id, customer.Name), c.TemplateId, c.TemplateVersion, c.ContractDate, c.CreatedAt, c.StatusChangedAt))
            .ToListAsync(cancellationToken);
        var totalPages = (total + paging.Limit - 1) / paging.Limit;
        return new PagedResponse<ContractListItem>(
            [.. items.Select(i => i with { CreatedAt = i.CreatedAt.ToUniversalTime(), StatusChangedAt = i.StatusChangedAt.ToUniversalTime() })],
            new PageInfo(paging.Page, paging.Limit, total, totalPages, paging.Page < totalPages));
    }

    public static async Task<Results<Created<ContractResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(Guid customerId,
        ContractCreateRequest request, HttpContext context, ContractWriter writer, AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        if (Shape(request.TemplateId, request.Title, requireTemplate: true) is { } invalid)
        {
            return invalid;
        }
        var outcome = await writer.CreateAsync(customerId, request.TemplateId!.Value, request.Title?.Trim(), request.FieldValues, context.User.GetUserId(),
            cancellationToken);
        return outcome.Kind == ContractOutcomeKind.Ok
            ? TypedResults.Created($"/api/contracts/{outcome.Id}", (await ResponseAsync(db, outcome.Id!.Value, cancellationToken))!)
            : Refusal(outcome, CustomersApi.NotFound());
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> PreviewAsync(Guid customerId, ContractCreateRequest request,
        AgentLocatorDbContext db, ContractDocuments documents, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (Shape(request.TemplateId, request.Title, requireTemplate: true) is { } invalid)
        {
            return invalid;
        }
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId && c.DeletedAt == null, cancellationToken);
        if (customer is null)
        {
            return CustomersApi.NotFound();
        }
        var version = await db.ContractTemplateVersions.AsNoTracking()
            .Where(v => v.TemplateId == request.TemplateId && db.ContractTemplates.Any(t => t.Id == v.TemplateId && t.CurrentVersion == v.Version && t.ArchivedAt == null))
            .FirstOrDefaultAsync(cancellationToken);
        if (version is null)
        {
            return Refusal(ContractOutcome.Invalid("templateId", "No such template."), CustomersApi.NotFound());
        }
        // A preview shows what is filled in so far: a required field still empty is no error here.
        var errors = new Dictionary<string, string[]>();
        var fields = ContractFields.Read(version.FieldsJson).Select(f => f with { Required = false }).ToList();
        var values = ContractFields.Clean(fields, request.FieldValues, errors);
        if (errors.Count > 0)
        {
            return Refusal(ContractOutcome.Invalid(errors), CustomersApi.NotFound());
        }
        try
        {
            // "today" as the saved contract will print it: the business's date, not UTC's.
            var today = await ContractWriter.TodayAsync(db, customer.BusinessId, clock, cancellationToken);
            var pdf = await documents.PreviewAsync(db, version, request.Title?.Trim() ?? version.Name, customer, today, values, cancellationToken);
            return TypedResults.File(pdf, "application/pdf", "contract-preview.pdf");
        }
        catch (PdfRenderingException)
        {
            return Unavailable();
        }
    }

    public static async Task<Results<Ok<ContractResponse>, ProblemHttpResult>> GetAsync(Guid id, AgentLocatorDbContext db, CancellationToken cancellationToken) =>
        await ResponseAsync(db, id, cancellationToken) is { } response ? TypedResults.Ok(response) : NotFound();

    public static async Task<Results<Ok<ContractResponse>, ValidationProblem, ProblemHttpResult>> PatchAsync(Guid id, ContractPatchRequest request,
        HttpContext context, ContractWriter writer, AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        if (Shape(null, request.Title, requireTemplate: false) is { } invalid)
        {
            return invalid;
        }
        if (request.Status is { } status && status != ContractStatus.Cancelled)
        {
            return Refusal(ContractOutcome.Invalid("status", "By hand a contract is only cancelled; the signing flow moves it otherwise."), NotFound());
        }
        if (request.Title is not null || request.FieldValues is not null)
        {
            var edited = await writer.EditDraftAsync(id, request.Title?.Trim(), request.FieldValues, cancellationToken);
            if (edited.Kind != ContractOutcomeKind.Ok)
            {
                return Refusal(edited, NotFound());
            }
        }
        if (request.Status is { } move)
        {
            var moved = await writer.MoveAsync(id, move, context.User.GetUserId(), cancellationToken);
            if (moved.Kind != ContractOutcomeKind.Ok)
            {
                return Refusal(moved, NotFound());
            }
        }
        return await ResponseAsync(db, id, cancellationToken) is { } response ? TypedResults.Ok(response) : NotFound();
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PdfAsync(Guid id, AgentLocatorDbContext db, IContractDocuments documents,
        CancellationToken cancellationToken)
    {
        try
        {
            return await documents.GetPdfAsync(db.CurrentBusinessIdForQueries, id, cancellationToken) is { } pdf
                ? TypedResults.File(pdf, "application/pdf", $"contract-{id:N}.pdf")
                : NotFound();
        }
        catch (PdfRenderingException)
        {
            return Unavailable();
        }
    }

    internal static async Task<ContractResponse?> ResponseAsync(AgentLocatorDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var contract = await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contract is null)
        {
            return null;
        }
        var version = await db.ContractTemplateVersions.AsNoTracking()
            .FirstAsync(v => v.TemplateId == contract.TemplateId && v.Version == contract.TemplateVersion, cancellationToken);
        var customerName = await db.Customers.IgnoreQueryFilters().Where(c => c.Id == contract.CustomerId && c.BusinessId == contract.BusinessId)
            .Select(c => c.Name).FirstAsync(cancellationToken);
        var moves = Enum.GetValues<ContractStatus>().Where(to => ContractTransitions.IsAllowed(contract.Status, to)).ToList();
        return new ContractResponse(contract.Id, contract.Title, contract.Status, new ContractCustomer(contract.CustomerId, customerName), contract.TemplateId,
            version.Name, contract.TemplateVersion, ContractFields.Read(version.FieldsJson), ContractFields.ReadValues(contract.FieldValuesJson),
            contract.ContractDate, contract.CreatedAt.ToUniversalTime(), contract.UpdatedAt.ToUniversalTime(), contract.StatusChangedAt.ToUniversalTime(), moves);
    }

    private static ValidationProblem? Shape(Guid? templateId, string? title, bool requireTemplate)
    {
        var errors = new Dictionary<string, string[]>();
        if (requireTemplate && templateId is null)
        {
            errors["templateId"] = ["templateId is required."];
        }
        if (title is not null && title.Trim().Length is 0 or > 200)
        {
            errors["title"] = ["title has 1 to 200 characters."];
        }
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors, title: "The contract is not valid.") : null;
    }

    private static DateOnly? Date(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        errors[field] = [$"{field} is a date, yyyy-MM-dd."];
        return null;
    }

    internal static ProblemHttpResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Contract not found.");

    private static ProblemHttpResult Unavailable() =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The PDF could not be made right now; try again.");

    /// <summary>A writer's refusal as problem+json: 422 naming the field, 409 for the state, else the given 404.</summary>
    internal static ProblemHttpResult Refusal(ContractOutcome outcome, ProblemHttpResult notFound) => outcome.Kind switch
    {
        ContractOutcomeKind.Invalid => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: outcome.Title,
            extensions: new Dictionary<string, object?> { ["errors"] = outcome.Errors }),
        ContractOutcomeKind.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: outcome.Title),
        _ => notFound,
    };
}
