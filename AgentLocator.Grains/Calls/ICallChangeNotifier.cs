namespace AgentLocator.Grains.Calls;

/// <summary>Tells open call pages and call logs that a call changed; the API implements it over SignalR.</summary>
public interface ICallChangeNotifier
{
    Task CallChangedAsync(Guid businessId, Guid callId);
}
