using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Grains.Contracts;
using AgentLocator.Grains.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Contracts;

/// <summary>
/// Contract templates under <c>/api/contract-templates</c> (feature <c>contracts</c>): every user reads them (to make a
/// contract); admins create, edit (a new version) and archive them.
/// </summary>
public static class ContractTemplatesApi
{
    public static IEndpointRouteBuilder MapContractTemplatesApi(this IEndpointRouteBuilder app)
    {
        var templates = app.MapGroup("/api/contract-templates").RequireAuthorization().WithTags("Contracts");
        templates.MapGet("/", ListAsync).WithSummary("The business's current templates, by name.");
        templates.MapGet("/placeholders", Placeholders).WithSummary("The built-in placeholders a body may use, with Hebrew labels.");
        templates.MapGet("/{id:guid}", GetAsync).WithSummary("A template's current version and its version history.");
        templates.MapPost("/", CreateAsync).RequireAuthorization(AuthorizationPolicies.Admin)
            .WithSummary("Create a template (version 1). Unknown placeholders are 422.");
        templates.MapPut("/{id:guid}", ReviseAsync).RequireAuthorization(AuthorizationPolicies.Admin)
            .WithSummary("Save a new version; contracts made earlier keep theirs.");
        templates.MapDelete("/{id:guid}", ArchiveAsync).RequireAuthorization(AuthorizationPolicies.Admin)
            .WithSummary("Archive: no new contracts from it; existing ones still print.");
        return app;
    }

