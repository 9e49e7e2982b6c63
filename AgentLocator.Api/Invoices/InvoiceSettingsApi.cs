using AgentLocator.Api.Integrations.TaxAuthority;
using System.Text.Json;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Grains.Calls.Providers;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Invoices;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Invoices;

/// <summary>An admin's tax details: legal name, dealer type, tax id, contact, logo, bank, VAT history, starting numbers.</summary>
public static class InvoiceSettingsApi
{
    public const long MaxLogoBytes = 1024 * 1024;

    internal static RouteGroupBuilder MapInvoiceSettings(this RouteGroupBuilder invoices)
    {
        var settings = invoices.MapGroup("/settings").RequireAuthorization(AuthorizationPolicies.Admin).WithTags("Invoices");
        settings.MapGet("/", GetAsync).WithSummary("The business's tax details (defaults until first saved).");
        settings.MapPut("/", SetAsync).WithSummary("Replace the tax details; problems name the field.");
        settings.MapPut("/logo", UploadLogoAsync).DisableAntiforgery().WithSummary("Upload the logo (multipart field `file`, PNG or JPEG, at most 1 MB).");
        settings.MapDelete("/logo", RemoveLogoAsync).WithSummary("Remove the logo.");
        settings.MapTaxAuthorityConnection();
        invoices.MapGet("/document-defaults", DefaultsAsync).WithTags("Invoices")
            .WithSummary("What any user writing a document needs of the settings: the dealer type and today's VAT rate.");
        return invoices;
    }

    public static async Task<Ok<InvoiceSettingsResponse>> GetAsync(AgentLocatorDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ReadAsync(db, clock, cancellationToken));

    /// <summary>The form's live totals need the rate and whether the business charges VAT; the rest of the settings stay with admins.</summary>
    public static async Task<Ok<DocumentDefaultsResponse>> DefaultsAsync(AgentLocatorDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var settings = await ReadAsync(db, clock, cancellationToken);
        return TypedResults.Ok(new DocumentDefaultsResponse(settings.Configured, settings.DealerType, settings.CurrentVatPercent));
    }

