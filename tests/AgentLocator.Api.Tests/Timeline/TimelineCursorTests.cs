using AgentLocator.Api.Tests.Infrastructure;

namespace AgentLocator.Api.Tests.Timeline;

/// <summary>Keyset pages on (occurredAt, id): events arriving between requests never repeat or skip an item.</summary>
[Collection(ApiCollection.Name)]
public sealed class TimelineCursorTests(AgentLocatorApiFactory api)
{
    [Fact]
    public async Task Paging_while_events_are_inserted_returns_every_earlier_item_exactly_once()
    {
        var (business, admin, _) = await api.NewBusinessAsync();
        var customer = await admin.CreateCustomerAsync(new { name = "עמודים" });
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        // Several events share a time, so the id decides their order.
        var times = Enumerable.Range(0, 40).Select(i => start.AddSeconds(-(i / 4))).ToList();
        await TimelineRows.InsertAsync(api, business.Id, customer.Id, times);
        var before = (await admin.AllAsync(customer.Id, "limit=100")).Select(i => i.Id).ToList();
        Assert.Equal(41, before.Count);

        var seen = new List<Guid>();
        var page = await admin.TimelineAsync(customer.Id, "limit=7");
        seen.AddRange(page.Items.Select(i => i.Id));
        var inserted = 0;
        while (page.NextCursor is { } cursor)
        {
            // New events land at the top (now), and a burst of them at once, while the reader is mid-way.
            await Task.WhenAll(
                admin.AddNoteAsync(customer.Id, $"חדשה {inserted++}"),
                admin.AddNoteAsync(customer.Id, $"חדשה {inserted++}"),
                TimelineRows.InsertAsync(api, business.Id, customer.Id, [DateTimeOffset.UtcNow]));
            page = await admin.TimelineAsync(customer.Id, $"limit=7&cursor={cursor}");
            seen.AddRange(page.Items.Select(i => i.Id));
        }

        Assert.Equal(before, seen);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Pages_follow_newest_first_by_time_then_id()
    {
        var (business, admin, _) = await api.NewBusinessAsync();
        var customer = await admin.CreateCustomerAsync(new { name = "סדר" });
        var at = DateTimeOffset.UtcNow.AddDays(-1);
        await TimelineRows.InsertAsync(api, business.Id, customer.Id, Enumerable.Repeat(at, 9));

        var items = await admin.AllAsync(customer.Id, "limit=4");

        Assert.Equal(10, items.Count);
        var expected = items.OrderByDescending(i => i.OccurredAt).ThenByDescending(i => i.Id.ToString()).Select(i => i.Id);
        Assert.Equal(expected, items.Select(i => i.Id));
    }
}
