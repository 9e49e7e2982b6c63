using AgentLocator.Api.Customers;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Api.Tests.Crm;

/// <summary>
/// A name search first reads the newest <see cref="CustomerListQuery.RecentWindow"/> rows and answers from them when the
/// fragment is found often enough there; otherwise it asks the usual way. Either way the pages, cursors and totals must be
/// those of the whole business: these rows put matches on both sides of the window's edge.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CustomerSearchWindowTests(AgentLocatorApiFactory api)
{
    private const int Window = CustomerListQuery.RecentWindow;
    private const int Bound = CustomerListQuery.MaxExactFilteredTotal;

    [Fact]
    public async Task Pages_cursors_and_totals_are_the_whole_businesss_on_both_sides_of_the_recent_window()
    {
        var (business, owner) = await api.CreateBusinessAsync();
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        // Newest first: within the window every 20th row is a כהן (one in 20); past it 300 older rows, 10 of them כהן
        // and the rest לוינסון, a fragment found only outside the window.
        var names = Enumerable.Range(0, Window + 300).Select(i => i < Window
            ? (i % 20 == 7 ? $"דוד כהן {i}" : $"רות אחרת {i}")
            : (i % 30 == 0 ? $"שרה כהן {i}" : $"משה לוינסון {i}")).ToList();
        var rows = names.Select((name, i) => new Customer
        {
            Id = Guid.CreateVersion7(), BusinessId = business.Id, Name = name,
            CreatedAt = start.AddSeconds(-i), UpdatedAt = start, LastActivityAt = start,
        }).ToList();
        // The newest כהן is deleted: the window skips it as the list does.
        rows[7].DeletedAt = start;
        await using (var db = api.CreateDbContext())
        {
            db.Customers.AddRange(rows);
            await db.SaveChangesAsync();
        }
        List<string> Expected(string fragment) =>
            rows.Where(r => r.DeletedAt is null && r.Name.Contains(fragment, StringComparison.Ordinal)).Select(r => r.Name).ToList();
        using var admin = new ApiClient(api);
        await admin.SignInAsync(owner.Email);
        var cohen = Expected("כהן");
        var levinson = Expected("לוינסון");
        Assert.Equal((Window / 20 - 1 + 10, 290), (cohen.Count, levinson.Count));
        var lastPage = (cohen.Count + 24) / 25;

        var first = await admin.ListCustomersAsync("q=" + Uri.EscapeDataString("כהן"));
        var third = await admin.ListCustomersAsync("q=" + Uri.EscapeDataString("כהן") + "&page=3&limit=40");
        var last = await admin.ListCustomersAsync("q=" + Uri.EscapeDataString("כהן") + $"&page={lastPage}&limit=25");
        var outside = await admin.ListCustomersAsync("q=" + Uri.EscapeDataString("לוינסון"));

        Assert.Equal(cohen.Take(25), first.Items.Select(c => c.Name));
        Assert.Equal(((long)Bound, true, true), (first.Page.Total!.Value, first.Page.TotalIsLowerBound, first.Page.HasNext));
        Assert.Equal(cohen.Skip(80).Take(40), third.Items.Select(c => c.Name));
        Assert.Equal((121L, true, true), (third.Page.Total!.Value, third.Page.TotalIsLowerBound, third.Page.HasNext));
        Assert.Equal(cohen.Skip((lastPage - 1) * 25), last.Items.Select(c => c.Name));
        Assert.Equal(((long)cohen.Count, false, false), (last.Page.Total!.Value, last.Page.TotalIsLowerBound, last.Page.HasNext));
        Assert.Equal(levinson.Take(25), outside.Items.Select(c => c.Name));
        Assert.Equal(((long)Bound, true), (outside.Page.Total!.Value, outside.Page.TotalIsLowerBound));

        // By cursor, across the window's edge to the end: every match once, in order.
        var walked = new List<string>();
        var query = "q=" + Uri.EscapeDataString("כהן") + "&limit=60";
        for (var page = await admin.ListCustomersAsync(query); ; )
        {
            walked.AddRange(page.Items.Select(c => c.Name));
            if (page.NextCursor is null)
            {
                break;
            }
            page = await admin.ListCustomersAsync(query + "&cursor=" + Uri.EscapeDataString(page.NextCursor));
        }
        Assert.Equal(cohen, walked);
    }
}
