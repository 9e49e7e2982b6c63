using AgentLocator.Api.Crm;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Customers;
using Microsoft.AspNetCore.SignalR;

namespace AgentLocator.Api.Realtime;

/// <summary>Pushes <c>customer:updated</c> to every page watching the customer, on any API instance (Redis backplane).</summary>
public sealed class SignalRCustomerChangeNotifier(IHubContext<AgentHub> hub) : ICustomerChangeNotifier
{
    public static string GroupFor(Guid customerId) => $"customer:{customerId}";

    public Task CustomerChangedAsync(CustomerSnapshot customer) =>
        hub.Clients.Group(GroupFor(customer.Id)).SendAsync(HubEvents.CustomerUpdated, CustomerResponse.From(customer));
}
