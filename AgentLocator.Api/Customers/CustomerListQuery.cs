using System.Buffers.Text;
using System.Text.Json;
using AgentLocator.Api.Infrastructure.Paging;
using AgentLocator.Grains.Customers;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Customers;

/// <summary>A validated customers list request: filters, one sort order, and either a page number or a cursor.</summary>
public sealed class CustomerListQuery
{
    public const string DefaultSort = "-createdAt";

    /// <summary>
    /// A search or filter is counted exactly up to this many rows (one page of the largest size); past it the grid says
    /// "more than N" and pages by hasNext. Counting further reads more matches only to say "many": a three-letter name
    /// fragment matches tens of thousands in a large business, and each counted match costs index tuples or a heap read.
    /// </summary>
    public const int MaxExactFilteredTotal = 100;

    public static readonly IReadOnlyList<string> Sorts = ["name", "-name", "createdAt", "-createdAt", "lastActivityAt", "-lastActivityAt"];

    public int Page { get; private init; } = 1;
    public int Limit { get; private init; } = PageRequest.DefaultLimit;
    public string Sort { get; private init; } = DefaultSort;
    public string? Search { get; private init; }
    public string? Status { get; private init; }
    public string? Tag { get; private init; }
    public Cursor? After { get; private init; }
    public bool UsesCursor { get; private init; }

    public bool IsFiltered => Search is not null || Status is not null || Tag is not null;

