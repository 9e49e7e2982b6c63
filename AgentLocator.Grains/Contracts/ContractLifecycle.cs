using AgentLocator.Grains.Audit;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Grains.Contracts;

/// <summary>
/// The seam the signing module moves a contract through (sent when a request goes out, viewed, signed, declined,
/// expired, cancelled). It needs no request: the contract's id tells its business, and the move is written on that
/// business's context with the same rules, timeline event and audit row as an agent's move.
/// </summary>
public interface IContractLifecycle
{
    Task<ContractOutcome> MarkAsync(Guid contractId, ContractStatus status, CancellationToken cancellationToken = default);
}

public sealed class ContractLifecycle(TenantDbContextFactory contexts, TimeProvider clock, IAuditLog audit) : IContractLifecycle
{
    public async Task<ContractOutcome> MarkAsync(Guid contractId, ContractStatus status, CancellationToken cancellationToken = default)
    {
        Guid businessId;
        await using (var lookup = contexts.AcrossTenants())
        {
            businessId = await lookup.Contracts.IgnoreQueryFilters().Where(c => c.Id == contractId).Select(c => c.BusinessId)
                .FirstOrDefaultAsync(cancellationToken);
        }
        if (businessId == Guid.Empty)
        {
            return ContractOutcome.NotFound;
        }
        await using var db = contexts.For(businessId);
        var actor = AuditActor.Current;
        return await new ContractWriter(db, clock, audit).MoveAsync(contractId, status, actor.BusinessId == businessId ? actor.UserId : null, cancellationToken);
    }
}
