using System.Text.Json;
using AgentLocator.Api.Accounts;
using AgentLocator.Api.Customers;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Infrastructure.Paging;
using AgentLocator.Api.Integrations.Pdf;
using AgentLocator.Api.WhatsApp;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Audit;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Signatures;

/// <summary>
/// Signature requests for agents (feature <c>signatures</c>): a customer's requests under
/// <c>/api/customers/{id}/signature-requests</c>, the rest under <c>/api/signatures</c>. Writes go through
/// <see cref="SignatureRequestService"/>; reads query Postgres directly.
/// </summary>
public static class SignatureRequestsApi
{
    public const string CustomerRoute = "/api/customers/{id:guid}/signature-requests";

    public static IEndpointRouteBuilder MapSignaturesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(CustomerRoute, CreateAsync).RequireAuthorization().DisableAntiforgery().WithTags("Signatures")
            .WithSummary("A new request from an uploaded PDF (multipart: file, title, signers as JSON [{name, phone, role}], ordered, requireCode, delivery sms|whatsapp|link|draft).");
        app.MapGet(CustomerRoute, CustomerRequestsAsync).RequireAuthorization().WithTags("Signatures").WithSummary("A customer's requests, newest first.");

        var signatures = app.MapGroup("/api/signatures").RequireAuthorization().WithTags("Signatures");
        signatures.MapGet("/requests", ListAsync).WithSummary("A page of requests: status, customer.");
        signatures.MapGet("/requests/{id:guid}", GetAsync).WithSummary("A request with its signers and audit trail.");
        signatures.MapPost("/requests/{id:guid}/send", SendAsync).WithSummary("Send a draft: by SMS (default), WhatsApp (feature whatsapp, inside the 24-hour window) or links to copy.");
        signatures.MapPost("/requests/{id:guid}/remind", RemindAsync)
            .WithSummary("A new link to each waiting signer (or one), by the request's channel: WhatsApp when it was sent so, else SMS.");
        signatures.MapPost("/requests/{id:guid}/cancel", CancelAsync).WithSummary("Cancel: every link stops opening (410).");
        signatures.MapPost("/requests/{id:guid}/signers/{signerId:guid}/link", CopyLinkAsync).WithSummary("A further link for one waiting signer, to copy.");
        signatures.MapGet("/requests/{id:guid}/original.pdf", OriginalAsync).WithSummary("The PDF as sent.");
        signatures.MapGet("/requests/{id:guid}/signed.pdf", SignedAsync).WithSummary("The signed copy (409 until every signer has signed).");
        signatures.MapSignatureSettings();
        return app;
    }

    public static async Task<Results<Created<SignatureRequestResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(Guid id, HttpRequest request,
        HttpContext context, SignatureRequestService service, IConfiguration configuration, AgentLocatorDbContext db, IGrainFactory grains,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send multipart/form-data with the PDF in a field named file.");
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception failure) when (failure is InvalidDataException or BadHttpRequestException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The upload was not a readable multipart form.");
        }
        var errors = new Dictionary<string, string[]>();
        var signers = ParseSigners(form["signers"].ToString(), errors);
        var delivery = form["delivery"].ToString() is { Length: > 0 } given ? given : SignatureChannels.Sms;
        if (!SignatureChannels.IsKnown(delivery) && delivery != "draft")
        {
            errors["delivery"] = ["delivery is sms, whatsapp, link or draft."];
        }
        var orderedValid = TryBool(form["ordered"], out var ordered);
        if (!TryBool(form["requireCode"], out var requireCode) || !orderedValid)
        {
            errors["ordered"] = ["ordered and requireCode are true or false."];
        }
        var file = form.Files.GetFile("file");
        if (file is not { Length: > 0 })
        {
            errors["file"] = ["יש לצרף קובץ PDF."];
        }
        else if (file.Length > SignatureRequestService.MaxPdfBytes)
        {
            errors["file"] = ["הקובץ גדול מ-20MB."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The signature request is not valid.");
        }
        if (await WhatsAppFeatureRefusalAsync(delivery, context, grains) is { } off)
        {
            return off;
        }
        var pdf = new byte[file!.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(pdf, cancellationToken);
        }
        var businessId = context.User.GetBusinessId();
        if (await service.ChannelRefusalAsync(businessId, signers, ordered, delivery, cancellationToken) is { } refused)
        {
            return Refusal<Created<SignatureRequestResponse>>(refused);
        }
        var created = await service.CreateAsync(businessId, id, form["title"].ToString(), pdf, signers!, ordered, null, requireCode, cancellationToken);
        if (!created.Ok)
        {
            return Refusal<Created<SignatureRequestResponse>>(created);
        }
        var outcome = created;
        if (delivery != "draft")
        {
            outcome = await service.SendAsync(businessId, created.Request!.Id, delivery, InvitationsApi.PublicBase(configuration, context), cancellationToken);
            if (!outcome.Ok)
            {
                return Refusal<Created<SignatureRequestResponse>>(outcome);
            }
        }
        var response = await ResponseAsync(db, created.Request!.Id, clock, outcome.SmsProblems, cancellationToken);
        return TypedResults.Created($"/api/signatures/requests/{created.Request.Id}", response!);
    }

    public static async Task<Results<Ok<IReadOnlyList<SignatureRequestListItem>>, ProblemHttpResult>> CustomerRequestsAsync(Guid id,
        AgentLocatorDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return CustomersApi.NotFound();
        }
        var items = await Items(db.SignatureRequests.AsNoTracking().Where(r => r.CustomerId == id), db).Take(100).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<SignatureRequestListItem>>([.. items.Select(i => Effective(i, clock))]);
    }

    public static async Task<Results<Ok<PagedResponse<SignatureRequestListItem>>, ValidationProblem>> ListAsync(string? status, Guid? customerId,
        string? page, string? limit, AgentLocatorDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var paging = PageRequest.Parse(page, limit, errors);
        if (status is not null && !SignatureStatuses.All.Contains(status))
        {
            errors["status"] = [$"status is one of: {string.Join(", ", SignatureStatuses.All)}."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The list request has invalid parameters.");
        }
        var now = clock.GetUtcNow();
        var requests = db.SignatureRequests.AsNoTracking();
        if (customerId is { } customer)
        {
            requests = requests.Where(r => r.CustomerId == customer);
        }
        requests = status switch
        {
            null => requests,
            // "expired" also covers waiting requests whose time is up but that no one has opened since.
            SignatureStatuses.Expired => requests.Where(r => r.Status == SignatureStatuses.Expired
                || ((r.Status == SignatureStatuses.Sent || r.Status == SignatureStatuses.Viewed) && r.ExpiresAt <= now)),
            SignatureStatuses.Sent or SignatureStatuses.Viewed => requests.Where(r => r.Status == status && r.ExpiresAt > now),
            _ => requests.Where(r => r.Status == status),
        };
        var total = await requests.LongCountAsync(cancellationToken);
        var items = await Items(requests, db).Skip(paging.Skip).Take(paging.Limit).ToListAsync(cancellationToken);
        var totalPages = (total + paging.Limit - 1) / paging.Limit;
        return TypedResults.Ok(new PagedResponse<SignatureRequestListItem>([.. items.Select(i => Effective(i, clock))],
            new PageInfo(paging.Page, paging.Limit, total, totalPages, paging.Page < totalPages)));
    }

    public static async Task<Results<Ok<SignatureRequestResponse>, ProblemHttpResult>> GetAsync(Guid id, AgentLocatorDbContext db, TimeProvider clock,
        CancellationToken cancellationToken) =>
        await ResponseAsync(db, id, clock, null, cancellationToken) is { } response ? TypedResults.Ok(response) : NotFound();

    public static async Task<Results<Ok<SignatureRequestResponse>, ValidationProblem, ProblemHttpResult>> SendAsync(Guid id, SendSignatureRequest? body,
        HttpContext context, SignatureRequestService service, IConfiguration configuration, AgentLocatorDbContext db, IGrainFactory grains,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var channel = body?.Channel ?? SignatureChannels.Sms;
        if (!SignatureChannels.IsKnown(channel))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["channel"] = ["channel is sms, whatsapp or link."] });
        }
        if (await WhatsAppFeatureRefusalAsync(channel, context, grains) is { } off)
        {
            return off;
        }
        var outcome = await service.SendAsync(context.User.GetBusinessId(), id, channel, InvitationsApi.PublicBase(configuration, context), cancellationToken);
        return outcome.Ok ? TypedResults.Ok((await ResponseAsync(db, id, clock, outcome.SmsProblems, cancellationToken))!) : Refusal<Ok<SignatureRequestResponse>>(outcome);
    }

    public static async Task<Results<Ok<SignatureRequestResponse>, ValidationProblem, ProblemHttpResult>> RemindAsync(Guid id, RemindSignatureRequest? body,
        HttpContext context, SignatureRequestService service, IConfiguration configuration, AgentLocatorDbContext db, TimeProvider clock,
        IGrainFactory grains, CancellationToken cancellationToken)
    {
        // A reminder goes the way the request was sent: by WhatsApp only for a user who may send by WhatsApp.
        if (await WhatsAppFeatureRefusalAsync(await SignatureRequestService.ChannelAsync(db, id, cancellationToken), context, grains) is { } off)
        {
            return off;
        }
        var outcome = await service.RemindAsync(context.User.GetBusinessId(), id, body?.SignerId, InvitationsApi.PublicBase(configuration, context),
            cancellationToken);
        return outcome.Ok ? TypedResults.Ok((await ResponseAsync(db, id, clock, outcome.SmsProblems, cancellationToken))!) : Refusal<Ok<SignatureRequestResponse>>(outcome);
    }

    public static async Task<Results<Ok<SignatureRequestResponse>, ValidationProblem, ProblemHttpResult>> CancelAsync(Guid id, HttpContext context,
        SignatureRequestService service, AgentLocatorDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var outcome = await service.CancelAsync(context.User.GetBusinessId(), id, cancellationToken);
        return outcome.Ok ? TypedResults.Ok((await ResponseAsync(db, id, clock, null, cancellationToken))!) : Refusal<Ok<SignatureRequestResponse>>(outcome);
    }

    public static async Task<Results<Ok<SignerLinkResponse>, ValidationProblem, ProblemHttpResult>> CopyLinkAsync(Guid id, Guid signerId,
        HttpContext context, SignatureRequestService service, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var (url, outcome) = await service.CopyLinkAsync(context.User.GetBusinessId(), id, signerId, InvitationsApi.PublicBase(configuration, context),
            cancellationToken);
        return url is not null ? TypedResults.Ok(new SignerLinkResponse(url, outcome.Request!.ExpiresAt.ToUniversalTime())) : Refusal<Ok<SignerLinkResponse>>(outcome);
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> OriginalAsync(Guid id, AgentLocatorDbContext db,
        CancellationToken cancellationToken)
    {
        var pdf = await db.SignatureRequests.AsNoTracking().Where(r => r.Id == id).Select(r => r.OriginalPdf).FirstOrDefaultAsync(cancellationToken);
        return pdf is null ? NotFound() : TypedResults.File(pdf, "application/pdf", "document.pdf");
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SignedAsync(Guid id, AgentLocatorDbContext db, SignerSession session,
        CancellationToken cancellationToken)
    {
        if (await SignatureRequestService.LockAsync(db, id, cancellationToken) is not { } request)
        {
            return NotFound();
        }
        try
        {
            var pdf = await session.SignedCopyAsync(db, request, SignatureActor.FromAudit(AuditActor.Current), cancellationToken);
            return pdf is null
                ? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not every signer has signed yet.")
                : TypedResults.File(pdf, "application/pdf", "signed.pdf");
        }
        catch (PdfRenderingException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The signed PDF could not be made right now; try again.");
        }
    }

    internal static async Task<SignatureRequestResponse?> ResponseAsync(AgentLocatorDbContext db, Guid id, TimeProvider clock,
        IReadOnlyList<string>? smsProblems, CancellationToken cancellationToken)
    {
        var request = await db.SignatureRequests.AsNoTracking().Include(r => r.Signers).AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return null;
        }
        var customer = await db.Customers.IgnoreQueryFilters().Where(c => c.Id == request.CustomerId && c.BusinessId == request.BusinessId)
            .Select(c => c.Name).FirstOrDefaultAsync(cancellationToken) ?? "";
        var events = await db.SignatureEvents.AsNoTracking().Where(e => e.RequestId == id).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
        return SignatureResponses.From(request, customer, events, clock.GetUtcNow(), smsProblems);
    }

    private static IQueryable<SignatureRequestListItem> Items(IQueryable<SignatureRequest> requests, AgentLocatorDbContext db) =>
        requests.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Select(r => new SignatureRequestListItem(r.Id, r.CustomerId,
                // No IgnoreQueryFilters here: in a subquery it would lift the tenant filter from the whole query.
                db.Customers.Where(c => c.Id == r.CustomerId).Select(c => c.Name).FirstOrDefault() ?? "", r.Title, r.Status,
                r.Signers.Count, r.Signers.Count(s => s.Status == SignatureStatuses.Signed), r.CreatedAt, r.CompletedAt, r.ExpiresAt));

    private static SignatureRequestListItem Effective(SignatureRequestListItem item, TimeProvider clock) => item with
    {
        Status = SignatureResponses.Effective(item.Status, item.ExpiresAt, clock.GetUtcNow()),
        CreatedAt = item.CreatedAt.ToUniversalTime(),
        CompletedAt = item.CompletedAt?.ToUniversalTime(),
        ExpiresAt = item.ExpiresAt.ToUniversalTime(),
    };

    private static IReadOnlyList<SignerInput>? ParseSigners(string json, Dictionary<string, string[]> errors)
    {
        try
        {
            var signers = JsonSerializer.Deserialize<List<SignerInput>>(json is { Length: > 0 } ? json : "[]", JsonSerializerOptions.Web);
            if (signers is not { Count: > 0 })
            {
                errors["signers"] = ["יש להוסיף לפחות חותם אחד."];
            }
            return signers;
        }
        catch (JsonException)
        {
            errors["signers"] = ["signers is a JSON array of {name, phone, role}."];
            return null;
        }
    }

    private static bool TryBool(Microsoft.Extensions.Primitives.StringValues value, out bool result)
    {
        result = false;
        return value.Count == 0 || bool.TryParse(value.ToString(), out result);
    }

    internal static Results<T1, ValidationProblem, ProblemHttpResult> Refusal<T1>(SignatureOutcome outcome) where T1 : IResult
    {
        if (outcome.Errors is { } errors)
        {
            return TypedResults.ValidationProblem(errors, title: "The signature request is not valid.");
        }
        return TypedResults.Problem(statusCode: outcome.Status, title: outcome.Problem);
    }

    /// <summary>Links go by WhatsApp only for a user who has the business's <c>whatsapp</c> feature: the uniform 403 otherwise.</summary>
    internal static async Task<ProblemHttpResult?> WhatsAppFeatureRefusalAsync(string channel, HttpContext context, IGrainFactory grains) =>
        channel == SignatureChannels.WhatsApp ? await WhatsAppLinks.FeatureRefusalAsync(context, grains) : null;

    internal static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such signature request.");
}
