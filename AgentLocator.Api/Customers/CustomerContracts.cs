using System.Text.Json.Serialization;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Customers;
using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Api.Customers;

public sealed record CustomerResponse(
    Guid Id, string Name, string? Phone, string? PhoneDisplay, string? Email, string? City, string Status,
    IReadOnlyList<string> Tags, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset LastActivityAt,
    int OpenTasks, int Calls, DateTimeOffset? DeletedAt, string? TaxId)
{
    public static CustomerResponse From(Customer c) => new(
        c.Id, c.Name, c.Phone, Phones.Display(c.Phone), c.Email, c.City, c.Status, c.Tags,
        c.CreatedAt, c.UpdatedAt, c.LastActivityAt, c.OpenTasks, c.Calls, c.DeletedAt, c.TaxId);

    public static CustomerResponse From(CustomerSnapshot c) => new(
        c.Id, c.Name, c.Phone, Phones.Display(c.Phone), c.Email, c.City, c.Status, c.Tags,
        c.CreatedAt, c.UpdatedAt, c.LastActivityAt, c.OpenTasks, c.Calls, c.DeletedAt, c.TaxId);
}

/// <summary>The customer in brief as the API shows it: the grain's <see cref="CustomerSummary"/> plus the display form of the phone.</summary>
public sealed record CustomerSummaryResponse(Guid Id, string Name, string? Phone, string? PhoneDisplay)
{
    public static CustomerSummaryResponse? From(CustomerSummary? c) => c is null ? null : new(c.Id, c.Name, c.Phone, Phones.Display(c.Phone));
}

/// <param name="TotalIsLowerBound">
/// True when a filtered list matched more rows than are counted exactly (see <see cref="CustomerListQuery.MaxExactFilteredTotal"/>):
/// <c>total</c> then means "at least this many". Omitted when the total is exact.
/// </param>
public sealed record PageInfo(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Page,
    int Limit,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Total,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? TotalPages,
    bool HasNext,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool TotalIsLowerBound = false);

public sealed record PagedResponse<T>(
    IReadOnlyList<T> Items,
    PageInfo Page,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextCursor = null);

public sealed record NoteResponse(Guid Id, string Text, string AuthorName, DateTimeOffset CreatedAt)
{
    public static NoteResponse From(NoteSnapshot n) => new(n.Id, n.Text, n.AuthorName, n.CreatedAt);
    public static NoteResponse From(CustomerNote n) => new(n.Id, n.Text, n.AuthorName, n.CreatedAt);
}


/// <summary>Query parameters of the list and the CSV export, kept as text so each bad one is named in the 400.</summary>
public sealed record CustomerListRequest(string? Page, string? Limit, string? Q, string? Sort, string? Status, string? Tag, string? Cursor);
