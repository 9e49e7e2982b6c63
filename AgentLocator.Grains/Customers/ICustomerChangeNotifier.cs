using AgentLocator.Grains.Abstractions;

namespace AgentLocator.Grains.Customers;

/// <summary>Tells open customer pages that the customer changed; the API implements it over SignalR.</summary>
public interface ICustomerChangeNotifier
{
    Task CustomerChangedAsync(CustomerSnapshot customer);
}
