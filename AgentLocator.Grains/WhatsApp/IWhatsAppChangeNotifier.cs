using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Grains.WhatsApp;

/// <summary>A message that was stored or whose status moved, for the live thread and the agent's notification.</summary>
public sealed record WhatsAppChange(Guid BusinessId, Guid? CustomerId, Guid MessageId, WhatsAppDirection Direction, bool IsNew);

/// <summary>Queues a change for the live push; never blocks or fails the write that made it.</summary>
public interface IWhatsAppChangeNotifier
{
    void MessageChanged(WhatsAppChange change);
}
