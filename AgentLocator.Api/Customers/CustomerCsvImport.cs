using System.Text;
using System.Text.Json;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Infrastructure.Text;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Audit;
using AgentLocator.Grains.Customers;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Timeline;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AgentLocator.Api.Customers;

public sealed record ImportRowResult(int Row, string Outcome, Guid? CustomerId, string? Reason);

public sealed record ImportReport(int Created, int Merged, int Rejected, IReadOnlyList<ImportRowResult> Rows);

/// <summary>
/// Imports a CSV of up to 10,000 customers: each row is created, merged into the customer who already has its
/// phone (in the business or earlier in the file), or rejected with its reason. Nothing is imported when the
/// file itself is unusable. New customers are inserted in batches (no grain can hold a customer that does not
/// exist yet); merges into existing customers go through their grains like any other write.
/// </summary>
public static class CustomerCsvImport
{
    public const int MaxRows = 10_000;
    public const long MaxFileBytes = 10 * 1024 * 1024;
    private const int InsertBatchSize = 500;

    public static async Task<Results<Ok<ImportReport>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        HttpRequest request, AgentLocatorDbContext db, IGrainFactory grains, TimeProvider clock, IAuditLog audit,
        CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the file as multipart/form-data.",
                detail: "Put the CSV in a form field named 'file' and, optionally, a JSON 'mapping' of field to column header.");
        }
        var form = await request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
        if (file is null || file.Length == 0)
        {
            return Invalid("file", "Attach a non-empty CSV file in the 'file' field.");
        }
        if (file.Length > MaxFileBytes)
        {
            return Invalid("file", $"The file is larger than {MaxFileBytes / (1024 * 1024)} MB.");
        }

        var text = await ReadTextAsync(file, cancellationToken);
        List<string[]> records;
        try
        {
            records = ReadRecords(text);
        }
        catch (CsvFormatException)
        {
            // The reader recovers from bad quoting, so this is input it cannot read at all; the caller's file, not our fault.
            return Invalid("file", "The file could not be read as CSV.");
        }
        if (records.Count < 2)
        {
            return Invalid("file", "The file needs a header row and at least one customer row.");
        }
        var dataRows = records.Count - 1;
        if (dataRows > MaxRows)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Too many rows.",
                detail: $"The file has {dataRows} rows; one import takes at most {MaxRows}. Nothing was imported; split the file.");
        }

        var (columns, mappingErrors) = MapColumns(records[0], form["mapping"].ToString());
        if (mappingErrors.Count > 0)
        {
            return TypedResults.ValidationProblem(mappingErrors, title: "The column mapping does not fit the file.");
        }

        var user = request.HttpContext.User;
        var businessId = user.GetBusinessId();
        var origin = ChangeOrigin.ByImport(user.GetUserId(), user.Identity?.Name);
        var plan = await PlanAsync(records.Skip(1).ToList(), columns, businessId, origin, db, clock, cancellationToken);
        await MergeIntoExistingAsync(plan, businessId, grains, cancellationToken);
        await InsertNewAsync(plan, businessId, origin, db, grains, cancellationToken);

        var rows = plan.Results;
        var report = new ImportReport(
            rows.Count(r => r.Outcome == "created"), rows.Count(r => r.Outcome == "merged"), rows.Count(r => r.Outcome == "rejected"), rows);
        // The rows were saved in batches and through grains, so the import's summary is its own row, written once all are in.
        await audit.RecordAsync(AuditActions.CustomersImported, AuditTarget.CustomerList(),
            new { fileName = file.FileName, report.Created, report.Merged, report.Rejected }, cancellationToken: CancellationToken.None);
        return TypedResults.Ok(report);
    }

    private sealed class ImportPlan
    {
        public required List<ImportRowResult> Results { get; init; }
        public List<(int Index, Customer Customer, CustomerChanges Changes)> NewCustomers { get; } = [];
        public List<(int Index, Guid CustomerId, CustomerChanges Changes)> Merges { get; } = [];
    }

    private static async Task<ImportPlan> PlanAsync(
        List<string[]> rows, Dictionary<string, int> columns, Guid businessId, ChangeOrigin origin, AgentLocatorDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var plan = new ImportPlan { Results = [.. new ImportRowResult[rows.Count]] };
        var now = clock.GetUtcNow();
        var valid = new List<(int Index, Customer Customer, CustomerChanges Changes)>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (UnstorableCell(rows[i], columns) is { } unstorable)
            {
                plan.Results[i] = new(i + 2, "rejected", null, unstorable);
                continue;
            }
            var changes = ChangesFrom(rows[i], columns) with { Origin = origin };
            var customer = new Customer { Id = Guid.CreateVersion7(), BusinessId = businessId, Name = "", CreatedAt = now, UpdatedAt = now, LastActivityAt = now };
            var errors = CustomerRules.Apply(customer, changes, creating: true);
            if (errors.Count > 0)
            {
                plan.Results[i] = new(i + 2, "rejected", null, string.Join(" ", errors.SelectMany(error => error.Value)));
                continue;
            }
            valid.Add((i, customer, changes));
        }

        var phones = valid.Where(v => v.Customer.Phone is not null).Select(v => v.Customer.Phone!).Distinct().ToList();
        var existing = await db.Customers.AsNoTracking()
            .Where(c => c.DeletedAt == null && c.Phone != null && phones.Contains(c.Phone))
            .ToDictionaryAsync(c => c.Phone!, c => c.Id, cancellationToken);
        var firstInFile = new Dictionary<string, Customer>();
        foreach (var (index, customer, changes) in valid)
        {
            if (customer.Phone is { } phone && existing.TryGetValue(phone, out var existingId))
            {
                plan.Merges.Add((index, existingId, changes));
                plan.Results[index] = new(index + 2, "merged", existingId, null);
            }
            else if (customer.Phone is { } repeated && firstInFile.TryGetValue(repeated, out var first))
            {
                // The same person twice in one file: fill the first row's gaps from the later one.
                CustomerRules.Apply(first, CustomerRules.OnlyMissing(first, changes), creating: false);
                plan.Results[index] = new(index + 2, "merged", first.Id, null);
            }
            else
            {
                if (customer.Phone is not null)
                {
                    firstInFile[customer.Phone] = customer;
                }
                plan.NewCustomers.Add((index, customer, changes));
                plan.Results[index] = new(index + 2, "created", customer.Id, null);
            }
        }
        return plan;
    }

    private static async Task MergeIntoExistingAsync(ImportPlan plan, Guid businessId, IGrainFactory grains, CancellationToken cancellationToken)
    {
        // One customer's merges in file order; different customers in parallel.
        var byCustomer = plan.Merges.GroupBy(merge => merge.CustomerId).ToList();
        await Parallel.ForEachAsync(byCustomer, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (merges, _) =>
            {
                foreach (var (index, customerId, changes) in merges)
                {
                    var result = await grains.GetGrain<ICustomerGrain>(customerId).Merge(businessId, changes);
                    if (result.Outcome != CustomerOutcome.Ok)
                    {
                        plan.Results[index] = new(index + 2, "rejected", null, result.Errors is null
                            ? "The existing customer could not be updated (it was deleted meanwhile)."
                            : string.Join(" ", result.Errors.SelectMany(error => error.Value)));
                    }
                }
            });
    }

    private static async Task InsertNewAsync(
        ImportPlan plan, Guid businessId, ChangeOrigin origin, AgentLocatorDbContext db, IGrainFactory grains, CancellationToken cancellationToken)
    {
        foreach (var batch in plan.NewCustomers.Chunk(InsertBatchSize))
        {
            db.Customers.AddRange(batch.Select(item => item.Customer));
            foreach (var (_, customer, _) in batch)
            {
                // Each imported customer's "imported" event goes in with its row, in the batch's transaction.
                CustomerTimelineEvents.Created(db, customer, origin);
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException error) when (error.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Someone created one of these phones while we imported: fall back to one grain call per row,
                // which creates or reports the conflict, and merge the conflicts.
                db.ChangeTracker.Clear();
                foreach (var (index, customer, changes) in batch)
                {
                    plan.Results[index] = await CreateOneAsync(index, customer, changes, businessId, grains);
                }
            }
            db.ChangeTracker.Clear();
        }
    }

    private static async Task<ImportRowResult> CreateOneAsync(int index, Customer customer, CustomerChanges changes, Guid businessId, IGrainFactory grains)
    {
        var created = await grains.GetGrain<ICustomerGrain>(customer.Id).Create(businessId, changes);
        if (created.Outcome == CustomerOutcome.Ok)
        {
            return new(index + 2, "created", customer.Id, null);
        }
        if (created.Outcome == CustomerOutcome.DuplicatePhone && created.ConflictingCustomerId is { } holder)
        {
            var merged = await grains.GetGrain<ICustomerGrain>(holder).Merge(businessId, changes);
            return merged.Outcome == CustomerOutcome.Ok
                ? new(index + 2, "merged", holder, null)
                : new(index + 2, "rejected", null, "The customer with this phone could not be updated.");
        }
        return new(index + 2, "rejected", null, created.Errors is null ? "Not imported." : string.Join(" ", created.Errors.SelectMany(e => e.Value)));
    }

    /// <summary>Why one of the row's imported cells cannot be stored (a NUL byte in the file, say), naming its field; null when all can.</summary>
    private static string? UnstorableCell(string[] row, Dictionary<string, int> columns) => columns
        .Where(column => column.Value < row.Length)
        .Select(column => StorableText.Problem(row[column.Value]) is { } problem ? StorableText.Message(column.Key, problem) : null)
        .FirstOrDefault(reason => reason is not null);

    private static CustomerChanges ChangesFrom(string[] row, Dictionary<string, int> columns)
    {
        string? Cell(string field) =>
            columns.TryGetValue(field, out var index) && index < row.Length && !string.IsNullOrWhiteSpace(row[index]) ? row[index].Trim() : null;

        var tags = Cell("tags");
        var status = CustomerColumns.StatusFromLabel(Cell("status"));
        return new CustomerChanges
        {
            Name = FieldChange<string>.To(Cell("name")),
            Phone = Cell("phone") is { } phone ? FieldChange<string>.To(phone) : default,
            Email = Cell("email") is { } email ? FieldChange<string>.To(email) : default,
            City = Cell("city") is { } city ? FieldChange<string>.To(city) : default,
            Status = status is not null ? FieldChange<string>.To(status) : default,
            Tags = tags is not null ? FieldChange<IReadOnlyList<string>>.To(tags.Split([';', ','], StringSplitOptions.RemoveEmptyEntries)) : default,
        };
    }

    /// <summary>Field → column index, from the given mapping (field → header) or, without one, by known header names.</summary>
    private static (Dictionary<string, int> Columns, Dictionary<string, string[]> Errors) MapColumns(string[] header, string mappingJson)
    {
        var errors = new Dictionary<string, string[]>();
        var columns = new Dictionary<string, int>();
        var headers = header.Select(h => h.Trim()).ToList();
        Dictionary<string, string>? mapping = null;
        if (!string.IsNullOrWhiteSpace(mappingJson))
        {
            try
            {
                mapping = JsonSerializer.Deserialize<Dictionary<string, string>>(mappingJson);
            }
            catch (JsonException)
            {
                errors["mapping"] = ["mapping must be a JSON object of field to column header, e.g. {\"name\":\"שם\",\"phone\":\"טלפון\"}."];
                return (columns, errors);
            }
        }

        if (mapping is not null)
        {
            foreach (var (field, column) in mapping)
            {
                if (!CustomerColumns.ImportFields.ContainsKey(field))
                {
                    errors["mapping"] = [$"Unknown field '{field}'. Fields: {string.Join(", ", CustomerColumns.ImportFields.Keys)}."];
                }
                else if (headers.IndexOf(column.Trim()) is var index and >= 0)
                {
                    columns[field] = index;
                }
                else
                {
                    errors["mapping"] = [$"The file has no column '{column}' (for {field})."];
                }
            }
        }
        else
        {
            foreach (var (field, names) in CustomerColumns.ImportFields)
            {
                var index = headers.FindIndex(h => names.Contains(h, StringComparer.OrdinalIgnoreCase));
                if (index >= 0)
                {
                    columns[field] = index;
                }
            }
        }
        if (errors.Count == 0 && !columns.ContainsKey("name"))
        {
            errors["mapping"] = ["Map a column to 'name': every customer needs a name."];
        }
        return (columns, errors);
    }

    /// <summary>
    /// RFC 4180 records, header included: quoted fields may hold separators, quotes ("") and line breaks, blank lines are
    /// not rows, and the separator is detected from the file (Excel saves with commas, semicolons in some locales, or tabs).
    /// Malformed quoting is read leniently rather than refused, as spreadsheets do.
    /// </summary>
    private static readonly CsvReaderOptions Format = CsvReaderOptions.Default with
    {
        HasHeader = false,
        Separator = null,
        SkipEmptyLines = true,
        AllowLineBreaksInQuotes = true,
        MalformedData = CsvMalformedDataHandling.Recover,
    };

    private static List<string[]> ReadRecords(string text)
    {
        using var reader = CsvReader.FromText(text, Format);
        var records = new List<string[]>();
        while (reader.Read())
        {
            var fields = new string[reader.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = reader.GetString(i) ?? "";
            }
            records.Add(fields);
        }
        return records;
    }

    private static async Task<string> ReadTextAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(1255).GetString(bytes);
        }
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The import request is not valid.");
}
