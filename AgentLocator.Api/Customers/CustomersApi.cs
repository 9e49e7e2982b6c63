using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Infrastructure.Entitlements;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Customers;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Customers;

/// <summary>
/// Customers of the caller's business. Reads query Postgres directly; every write goes through the customer's
/// <see cref="ICustomerGrain"/>. A customer of another business is indistinguishable from a missing one (404).
/// </summary>
public static class CustomersApi
{
    public static IEndpointRouteBuilder MapCustomersApi(this IEndpointRouteBuilder app)
    {
        var crm = app.MapGroup("/api/crm").RequireAuthorization().WithTags("Customers");

        crm.MapGet("/customers", ListAsync).WithSummary("A page of customers: search, filter, sort; page numbers or a cursor.");
        crm.MapGet("/customers/export.csv", CustomerCsvExport.ExportAsync).WithSummary("The list as CSV (UTF-8 with BOM), streamed.");
        crm.MapPost("/customers/import", CustomerCsvImport.ImportAsync).WithSummary("Create or merge customers from a CSV file (multipart).")
            .DisableAntiforgery();
        crm.MapPost("/customers", CreateAsync);
        crm.MapGet("/customers/{id:guid}", GetAsync);
        crm.MapPatch("/customers/{id:guid}", UpdateAsync);
        crm.MapDelete("/customers/{id:guid}", DeleteAsync).WithSummary("Soft delete; an admin can restore.");
        crm.MapPost("/customers/{id:guid}/restore", RestoreAsync).RequireAuthorization(AuthorizationPolicies.Admin);
        crm.MapGet("/tags", ListTagsAsync).WithSummary("The business's customer tags, for filters.");
        return app;
    }

    public static async Task<Results<Ok<PagedResponse<CustomerResponse>>, ValidationProblem>> ListAsync(
        [AsParameters] CustomerListRequest request, AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        var (query, errors) = CustomerListQuery.Parse(request);
        if (query is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The list request has invalid parameters.");
        }

        // One connection for the page and its total: each return to the pool costs a reset round trip (DISCARD ALL).
        await db.Database.OpenConnectionAsync(cancellationToken);
        var filtered = query.Filter(db.Customers.AsNoTracking());
        List<Customer> rows;
        long? counted = null;
        var skip = query.UsesCursor ? 0 : (query.Page - 1) * query.Limit;
        // A name search reads the newest rows first: a fragment common enough is decided there (its page, next, and the
        // capped total), whatever the planner thinks the fragment's selectivity is.
        var needed = query.RecentMatchesNeeded;
        var recent = needed is null ? null : await query.RecentMatchIds(db.Customers.AsNoTracking(), needed.Value).ToListAsync(cancellationToken);
        if (recent is not null && recent.Count >= skip + query.Limit + 1)
        {
            var pageIds = recent.Skip(skip).Take(query.Limit + 1).ToList();
            rows = await query.Order(db.Customers.AsNoTracking().Where(c => pageIds.Contains(c.Id))).ToListAsync(cancellationToken);
            if (recent.Count == needed && !query.UsesCursor)
            {
                counted = recent.Count;
            }
        }
        else if (query.UsesCursor)
        {
            rows = await query.Order(query.AfterCursor(filtered)).Take(query.Limit + 1).ToListAsync(cancellationToken);
        }
        else
        {
            // Deep offsets walk only the sort index for ids, then fetch the page's rows: far cheaper than skipping whole rows.
            var pageIds = query.Order(filtered).Skip((query.Page - 1) * query.Limit).Take(query.Limit + 1).Select(c => c.Id);
            rows = await query.Order(db.Customers.AsNoTracking().Where(c => pageIds.Contains(c.Id))).ToListAsync(cancellationToken);
        }

        var hasNext = rows.Count > query.Limit;
        if (hasNext)
        {
            rows.RemoveAt(rows.Count - 1);
        }
        var nextCursor = hasNext ? query.CursorAfter(rows[^1]).Encode() : null;
        var items = rows.Select(CustomerResponse.From).ToList();
        if (query.UsesCursor)
        {
            return TypedResults.Ok(new PagedResponse<CustomerResponse>(items, new PageInfo(null, query.Limit, null, null, hasNext), nextCursor));
        }

        long total;
        var lowerBound = false;
        if (query.IsFiltered)
        {
            var seen = rows.Count == 0 ? 0 : (long)(query.Page - 1) * query.Limit + rows.Count + (hasNext ? 1 : 0);
            if ((rows.Count > 0 && !hasNext) || (rows.Count == 0 && query.Page == 1))
            {
                // The last page (or an empty first one): everything before it plus its rows is the exact count, so the
                // count's query, a second index scan and round trip, is skipped. A phone search usually ends here.
                total = seen;
            }
            else
            {
                total = counted ?? await CustomerListQuery.CountCapped(filtered).LongCountAsync(cancellationToken);
                // The page itself may lie past the counted window (page 50 of a broad search): it proves at least that many.
                lowerBound = total > CustomerListQuery.MaxExactFilteredTotal || seen > total;
                total = Math.Max(Math.Min(total, CustomerListQuery.MaxExactFilteredTotal), seen);
            }
        }
        else
        {
            total = await CountLiveAsync(db, cancellationToken);
        }
        var totalPages = (total + query.Limit - 1) / query.Limit;
        return TypedResults.Ok(new PagedResponse<CustomerResponse>(items,
            new PageInfo(query.Page, query.Limit, total, totalPages, hasNext, lowerBound), nextCursor));
    }

