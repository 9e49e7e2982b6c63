using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Grains.Customers;

public static class CustomerMapping
{
    public static CustomerSnapshot ToSnapshot(this Customer c) => new(
        c.Id, c.BusinessId, c.Name, c.Phone, c.Email, c.City, c.Status, [.. c.Tags],
        c.CreatedAt, c.UpdatedAt, c.LastActivityAt, c.OpenTasks, c.Calls, c.DeletedAt, c.TaxId);

    public static NoteSnapshot ToSnapshot(this CustomerNote n) => new(n.Id, n.Text, n.AuthorName, n.CreatedAt);
}
