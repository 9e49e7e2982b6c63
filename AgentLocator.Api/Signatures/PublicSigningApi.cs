using AgentLocator.Api.Accounts;
using AgentLocator.Api.Integrations.Pdf;
using AgentLocator.Api.Integrations.PdfSigning;
using AgentLocator.Grains.Audit;
using AgentLocator.Grains.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Signatures;

/// <summary>
/// The signer's API under <c>/api/public/sign/{token}</c>, no login: the unguessable, expiring link is the permission and
/// reaches one signer of one request. Unknown links are 404, links of a request that is over (expired, cancelled,
/// declined) 410; every route is rate-limited per address (the endpoint policy) and per link (<see cref="SigningLinkLimiter"/>).
/// </summary>
public static class PublicSigningApi
{
    public const string Prefix = "/api/public/sign/{token}";
    public const string RateLimitPolicy = "public-signing";

    internal static IEndpointRouteBuilder MapPublicSigningApi(this IEndpointRouteBuilder app)
    {
        var sign = app.MapGroup(Prefix).AllowAnonymous().RequireRateLimiting(RateLimitPolicy).DisableAntiforgery().WithTags("Signing");
        sign.MapGet("", ViewAsync).WithSummary("The signer's view of the document; the first open marks it viewed.");
        sign.MapGet("/pages/{page:int}", PageAsync).WithSummary("One page as a PNG (1100 px wide).");
        sign.MapPost("/code", SendCodeAsync).WithSummary("Send a one-time code by SMS to the signer's phone.");
        sign.MapPost("/code/verify", VerifyCodeAsync).WithSummary("Check the one-time code.");
        sign.MapPost("/sign", SignAsync).WithSummary("Sign: a PNG of the drawn (or typed) signature and explicit consent.");
        sign.MapPost("/decline", DeclineAsync).WithSummary("Decline, with a reason.");
        sign.MapGet("/signed.pdf", SignedCopyAsync).WithSummary("The signed copy, once every signer has signed.");
        return app;
    }