    public static async Task<Results<Created<CustomerResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CustomerRequest body, HttpContext context, IGrainFactory grains)
    {
        var errors = body.ShapeErrors();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The customer is not valid.");
        }
        var id = Guid.CreateVersion7();
        var result = await grains.GetGrain<ICustomerGrain>(id).Create(context.User.GetBusinessId(), ByAgent(body, context));
        return result.Outcome switch
        {
            CustomerOutcome.Ok => TypedResults.Created($"/api/crm/customers/{id}", CustomerResponse.From(result.Customer!)),
            CustomerOutcome.Invalid when result.Errors!.ContainsKey(CustomerRules.TaxIdField) => TaxIdRefused(result.Errors!, "The customer is not valid."),
            CustomerOutcome.Invalid => TypedResults.ValidationProblem(result.Errors!, title: "The customer is not valid."),
            CustomerOutcome.DuplicatePhone => DuplicatePhone(result.ConflictingCustomerId!.Value),
            _ => NotFound(),
        };
    }

    /// <summary>
    /// A tax id that fails its check digit is well-formed input the rules refuse: 422, naming taxId (with any other field
    /// the rules refused), where a value of the wrong kind is 400.
    /// </summary>
    private static ProblemHttpResult TaxIdRefused(IReadOnlyDictionary<string, string[]> errors, string title) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: title,
            extensions: new Dictionary<string, object?> { ["errors"] = errors });

    public static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> GetAsync(
        Guid id, bool? includeDeleted, HttpContext context, AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        var seeDeleted = includeDeleted == true && context.User.IsInRole(UserRoles.Admin);
        var customer = await db.Customers.AsNoTracking()
            .SingleOrDefaultAsync(c => c.Id == id && (seeDeleted || c.DeletedAt == null), cancellationToken);
        return customer is null ? NotFound() : TypedResults.Ok(CustomerResponse.From(customer));
    }

    public static async Task<Results<Ok<CustomerResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, CustomerRequest body, HttpContext context, IGrainFactory grains)
    {
        var errors = body.ShapeErrors();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The changes are not valid.");
        }
        // The grain answers with the saved customer: no read after the write.
        return ToResponse(await grains.GetGrain<ICustomerGrain>(id).Update(context.User.GetBusinessId(), ByAgent(body, context)));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, HttpContext context, IGrainFactory grains)
    {
        var result = await grains.GetGrain<ICustomerGrain>(id).Delete(context.User.GetBusinessId(), context.User.GetUserId());
        return result.Outcome == CustomerOutcome.Ok ? TypedResults.NoContent() : NotFound();
    }

    public static async Task<Results<Ok<CustomerResponse>, ValidationProblem, ProblemHttpResult>> RestoreAsync(
        Guid id, HttpContext context, IGrainFactory grains) =>
        ToResponse(await grains.GetGrain<ICustomerGrain>(id).Restore(context.User.GetBusinessId()));

    public static async Task<Ok<List<string>>> ListTagsAsync(AgentLocatorDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Customers.Where(c => c.DeletedAt == null).SelectMany(c => c.Tags)
            .Distinct().OrderBy(tag => tag).Take(500).ToListAsync(cancellationToken));

    /// <summary>The business's live customers from the trigger-kept counter (see the Customers migration).</summary>
    private static async Task<long> CountLiveAsync(AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        var businessId = db.CurrentBusinessIdForQueries;
        return await db.Database
            .SqlQuery<long>($"SELECT live_customers AS \"Value\" FROM business_customer_counts WHERE business_id = {businessId}")
            .SingleOrDefaultAsync(cancellationToken);
    }

    private static Results<Ok<CustomerResponse>, ValidationProblem, ProblemHttpResult> ToResponse(CustomerResult result) => result.Outcome switch
    {
        CustomerOutcome.Ok => TypedResults.Ok(CustomerResponse.From(result.Customer!)),
        CustomerOutcome.Invalid when result.Errors!.ContainsKey(CustomerRules.TaxIdField) => TaxIdRefused(result.Errors!, "The changes are not valid."),
        CustomerOutcome.Invalid => TypedResults.ValidationProblem(result.Errors!, title: "The changes are not valid."),
        CustomerOutcome.DuplicatePhone => DuplicatePhone(result.ConflictingCustomerId!.Value),
        _ => NotFound(),
    };

    /// <summary>The body's changes, signed with the agent who made them (for the customer's timeline).</summary>
    private static CustomerChanges ByAgent(CustomerRequest body, HttpContext context) =>
        body.ToChanges() with { Origin = ChangeOrigin.ByAgent(context.User.GetUserId(), context.User.Identity?.Name) };

    internal static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Customer not found.");

    private static ProblemHttpResult DuplicatePhone(Guid existing) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "Another customer has this phone number.",
        detail: $"The phone number already belongs to customer {existing}.",
        extensions: new Dictionary<string, object?> { ["customerId"] = existing });
}
