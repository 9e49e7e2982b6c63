using System.Buffers.Text;
using System.Globalization;
using System.Text;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Timeline;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Timeline;

/// <summary>
/// One timeline request, checked: the kinds asked for (narrowed to what the viewer may see), a date range in the
/// business's time zone, text, page size and a keyset cursor on (occurredAt, id) — newest first, so events that
/// arrive between pages land before the cursor and never shift what comes after it.
/// </summary>
public sealed class TimelineQuery
{
    public const int DefaultLimit = 30;
    public const int MaxLimit = 100;
    public const int MaxQueryLength = 200;

    private TimelineQuery() { }

    public IReadOnlyList<string>? AskedKinds { get; private init; }
    public DateOnly? From { get; private init; }
    public DateOnly? To { get; private init; }
    public string? Text { get; private init; }
    public int Limit { get; private init; } = DefaultLimit;
    public (DateTimeOffset At, Guid Id)? After { get; private init; }
    public Guid? AgentId { get; private init; }

    public static (TimelineQuery? Query, Dictionary<string, string[]> Errors) Parse(TimelineRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        List<string>? kinds = null;
        if (request.Kind is { Length: > 0 })
        {
            kinds = [.. request.Kind.SelectMany(value => value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct()];
            var unknown = kinds.Where(kind => !TimelineKinds.TryGet(kind, out _)).ToList();
            if (unknown.Count > 0)
            {
                errors["kind"] = [$"Unknown kind '{unknown[0]}'; kind must be one of: {string.Join(", ", TimelineKinds.Names)}."];
            }
        }
        var from = ParseDate(request.From, "from", errors);
        var to = ParseDate(request.To, "to", errors);
        if (from is not null && to is not null && from > to)
        {
            errors["to"] = ["to must not be before from."];
        }
        var limit = DefaultLimit;
        if (request.Limit is { } limitText && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            errors["limit"] = [$"limit must be a whole number from 1 to {MaxLimit}."];
        }
        var text = string.IsNullOrWhiteSpace(request.Q) ? null : request.Q.Trim();
        if (text is { Length: > MaxQueryLength })
        {
            errors["q"] = [$"q must be at most {MaxQueryLength} characters."];
        }
        (DateTimeOffset, Guid)? after = null;
        if (request.Cursor is { Length: > 0 } cursor)
        {
            after = DecodeCursor(cursor);
            if (after is null)
            {
                errors["cursor"] = ["cursor is not one this API gave out; start again without it."];
            }
        }
        Guid? agent = null;
        if (request.AgentId is { Length: > 0 } agentText)
        {
            if (Guid.TryParse(agentText, out var parsed)) { agent = parsed; }
            else { errors["agentId"] = ["agentId must be a user id (GUID)."]; }
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        return (new TimelineQuery { AskedKinds = kinds, From = from, To = to, Text = text, Limit = limit, After = after, AgentId = agent }, errors);
    }

    /// <summary>The kinds to read: those asked for that the viewer may see (a kind of a missing feature counts as not asked).</summary>
    public IReadOnlyList<string> KindsFor(TimelineViewer viewer) =>
        AskedKinds is null ? viewer.VisibleKinds : [.. AskedKinds.Where(viewer.VisibleKinds.Contains)];

    /// <summary>A page: the events after the cursor, newest first; one more is read to know whether another page exists.</summary>
    public async Task<(List<TimelineEntry> Items, string? NextCursor)> ReadAsync(
        AgentLocatorDbContext db, TimelineViewer viewer, Guid? customerId, string? customerName, CancellationToken cancellationToken)
    {
        var kinds = KindsFor(viewer);
        if (kinds.Count == 0)
        {
            return ([], null);
        }
        var events = db.TimelineEvents.AsNoTracking();
        if (customerId is not null)
        {
            events = events.Where(e => e.CustomerId == customerId);
        }
        if (kinds.Count < TimelineKinds.All.Count)
        {
            events = kinds.Count == 1 ? events.Where(e => e.Kind == kinds[0]) : events.Where(e => kinds.Contains(e.Kind));
        }
        if (From is not null || To is not null)
        {
            var zone = await BusinessZoneAsync(db, cancellationToken);
            if (From is { } from)
            {
                var start = StartOfDay(from, zone);
                events = events.Where(e => e.OccurredAt >= start);
            }
            if (To is { } to)
            {
                var end = StartOfDay(to.AddDays(1), zone);
                events = events.Where(e => e.OccurredAt < end);
            }
        }
        if (Text is { } text)
        {
            var pattern = "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            events = events.Where(e => EF.Functions.ILike(e.SearchText, pattern));
        }
        if (AgentId is { } agent)
        {
            events = events.Where(e => e.ActorId == agent);
        }
        if (After is var (at, id))
        {
            events = events.Where(e => EF.Functions.LessThan(ValueTuple.Create(e.OccurredAt, e.Id), ValueTuple.Create(at, id)));
        }
        var ordered = events.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Take(Limit + 1);
        var rows = customerId is not null
            ? (await ordered.ToListAsync(cancellationToken)).Select(e => e.ToEntry(customerName)).ToList()
            : await WithCustomerNames(db, ordered).ToListAsync(cancellationToken);
        string? next = null;
        if (rows.Count > Limit)
        {
            rows.RemoveAt(rows.Count - 1);
            next = EncodeCursor(rows[^1].OccurredAt, rows[^1].Id);
        }
        return (rows, next);
    }

    /// <summary>The customer's pinned notes (when the viewer may see notes and asked for them), newest first.</summary>
    public async Task<List<TimelineEntry>> PinnedAsync(AgentLocatorDbContext db, TimelineViewer viewer, Guid customerId, string customerName,
        CancellationToken cancellationToken)
    {
        if (After is not null || !KindsFor(viewer).Contains(TimelineKinds.Note.Name))
        {
            return [];
        }
        var rows = await db.TimelineEvents.AsNoTracking()
            .Where(e => e.CustomerId == customerId && e.Pinned && e.Kind == TimelineKinds.Note.Name)
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Take(MaxLimit).ToListAsync(cancellationToken);
        return [.. rows.Select(e => e.ToEntry(customerName))];
    }

    public static IQueryable<TimelineEntry> WithCustomerNames(AgentLocatorDbContext db, IQueryable<TimelineEvent> events) =>
        from e in events
        join c in db.Customers on e.CustomerId equals c.Id into matched
        from c in matched.DefaultIfEmpty()
        select new TimelineEntry(e.Id, e.BusinessId, e.CustomerId, c == null ? null : c.Name, e.Kind, e.OccurredAt, e.UpdatedAt,
            e.ActorType, e.ActorId, e.ActorName, e.Title, e.Summary, e.Link, e.Pinned, e.PayloadJson);

    public static async Task<TimeZoneInfo> BusinessZoneAsync(AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        var businessId = db.CurrentBusinessIdForQueries;
        var zoneId = await db.Businesses.Where(b => b.Id == businessId).Select(b => b.TimeZone).SingleOrDefaultAsync(cancellationToken);
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(zoneId ?? Business.DefaultTimeZone);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.FindSystemTimeZoneById(Business.DefaultTimeZone);
        }
    }

    /// <summary>Midnight of <paramref name="day"/> in the zone, as a UTC instant.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A midnight skipped by a clock change falls an hour later; an ambiguous one takes the earlier instant.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private static DateOnly? ParseDate(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        errors[field] = [$"{field} must be a date as yyyy-MM-dd."];
        return null;
    }

    private static string EncodeCursor(DateTimeOffset at, Guid id) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes($"{at.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{id:N}"));

    private static (DateTimeOffset, Guid)? DecodeCursor(string cursor)
    {
        try
        {
            var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor)).Split(':');
            return parts.Length == 2
                   && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                   && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks
                   && Guid.TryParseExact(parts[1], "N", out var id)
                ? (new DateTimeOffset(ticks, TimeSpan.Zero), id)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
