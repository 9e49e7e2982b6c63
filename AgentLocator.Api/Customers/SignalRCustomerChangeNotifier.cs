using AgentLocator.Api.Infrastructure.Realtime;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Customers;
using Microsoft.AspNetCore.SignalR;

namespace AgentLocator.Api.Customers;

/// <summary>Pushes <c>customer:updated</c> to every page watching the customer, on any API instance (Redis backplane).</summary>
public sealed class SignalRCustomerChangeNotifier(IHubContext<AgentHub> hub) : ICustomerChangeNotifier
{
    public Task CustomerChangedAsync(CustomerSnapshot customer) =>
        hub.Clients.Group(RealtimeGroups.Customer(customer.Id)).SendAsync(HubEvents.CustomerUpdated, CustomerResponse.From(customer));
}