    public static async Task<Ok<List<ContractTemplateListItem>>> ListAsync(AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.ContractTemplates.AsNoTracking().Where(t => t.ArchivedAt == null).OrderBy(t => t.Name)
            .Select(t => new
            {
                t.Id, t.Name, t.CurrentVersion, t.UpdatedAt, Fields = t.Versions.Where(v => v.Version == t.CurrentVersion).Select(v => v.FieldsJson).First(),
                FromPdf = t.Versions.Where(v => v.Version == t.CurrentVersion).Select(v => v.PdfId != null).First(),
            })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(r => new ContractTemplateListItem(r.Id, r.Name, r.CurrentVersion, r.UpdatedAt.ToUniversalTime(),
            ContractFields.Read(r.Fields), r.FromPdf ? ContractTemplateSources.Pdf : ContractTemplateSources.RichText)).ToList());
    }

    public static Ok<ContractPlaceholder[]> Placeholders() => TypedResults.Ok(new ContractPlaceholder[]
    {
        new("customer.name", "שם הלקוח"), new("customer.phone", "טלפון הלקוח"), new("business.name", "שם העסק"), new("today", "תאריך החוזה"),
    });

    public static async Task<Results<Ok<ContractTemplateResponse>, ProblemHttpResult>> GetAsync(Guid id, AgentLocatorDbContext db, CancellationToken cancellationToken) =>
        await ResponseAsync(db, id, cancellationToken) is { } response ? TypedResults.Ok(response) : NotFound();

    public static async Task<Results<Created<ContractTemplateResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(ContractTemplateRequest request,
        HttpContext context, ContractTemplateWriter writer, AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        var (draft, invalid, unusable) = request.PdfId is { } pdfId ? await CheckPdfAsync(request, pdfId, db, cancellationToken) : Check(request);
        if (draft is null)
        {
            return invalid is not null ? invalid : unusable!;
        }
        var outcome = await writer.CreateAsync(draft, context.User.GetUserId(), cancellationToken);
        return TypedResults.Created($"/api/contract-templates/{outcome.Id}", (await ResponseAsync(db, outcome.Id!.Value, cancellationToken))!);
    }

    public static async Task<Results<Ok<ContractTemplateResponse>, ValidationProblem, ProblemHttpResult>> ReviseAsync(Guid id, ContractTemplateRequest request,
        HttpContext context, ContractTemplateWriter writer, AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        var (draft, invalid, unusable) = request.PdfId is { } pdfId ? await CheckPdfAsync(request, pdfId, db, cancellationToken) : Check(request);
        if (draft is null)
        {
            return invalid is not null ? invalid : unusable!;
        }
        var outcome = await writer.ReviseAsync(id, draft, context.User.GetUserId(), cancellationToken);
        return outcome.Kind == ContractOutcomeKind.Ok ? TypedResults.Ok((await ResponseAsync(db, id, cancellationToken))!) : ContractsApi.Refusal(outcome, NotFound());
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> ArchiveAsync(Guid id, ContractTemplateWriter writer, CancellationToken cancellationToken) =>
        (await writer.ArchiveAsync(id, cancellationToken)).Kind == ContractOutcomeKind.Ok ? TypedResults.NoContent() : NotFound();

    /// <summary>The draft, or why not: 400 for the request's shape (by field), 422 for a text whose placeholders do not resolve.</summary>
    private static (TemplateDraft? Draft, ValidationProblem? Invalid, ProblemHttpResult? Unusable) Check(ContractTemplateRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var problems = new List<string>();
        if (ContractTemplateShape.Parse(request, errors, problems) is { } draft)
        {
            return (draft, null, null);
        }
        return errors.Count > 0
            ? (null, TypedResults.ValidationProblem(errors, title: "The template is not valid."), null)
            : (null, null, TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The template's text cannot be used.",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["bodyHtml"] = [.. problems] } }));
    }

    /// <summary>
    /// A template made from an uploaded PDF: a name (400), no body or custom fields of its own (400: the file is printed as it
    /// is), a PDF of this business (422 <c>pdfId</c>), and fields that fit its pages (422 by <c>pdfFields[i]…</c>).
    /// </summary>
    private static async Task<(TemplateDraft? Draft, ValidationProblem? Invalid, ProblemHttpResult? Unusable)> CheckPdfAsync(ContractTemplateRequest request,
        Guid pdfId, AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            errors["name"] = ["name is required, at most 200 characters."];
        }
        if (!string.IsNullOrWhiteSpace(request.BodyHtml) || request.Fields is { Count: > 0 })
        {
            errors["pdfId"] = ["A template from an uploaded PDF has no bodyHtml or fields; its signers' fields are pdfFields."];
        }
        if (errors.Count > 0)
        {
            return (null, TypedResults.ValidationProblem(errors, title: "The template is not valid."), null);
        }
        var pageCount = await db.ContractTemplatePdfs.AsNoTracking().Where(p => p.Id == pdfId).Select(p => (int?)p.PageCount).FirstOrDefaultAsync(cancellationToken);
        if (pageCount is null)
        {
            errors["pdfId"] = ["No such uploaded PDF; upload it first."];
        }
        var fields = PdfTemplateShape.Parse(request.PdfFields, pageCount ?? 0, errors);
        if (errors.Count > 0 || fields is null)
        {
            return (null, null, TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The fields do not fit the PDF.",
                extensions: new Dictionary<string, object?> { ["errors"] = errors }));
        }
        return (new TemplateDraft(name!, "", [], pdfId, fields), null, null);
    }

    internal static async Task<ContractTemplateResponse?> ResponseAsync(AgentLocatorDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var template = await db.ContractTemplates.AsNoTracking().Include(t => t.Versions).FirstOrDefaultAsync(t => t.Id == id && t.ArchivedAt == null, cancellationToken);
        if (template is null)
        {
            return null;
        }
        var current = template.Versions.Single(v => v.Version == template.CurrentVersion);
        var pdf = current.PdfId is { } pdfId ? await TemplatePdfsApi.InfoAsync(db, pdfId, cancellationToken) : null;
        return new ContractTemplateResponse(template.Id, template.Name, template.CurrentVersion, current.BodyHtml, ContractFields.Read(current.FieldsJson),
            template.CreatedAt.ToUniversalTime(), template.UpdatedAt.ToUniversalTime(),
            [.. template.Versions.OrderByDescending(v => v.Version).Select(v => new ContractTemplateVersionInfo(v.Version, v.CreatedAt.ToUniversalTime()))],
            pdf is null ? ContractTemplateSources.RichText : ContractTemplateSources.Pdf, pdf, pdf is null ? null : PdfFields.Read(current.PdfFieldsJson));
    }

    internal static ProblemHttpResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Template not found.");
}
