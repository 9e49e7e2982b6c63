using System.Globalization;

namespace AgentLocator.Api.Infrastructure.Paging;

/// <summary>Page-number paging as every list takes it: <c>page</c> from 1, <c>limit</c> 1..100 (default 25).</summary>
public readonly record struct PageRequest(int Page, int Limit)
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;

    public int Skip => (Page - 1) * Limit;

    /// <summary>Parses the query values; a bad one is added to <paramref name="errors"/> under its own name.</summary>
    public static PageRequest Parse(string? page, string? limit, IDictionary<string, string[]> errors)
    {
        var pageNumber = 1;
        var size = DefaultLimit;
        if (page is not null && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out pageNumber) || pageNumber < 1))
        {
            errors["page"] = ["page must be a whole number from 1."];
            pageNumber = 1;
        }
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1 || size > MaxLimit))
        {
            errors["limit"] = [$"limit must be a whole number from 1 to {MaxLimit}."];
            size = DefaultLimit;
        }
        return new PageRequest(pageNumber, size);
    }
}