    public static async Task<Results<Ok<SigningView>, ProblemHttpResult>> ViewAsync(string token, SignerSession session, SigningLinkLimiter limiter,
        HttpContext context, CancellationToken cancellationToken)
    {
        var (problem, turn) = await OpenAsync(token, session, limiter, context, cancellationToken);
        if (turn is null)
        {
            return problem!;
        }
        await using (turn)
        {
            await session.ViewAsync(turn, cancellationToken);
            return TypedResults.Ok(await ViewOfAsync(turn, cancellationToken));
        }
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PageAsync(string token, int page, SignerSession session,
        SigningLinkLimiter limiter, PdfPageImageCache pageImages, HttpContext context, CancellationToken cancellationToken)
    {
        var (problem, turn) = await OpenAsync(token, session, limiter, context, cancellationToken);
        if (turn is null)
        {
            return problem!;
        }
        await using (turn)
        {
            await turn.Db.Database.CommitTransactionAsync(cancellationToken);
            if (page < 1 || page > turn.Request.PageCount)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "The document has no such page.");
            }
            var png = await pageImages.GetAsync(turn.Request.OriginalPdf, turn.Request.OriginalSha256, page, cancellationToken);
            if (png is null)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The page could not be shown right now; try again.");
            }
            context.Response.Headers.CacheControl = "private, max-age=3600";
            return TypedResults.File(png, "image/png");
        }
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> SendCodeAsync(string token, SignerSession session, SigningLinkLimiter limiter,
        HttpContext context, CancellationToken cancellationToken)
    {
        var (problem, turn) = await OpenAsync(token, session, limiter, context, cancellationToken);
        if (turn is null)
        {
            return problem!;
        }
        await using (turn)
        {
            if (!SignerSession.MaySign(turn) || !turn.Request.RequireCode || turn.Signer.CodeVerifiedAt is not null)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "No code is needed now.");
            }
            return await session.SendCodeAsync(turn, cancellationToken) is { } failure
                ? TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: failure)
                : TypedResults.NoContent();
        }
    }

    public static async Task<Results<Ok<SigningView>, ProblemHttpResult>> VerifyCodeAsync(string token, VerifyCodeRequest body, SignerSession session,
        SigningLinkLimiter limiter, HttpContext context, CancellationToken cancellationToken)
    {
        var (problem, turn) = await OpenAsync(token, session, limiter, context, cancellationToken);
        if (turn is null)
        {
            return problem!;
        }
        await using (turn)
        {
            if (!SignerSession.MaySign(turn) || !turn.Request.RequireCode)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "No code is needed now.");
            }
            if (await session.VerifyCodeAsync(turn, body.Code?.Trim(), cancellationToken) is { } failure)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: failure);
            }
            return TypedResults.Ok(await ViewOfAsync(turn, cancellationToken));
        }
    }

    public static async Task<Results<Ok<SigningView>, ValidationProblem, ProblemHttpResult>> SignAsync(string token, SignRequest body,
        SignerSession session, SigningLinkLimiter limiter, IConfiguration configuration, TimeProvider clock, HttpContext context, CancellationToken cancellationToken)
    {
        var (problem, turn) = await OpenAsync(token, session, limiter, context, cancellationToken);
        if (turn is null)
        {
            return problem!;
        }
        await using (turn)
        {
            if (!SignerSession.MaySign(turn))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "This link has already been used to sign or decline.");
            }
            var errors = new Dictionary<string, string[]>();
            if (!body.Consent)
            {
                errors["consent"] = ["יש לאשר את הסכמתך לחתום."];
            }
            var png = SignaturePng.Decode(body.SignaturePng);
            if (png is null)
            {
                errors["signaturePng"] = ["יש לחתום (ציור או הקלדה)."];
            }
            if (body.TypedName is { Length: > 120 })
            {
                errors["typedName"] = ["עד 120 תווים."];
            }
            if (errors.Count > 0)
            {
                return TypedResults.ValidationProblem(errors, title: "The signature is not complete.");
            }
            if (turn.Request.RequireCode && turn.Signer.CodeVerifiedAt is null)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Verify the code sent by SMS before signing.");
            }
            var values = SignerFields.Check(SignerFields.For(turn.Request, turn.Signer), body.Fields, clock.GetUtcNow(), errors);
            if (errors.Count > 0)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Fill in the fields before signing.",
                    detail: string.Join(" ", errors.Values.SelectMany(messages => messages)),
                    extensions: new Dictionary<string, object?> { ["errors"] = errors });
            }
            await session.SignAsync(turn, png!, body.TypedName, InvitationsApi.PublicBase(configuration, context), cancellationToken, values);
            return TypedResults.Ok(await ViewOfAsync(turn, cancellationToken));
        }
    }

    public static async Task<Results<Ok<SigningView>, ValidationProblem, ProblemHttpResult>> DeclineAsync(string token, DeclineRequest body,
        SignerSession session, SigningLinkLimiter limiter, HttpContext context, CancellationToken cancellationToken)
    {
        var (problem, turn) = await OpenAsync(token, session, limiter, context, cancellationToken);
        if (turn is null)
        {
            return problem!;
        }
        await using (turn)
        {
            if (!SignerSession.MaySign(turn))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "This link has already been used to sign or decline.");
            }
            var reason = body.Reason?.Trim();
            if (string.IsNullOrEmpty(reason) || reason.Length > 1000)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["יש לכתוב את סיבת הסירוב (עד 1000 תווים)."] });
            }
            await session.DeclineAsync(turn, reason, cancellationToken);
            return TypedResults.Ok(await ViewOfAsync(turn, cancellationToken));
        }
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SignedCopyAsync(string token, SignerSession session,
        SigningLinkLimiter limiter, HttpContext context, CancellationToken cancellationToken)
    {
        var (problem, turn) = await OpenAsync(token, session, limiter, context, cancellationToken);
        if (turn is null)
        {
            return problem!;
        }
        await using (turn)
        {
            try
            {
                var pdf = await session.SignedCopyAsync(turn.Db, turn.Request, SignatureActor.ForSigner(turn.Signer, AuditActor.Current), cancellationToken);
                return pdf is null
                    ? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not every signer has signed yet.")
                    : TypedResults.File(pdf, "application/pdf", "signed.pdf");
            }
            catch (PdfRenderingException)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The signed PDF could not be made right now; try again.");
            }
        }
    }

    private static async Task<(ProblemHttpResult? Problem, SignerTurn? Turn)> OpenAsync(string token, SignerSession session, SigningLinkLimiter limiter,
        HttpContext context, CancellationToken cancellationToken)
    {
        if (!limiter.TryAcquire(token))
        {
            context.Response.Headers.RetryAfter = "60";
            return (TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests for this link.",
                detail: "Wait a minute and try again."), null);
        }
        var (state, turn) = await session.OpenAsync(token, cancellationToken);
        return state switch
        {
            LinkState.Open => (null, turn),
            LinkState.Over => (TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "This signing link is no longer valid.",
                detail: "The request expired, was cancelled or declined; ask the business for a new one."), null),
            _ => (TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "This link does not open a document."), null),
        };
    }

    private static async Task<SigningView> ViewOfAsync(SignerTurn turn, CancellationToken cancellationToken)
    {
        var (request, signer) = (turn.Request, turn.Signer);
        var business = await turn.Db.Businesses.AsNoTracking().Where(b => b.Id == request.BusinessId).Select(b => b.Name).SingleAsync(cancellationToken);
        return new SigningView(request.Title, business, signer.Name, signer.Role, signer.Status, request.Status, request.PageCount, request.RequireCode,
            signer.CodeVerifiedAt is not null, SignerSession.MaySign(turn), request.SignedPdf is not null, request.Signers.Count,
            request.Signers.Count(s => s.Status == SignatureStatuses.Signed), request.ExpiresAt.ToUniversalTime(), SignatureResponses.ConsentText,
            SignerFields.View(request, signer));
    }
}
