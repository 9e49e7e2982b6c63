using AgentLocator.Api.Accounts;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Signatures;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Contracts;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Contracts;

/// <summary>What the agent asks when sending a contract for signature: its signers, in order or all at once, and how.</summary>
public sealed record ContractSignatureBody(IReadOnlyList<SignerInput>? Signers, bool Ordered = true, bool RequireCode = false, string? Delivery = null);

/// <summary>
/// Where contracts meet signature requests: a draft contract is sent for signature as its own PDF (the request keeps the
/// contract's id), and the request's progress moves the contract (sent, viewed, signed, declined, expired, cancelled).
/// The route lives under the signatures feature; the caller also needs contracts, as making the contract did.
/// </summary>
public static class ContractSignatures
{
    public const string Route = "/api/signatures/contracts/{contractId:guid}";

    public static IEndpointRouteBuilder MapContractSignaturesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, SendForSignatureAsync).RequireAuthorization().WithTags("Signatures")
            .WithSummary("Send a draft contract for signature: its PDF becomes a request (signers [{name, phone, role}], ordered, requireCode, delivery sms|whatsapp|link).");
        return app;
    }

    public static async Task<Results<Created<SignatureRequestResponse>, ValidationProblem, ProblemHttpResult>> SendForSignatureAsync(Guid contractId,
        ContractSignatureBody body, HttpContext context, AgentLocatorDbContext db, IGrainFactory grains, IContractDocuments documents,
        SignatureRequestService service, IConfiguration configuration, TimeProvider clock, CancellationToken cancellationToken)
    {
        var businessId = context.User.GetBusinessId();
        var features = await grains.GetGrain<IBusinessGrain>(businessId).GetEffectiveFeatures(context.User.GetUserId());
        if (!features.Contains(Feature.Contracts.ToName()))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "This feature is not enabled for you.");
        }
        var delivery = body.Delivery is { Length: > 0 } given ? given : SignatureChannels.Sms;
        if (!SignatureChannels.IsKnown(delivery))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["delivery"] = ["delivery is sms, whatsapp or link."] },
                title: "The signature request is not valid.");
        }
        if (await SignatureRequestsApi.WhatsAppFeatureRefusalAsync(delivery, context, grains) is { } off)
        {
            return off;
        }
        var contract = await db.Contracts.AsNoTracking().Where(c => c.Id == contractId)
            .Select(c => new { c.CustomerId, c.Title, c.Status }).SingleOrDefaultAsync(cancellationToken);
        if (contract is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such contract.");
        }
        if (contract.Status != ContractStatus.Draft)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Only a draft contract is sent for signature.");
        }
        var pdf = await documents.GetPdfAsync(businessId, contractId, cancellationToken, asSent: true);
        if (pdf is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such contract.");
        }
        if (await service.ChannelRefusalAsync(businessId, body.Signers, body.Ordered, delivery, cancellationToken) is { } refused)
        {
            return SignatureRequestsApi.Refusal<Created<SignatureRequestResponse>>(refused);
        }
        var fields = await documents.GetFieldsAsync(businessId, contractId, cancellationToken);
        if (UnsignedRoles(fields, body.Signers) is { Count: > 0 } missing)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["signers"] = [.. missing.Select(role => $"The contract has required fields for the role {role}; add a signer with that role.")],
            }, title: "The signature request is not valid.");
        }
        var created = await service.CreateAsync(businessId, contract.CustomerId, contract.Title, pdf, body.Signers ?? [], body.Ordered, contractId,
            body.RequireCode, cancellationToken, fields);
        if (!created.Ok)
        {
            return SignatureRequestsApi.Refusal<Created<SignatureRequestResponse>>(created);
        }
        var sent = await service.SendAsync(businessId, created.Request!.Id, delivery, InvitationsApi.PublicBase(configuration, context), cancellationToken);
        if (!sent.Ok)
        {
            return SignatureRequestsApi.Refusal<Created<SignatureRequestResponse>>(sent);
        }
        var response = await SignatureRequestsApi.ResponseAsync(db, created.Request.Id, clock, sent.SmsProblems, cancellationToken);
        return TypedResults.Created($"/api/signatures/requests/{created.Request.Id}", response!);
    }

    /// <summary>Roles that required fields are placed for but no signer holds: such a contract could never be completed as made.</summary>
    private static List<string> UnsignedRoles(IReadOnlyList<PdfField> fields, IReadOnlyList<SignerInput>? signers) =>
        [.. fields.Where(field => field.Required).Select(field => field.Role).Distinct()
            .Where(role => signers is null || !signers.Any(signer => (signer?.Role ?? SignerRoles.Customer) == role))];
}

/// <summary>Moves a contract as its signature request moves; a move the contract cannot make (already further on) is skipped.</summary>
public sealed class ContractFollowsSignatures(IContractLifecycle contracts) : ISignatureRequestObserver
{
    public async Task OnStatusChangedAsync(SignatureStatusChange change, CancellationToken cancellationToken)
    {
        if (change.ContractId is not { } contractId || Follow(change) is not { } status)
        {
            return;
        }
        await contracts.MarkAsync(contractId, status, cancellationToken);
    }

    // A signer's link sent or opened moves the contract; the request as a whole decides signed, declined, expired, cancelled.
    private static ContractStatus? Follow(SignatureStatusChange change) => (change.Status, change.SignerId) switch
    {
        (SignatureStatuses.Sent, _) => ContractStatus.Sent,
        (SignatureStatuses.Viewed, _) => ContractStatus.Viewed,
        (SignatureStatuses.Signed, null) => ContractStatus.Signed,
        (SignatureStatuses.Declined, null) => ContractStatus.Declined,
        (SignatureStatuses.Expired, null) => ContractStatus.Expired,
        (SignatureStatuses.Cancelled, null) => ContractStatus.Cancelled,
        _ => null,
    };
}