    public static (CustomerListQuery? Query, Dictionary<string, string[]> Errors) Parse(CustomerListRequest request, bool paging = true)
    {
        var errors = new Dictionary<string, string[]>();
        var (page, limit) = paging ? PageRequest.Parse(request.Page, request.Limit, errors) : new PageRequest(1, PageRequest.DefaultLimit);
        var sort = string.IsNullOrEmpty(request.Sort) ? DefaultSort : request.Sort;
        if (!Sorts.Contains(sort))
        {
            errors["sort"] = [$"sort must be one of: {string.Join(", ", Sorts)}."];
        }
        var status = string.IsNullOrWhiteSpace(request.Status) ? null : request.Status.Trim().ToLowerInvariant();
        if (status is not null && !CustomerStatuses.All.Contains(status))
        {
            errors["status"] = [$"status must be one of: {string.Join(", ", CustomerStatuses.All)}."];
        }
        var search = string.IsNullOrWhiteSpace(request.Q) ? null : request.Q.Trim();
        if (search?.Length > 200)
        {
            errors["q"] = ["q must be at most 200 characters."];
        }
        Cursor? after = null;
        if (paging && !string.IsNullOrEmpty(request.Cursor))
        {
            if (request.Page is not null)
            {
                errors["cursor"] = ["Use either page or cursor, not both."];
            }
            else if (!Cursor.TryDecode(request.Cursor, out after) || after.Sort != sort)
            {
                errors["cursor"] = ["cursor is not valid for this sort order; start again without it."];
            }
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        return (new CustomerListQuery
        {
            Page = page, Limit = limit, Sort = sort, Search = search, NamePattern = NamePatternOf(search), Status = status,
            Tag = string.IsNullOrWhiteSpace(request.Tag) ? null : request.Tag.Trim(),
            After = after, UsesCursor = request.Cursor is not null,
        }, errors);
    }

    /// <summary>
    /// How many of the newest rows a name search reads first (<see cref="RecentMatchIds"/>). A fragment found often enough
    /// among them (101 matches in 10,000 rows: 1 %) is answered from those rows alone. A rarer fragment pays for walking
    /// them (at most 10,000 index tuples, a few ms) before the trigram index answers it.
    /// </summary>
    public const int RecentWindow = 10_000;

    /// <summary>The most matches the recent window is asked for (a page deep enough to need more pages the usual way).</summary>
    private const int MaxRecentMatches = 1_000;

    /// <summary>
    /// How many matches, in order, decide this request from the recent window: the page and one more (to know there is a
    /// next), and for a page number the capped total as well. Null where the window does not serve: another sort (its
    /// order is not the window's), a phone search or a status or tag filter (not carried by the index the window reads),
    /// or a page deeper than <see cref="MaxRecentMatches"/>.
    /// </summary>
    public int? RecentMatchesNeeded
    {
        get
        {
            if (Sort != DefaultSort || NamePattern is null || Status is not null || Tag is not null)
            {
                return null;
            }
            var needed = UsesCursor ? Limit + 1 : Math.Max((Page - 1) * Limit + Limit + 1, MaxExactFilteredTotal + 1);
            return needed <= MaxRecentMatches ? needed : null;
        }
    }

    /// <summary>
    /// The ids of the first <paramref name="take"/> matches among the newest <see cref="RecentWindow"/> live rows (after
    /// the cursor), newest first. The window is a prefix of the default order, so its first matches are the search's first
    /// matches; and it reads one index, which carries search_text (ix_customers_business_created), without touching the
    /// table. Left to itself the planner estimates a Hebrew fragment's matches from letter statistics and can take the
    /// trigram index for a fragment that matches 2 % of a million rows, then sort all 16 k of them for one page (44 ms:
    /// bench/RESULTS.md, "search4"). Fewer than <paramref name="take"/> ids means the window did not decide; ask the usual way.
    /// </summary>
    public IQueryable<Guid> RecentMatchIds(IQueryable<Customer> customers, int take)
    {
        var pattern = NamePattern!;
        var window = AfterCursor(customers.Where(c => c.DeletedAt == null))
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Take(RecentWindow);
        return Order(window.TagWith(NameSearchTag).Where(c => EF.Functions.Like(EF.Property<string>(c, CustomerSearchText.Property), pattern)))
            .Take(take).Select(c => c.Id);
    }

    /// <summary>The LIKE pattern over the folded search column, for a name (not phone) search; set once, by Parse.</summary>
    private string? NamePattern { get; init; }

    private static string? NamePatternOf(string? search) =>
        search is null || (Phones.LooksLikePhone(search) && Phones.SearchDigits(search) is not null)
            ? null
            : "%" + EscapeLike(CustomerSearchText.Fragment(search)) + "%";

    /// <summary>Filters only (no order): the set the total counts.</summary>
    public IQueryable<Customer> Filter(IQueryable<Customer> customers)
    {
        var query = customers.Where(c => c.DeletedAt == null);
        if (Status is not null)
        {
            query = query.Where(c => c.Status == Status);
        }
        if (Tag is not null)
        {
            query = query.Where(c => c.Tags.Contains(Tag));
        }
        if (Search is not null)
        {
            if (NamePattern is not { } pattern)
            {
                var digitsPattern = "%" + Phones.SearchDigits(Search) + "%";
                query = query.Where(c => c.PhoneDigits != null && EF.Functions.Like(c.PhoneDigits, digitsPattern));
            }
            else
            {
                // The column is folded (niqqud, final letters, case) as the fragment is, so a plain LIKE on one column
                // reads one trigram index (SearchIndexesSql) and rechecks one value per candidate row.
                // Tagged so the bench can find this statement and print its plan (bench/README.md).
                query = query.TagWith(NameSearchTag).Where(c => EF.Functions.Like(EF.Property<string>(c, CustomerSearchText.Property), pattern));
            }
        }
        return query;
    }

    /// <summary>
    /// The filtered rows to count, at most one past <see cref="MaxExactFilteredTotal"/>, in no order: whichever plan
    /// Postgres takes stops at the LIMIT. A broad name fragment takes the trigram index (every match's row id, then a heap
    /// read per counted row, now at most 101) or walks the default order's index, which carries search_text
    /// (CustomerConfiguration). Ordering the count would let a misestimated fragment sort every match first (16 k rows,
    /// 61 ms at 1 M customers: bench/RESULTS.md, "search3").
    /// </summary>
    public static IQueryable<Customer> CountCapped(IQueryable<Customer> filtered) => filtered.Take(MaxExactFilteredTotal + 1);

    /// <summary>Ordered by the sort key with id as the tie-breaker, so pages and cursors never skip or repeat a row.</summary>
    public IOrderedQueryable<Customer> Order(IQueryable<Customer> query) => Sort switch
    {
        "name" => query.OrderBy(c => c.Name).ThenBy(c => c.Id),
        "-name" => query.OrderByDescending(c => c.Name).ThenByDescending(c => c.Id),
        "createdAt" => query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
        "lastActivityAt" => query.OrderBy(c => c.LastActivityAt).ThenBy(c => c.Id),
        "-lastActivityAt" => query.OrderByDescending(c => c.LastActivityAt).ThenByDescending(c => c.Id),
        _ => query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
    };

    /// <summary>Rows strictly after the cursor in this sort order (a row-value comparison the sort index serves).</summary>
    public IQueryable<Customer> AfterCursor(IQueryable<Customer> query)
    {
        if (After is not { } cursor)
        {
            return query;
        }
        var id = cursor.Id;
        return Sort switch
        {
            "name" => query.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(c.Name, c.Id), ValueTuple.Create(cursor.Text!, id))),
            "-name" => query.Where(c => EF.Functions.LessThan(ValueTuple.Create(c.Name, c.Id), ValueTuple.Create(cursor.Text!, id))),
            "createdAt" => query.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(c.CreatedAt, c.Id), ValueTuple.Create(cursor.Time!.Value, id))),
            "lastActivityAt" => query.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(c.LastActivityAt, c.Id), ValueTuple.Create(cursor.Time!.Value, id))),
            "-lastActivityAt" => query.Where(c => EF.Functions.LessThan(ValueTuple.Create(c.LastActivityAt, c.Id), ValueTuple.Create(cursor.Time!.Value, id))),
            _ => query.Where(c => EF.Functions.LessThan(ValueTuple.Create(c.CreatedAt, c.Id), ValueTuple.Create(cursor.Time!.Value, id))),
        };
    }

    public Cursor CursorAfter(Customer last) => Sort.TrimStart('-') switch
    {
        "name" => new Cursor(Sort, last.Id, last.Name, null),
        "lastActivityAt" => new Cursor(Sort, last.Id, null, last.LastActivityAt),
        _ => new Cursor(Sort, last.Id, null, last.CreatedAt),
    };

    /// <summary>The SQL comment on name searches (DatabaseCallCounter.SearchTag).</summary>
    public const string NameSearchTag = "customer-search";

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}

/// <summary>Where the previous page ended: the sort it belongs to, the last row's sort key and id. Opaque to clients.</summary>
public sealed record Cursor(string Sort, Guid Id, string? Text, DateTimeOffset? Time)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this, JsonSerializerOptions.Web));

    public static bool TryDecode(string value, out Cursor cursor)
    {
        cursor = null!;
        try
        {
            var decoded = JsonSerializer.Deserialize<Cursor>(Base64Url.DecodeFromChars(value), JsonSerializerOptions.Web);
            if (decoded is null || (decoded.Text is null && decoded.Time is null))
            {
                return false;
            }
            cursor = decoded;
            return true;
        }
        catch (Exception error) when (error is FormatException or JsonException)
        {
            return false;
        }
    }
}
