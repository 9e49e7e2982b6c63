using AgentLocator.Grains.Contracts;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Grains.Timeline;

/// <summary>
/// A contract's events on its customer's timeline: "created" once, then one per status it reaches (source key
/// "{id}:{change}"; no status is reached twice), added to the transaction of the change.
/// </summary>
public static class ContractTimelineEvents
{
    public const string Created = "created";

    public static TimelineEvent Add(AgentLocatorDbContext db, Contract contract, string change, DateTimeOffset at, Guid? actorId, string? actorName)
    {
        var row = TimelineEntries.New(TimelineKinds.Contract, contract.BusinessId, contract.CustomerId, at,
            actorId is null ? TimelineActorTypes.System : TimelineActorTypes.Agent, actorId, actorName);
        row.SourceId = contract.Id;
        row.SourceKey = $"{contract.Id}:{change}";
        row.Link = TimelineKinds.Contract.LinkTo(contract.Id);
        var status = WireNames<ContractStatus>.Of(contract.Status);
        row.PayloadJson = TimelineCards.Serialize(new ContractCard(contract.Id, change, contract.Title, status));
        var title = change == Created ? $"חוזה נוצר: {contract.Title}" : $"חוזה {ContractTransitions.Hebrew(contract.Status)}: {contract.Title}";
        TimelineEntries.SetTexts(row, title, null);
        db.TimelineEvents.Add(row);
        return row;
    }
}
