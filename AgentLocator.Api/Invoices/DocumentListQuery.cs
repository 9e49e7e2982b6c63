using System.Globalization;
using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Api.Invoices;

/// <summary>The documents list's query string; every value is text so a bad one is a 400 naming it, not a binding failure.</summary>
public sealed record DocumentListRequest(string? Type, string? Status, string? CustomerId, string? From, string? To, string? Number,
    string? MinAgorot, string? MaxAgorot, string? Page, string? Limit);

/// <summary>Filters of the documents list (and its CSV): type, status, customer, date range, number, amount range (total, agorot).</summary>
public sealed record DocumentListQuery(string? Type, string? Status, Guid? CustomerId, DateOnly? From, DateOnly? To, int? Number,
    long? MinAgorot, long? MaxAgorot)
{
    public static DocumentListQuery Parse(DocumentListRequest request, Dictionary<string, string[]> errors)
    {
        if (request.Type is not null && !TaxDocumentTypes.All.Contains(request.Type))
        {
            errors["type"] = [$"type is one of {string.Join(", ", TaxDocumentTypes.All)}."];
        }
        if (request.Status is not null && request.Status is not (TaxDocumentStatuses.Draft or TaxDocumentStatuses.PendingAllocation or TaxDocumentStatuses.Issued
            or TaxDocumentStatuses.Cancelled))
        {
            errors["status"] = ["status is draft, pending_allocation, issued or cancelled."];
        }
        Guid? customer = null;
        if (request.CustomerId is not null)
        {
            if (Guid.TryParse(request.CustomerId, out var id)) { customer = id; } else { errors["customerId"] = ["customerId is an id."]; }
        }
        var from = Date(request.From, "from", errors);
        var to = Date(request.To, "to", errors);
        int? number = null;
        if (request.Number is not null)
        {
            if (int.TryParse(request.Number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0) { number = n; }
            else { errors["number"] = ["number is a whole number from 1."]; }
        }
        var min = Amount(request.MinAgorot, "minAgorot", errors);
        var max = Amount(request.MaxAgorot, "maxAgorot", errors);
        if (from > to)
        {
            errors["to"] = ["to is on or after from."];
        }
        if (min > max)
        {
            errors["maxAgorot"] = ["maxAgorot is at least minAgorot."];
        }
        return new DocumentListQuery(request.Type, request.Status, customer, from, to, number, min, max);
    }

    public IQueryable<TaxDocument> Filter(IQueryable<TaxDocument> documents)
    {
        if (Type is { } type) { documents = documents.Where(d => d.Type == type); }
        if (Status is { } status) { documents = documents.Where(d => d.Status == status); }
        if (CustomerId is { } customer) { documents = documents.Where(d => d.CustomerId == customer); }
        if (From is { } from) { documents = documents.Where(d => d.DocumentDate >= from); }
        if (To is { } to) { documents = documents.Where(d => d.DocumentDate <= to); }
        if (Number is { } number) { documents = documents.Where(d => d.Number == number); }
        if (MinAgorot is { } min) { documents = documents.Where(d => d.TotalAgorot >= min); }
        if (MaxAgorot is { } max) { documents = documents.Where(d => d.TotalAgorot <= max); }
        // Newest first; drafts (no number) by their date too. Id last so pages never overlap.
        return documents.OrderByDescending(d => d.DocumentDate).ThenByDescending(d => d.Number).ThenByDescending(d => d.Id);
    }

    private static DateOnly? Date(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        errors[field] = [$"{field} is a date (YYYY-MM-DD)."];
        return null;
    }

    private static long? Amount(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return amount;
        }
        errors[field] = [$"{field} is a whole number of agorot, 0 or more."];
        return null;
    }
}
