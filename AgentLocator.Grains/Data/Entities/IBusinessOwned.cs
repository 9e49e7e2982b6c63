namespace AgentLocator.Grains.Data.Entities;

/// <summary>A row that belongs to one business; the DbContext filters these by the current tenant.</summary>
public interface IBusinessOwned
{
    Guid BusinessId { get; }
}