    public static async Task<Results<Ok<InvoiceSettingsResponse>, ValidationProblem, ProblemHttpResult>> SetAsync(
        InvoiceSettingsRequest request, AgentLocatorDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var legalName = Required(errors, "legalName", request.LegalName, 200);
        var dealerType = request.DealerType?.Trim();
        if (dealerType is null || !DealerTypes.All.Contains(dealerType))
        {
            errors["dealerType"] = [$"dealerType is one of {string.Join(", ", DealerTypes.All)}."];
        }
        var taxId = TaxIds.Normalize(request.TaxId);
        if (taxId is null)
        {
            errors["taxId"] = ["taxId is a 9-digit Israeli number with a valid check digit."];
        }
        var address = Optional(errors, "address", request.Address, 300);
        var phone = Optional(errors, "phone", request.Phone, 30);
        var email = Optional(errors, "email", request.Email, 254);
        if (email is not null && !email.Contains('@'))
        {
            errors["email"] = ["email is not an email address."];
        }
        var bank = Optional(errors, "bankDetails", request.BankDetails, 500);
        var rates = ParseRates(request.VatRates, errors);
        var starts = new Dictionary<string, int>();
        foreach (var (type, start) in request.StartingNumbers ?? new Dictionary<string, int>())
        {
            if (!TaxDocumentTypes.All.Contains(type))
            {
                errors[$"startingNumbers.{type}"] = [$"Not a document type; types are {string.Join(", ", TaxDocumentTypes.All)}."];
            }
            else if (start is < 1 or > 999_999_999)
            {
                errors[$"startingNumbers.{type}"] = ["A starting number is 1 to 999999999."];
            }
            else
            {
                starts[type] = start;
            }
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The tax details are not valid.");
        }

        var row = await db.TaxSettings.FirstOrDefaultAsync(cancellationToken);
        var started = await db.TaxDocumentSequences.AsNoTracking().Select(s => s.Type).ToListAsync(cancellationToken);
        var before = row is null ? [] : Starts(row);
        foreach (var type in started)
        {
            var was = before.GetValueOrDefault(type, 1);
            if (starts.GetValueOrDefault(type, 1) != was)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Numbering has already started for this type.",
                    detail: $"startingNumbers.{type}: documents of this type are issued, so their numbering stays as it began ({was}).",
                    extensions: new Dictionary<string, object?> { ["field"] = $"startingNumbers.{type}" });
            }
        }
        if (row is null)
        {
            row = new TaxSettings { BusinessId = db.CurrentBusinessIdForQueries, LegalName = legalName!, TaxId = taxId! };
            db.TaxSettings.Add(row);
        }
        row.LegalName = legalName!;
        row.DealerType = dealerType!;
        row.TaxId = taxId!;
        row.Address = address;
        row.Phone = phone;
        row.Email = email;
        row.BankDetails = bank;
        row.VatRatesJson = VatRates.Serialize(rates);
        row.StartingNumbersJson = JsonSerializer.Serialize(starts, JsonSerializerOptions.Web);
        row.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await ReadAsync(db, clock, cancellationToken));
    }

    public static async Task<Results<Ok<InvoiceSettingsResponse>, ProblemHttpResult>> UploadLogoAsync(HttpRequest request, AgentLocatorDbContext db,
        IMediaStore media, TimeProvider clock, CancellationToken cancellationToken)
    {
        var row = await db.TaxSettings.FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Save the tax details before the logo.");
        }
        if (!request.HasFormContentType)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the logo as multipart/form-data with a field named file.");
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The upload was not a readable multipart form.");
        }
        if (form.Files.GetFile("file") is not { Length: > 0 } file)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Choose an image file to upload.");
        }
        if (file.Length > MaxLogoBytes)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The logo is larger than 1 MB.");
        }
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }
        if (ImageType(content) is not { } contentType)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "The logo must be a PNG or JPEG image.");
        }
        // Public area: the logo is printed on every document the business sends, so it is no secret; the key is random.
        var key = await media.SaveAsync(MediaArea.Public, content, contentType, cancellationToken);
        var replaced = row.LogoKey;
        row.LogoKey = key;
        row.LogoContentType = contentType;
        row.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        if (replaced is not null)
        {
            await media.DeleteAsync(MediaArea.Public, replaced, cancellationToken);
        }
        return TypedResults.Ok(await ReadAsync(db, clock, cancellationToken));
    }

    public static async Task<Ok<InvoiceSettingsResponse>> RemoveLogoAsync(AgentLocatorDbContext db, IMediaStore media, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        // The file stays: issued documents name it in their issuer snapshot and re-render with it.
        if (await db.TaxSettings.FirstOrDefaultAsync(cancellationToken) is { LogoKey: not null } row)
        {
            row.LogoKey = null;
            row.LogoContentType = null;
            row.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }
        return TypedResults.Ok(await ReadAsync(db, clock, cancellationToken));
    }

    internal static string? ImageType(ReadOnlySpan<byte> content) =>
        content.Length > 8 && content[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }) ? "image/png"
        : content.Length > 3 && content[0] == 0xFF && content[1] == 0xD8 && content[2] == 0xFF ? "image/jpeg"
        : null;

    internal static async Task<InvoiceSettingsResponse> ReadAsync(AgentLocatorDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var row = await db.TaxSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var started = await db.TaxDocumentSequences.AsNoTracking().Select(s => s.Type).OrderBy(t => t).ToListAsync(cancellationToken);
        var rates = VatRates.Parse(row?.VatRatesJson ?? "[]");
        var current = VatRates.On(rates, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var dealer = row?.DealerType ?? DealerTypes.Licensed;
        return new InvoiceSettingsResponse(row is not null, row?.LegalName ?? "", dealer, DealerTypes.Hebrew(dealer), row?.TaxId ?? "",
            row?.Address, row?.Phone, row?.Email, row?.BankDetails, row?.LogoKey is { } key ? $"/media/{key}" : null,
            [.. rates.Select(rate => new VatRateDto(rate.EffectiveFrom, rate.BasisPoints / 100m))], current / 100m,
            row is null ? new Dictionary<string, int>() : Starts(row), started);
    }

    private static Dictionary<string, int> Starts(TaxSettings row) =>
        JsonSerializer.Deserialize<Dictionary<string, int>>(row.StartingNumbersJson, JsonSerializerOptions.Web) ?? [];

    private static List<VatRate> ParseRates(IReadOnlyList<VatRateDto>? rates, Dictionary<string, string[]> errors)
    {
        if (rates is null || rates.Count == 0)
        {
            return [.. VatRates.Default];
        }
        var parsed = new List<VatRate>();
        for (var i = 0; i < rates.Count; i++)
        {
            var (from, percent) = (rates[i].EffectiveFrom, rates[i].RatePercent);
            if (from is null)
            {
                errors[$"vatRates[{i}].effectiveFrom"] = ["effectiveFrom is a date (YYYY-MM-DD)."];
            }
            if (percent is not { } p || p < 0 || p > 100 || decimal.Round(p, 2) != p)
            {
                errors[$"vatRates[{i}].ratePercent"] = ["ratePercent is 0 to 100 with at most two decimals."];
            }
            if (from is { } day && percent is { } rate)
            {
                if (parsed.Any(existing => existing.EffectiveFrom == day))
                {
                    errors[$"vatRates[{i}].effectiveFrom"] = ["Two rates start on the same day."];
                }
                parsed.Add(new VatRate(day, (int)(rate * 100)));
            }
        }
        return parsed;
    }

    private static string? Required(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            errors[field] = [$"{field} is required."];
            return null;
        }
        return Optional(errors, field, trimmed, max);
    }

    private static string? Optional(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        if (trimmed.Length > max)
        {
            errors[field] = [$"{field} is at most {max} characters."];
        }
        return trimmed;
    }
}
