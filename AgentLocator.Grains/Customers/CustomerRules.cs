using System.Net.Mail;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Invoices;

namespace AgentLocator.Grains.Customers;

/// <summary>What a valid customer is, applied the same way to the API, imports and merges.</summary>
public static class CustomerRules
{
    public const int MaxNameLength = 200;
    public const int MaxCityLength = 100;
    public const int MaxTags = 20;
    public const int MaxTagLength = 40;
    public const int MaxNoteLength = 5000;
    public const string TaxIdField = "taxId";

    /// <summary>
    /// Validates the changes and, only when all are valid, writes them to <paramref name="customer"/>.
    /// Returns the errors by field name (empty when applied).
    /// </summary>
    public static Dictionary<string, string[]> Apply(Customer customer, CustomerChanges changes, bool creating)
    {
        var errors = new Dictionary<string, string[]>();
        var name = changes.Name.IsSet ? changes.Name.Value?.Trim() : customer.Name;
        if (string.IsNullOrEmpty(name) && (creating || changes.Name.IsSet))
        {
            errors["name"] = ["Name is required."];
        }
        else if (name?.Length > MaxNameLength)
        {
            errors["name"] = [$"Name must be at most {MaxNameLength} characters."];
        }

        NormalizedPhone? phone = null;
        if (changes.Phone.IsSet && !string.IsNullOrWhiteSpace(changes.Phone.Value)
            && !Phones.TryNormalize(changes.Phone.Value, out phone))
        {
            errors["phone"] = ["Phone is not a valid phone number."];
        }

        var email = changes.Email.IsSet ? NullIfBlank(changes.Email.Value)?.ToLowerInvariant() : customer.Email;
        if (changes.Email.IsSet && email is not null && (email.Length > 254 || !MailAddress.TryCreate(email, out _)))
        {
            errors["email"] = ["Email is not a valid address."];
        }

        var city = changes.City.IsSet ? NullIfBlank(changes.City.Value) : customer.City;
        if (city?.Length > MaxCityLength)
        {
            errors["city"] = [$"City must be at most {MaxCityLength} characters."];
        }

        // Optional; when given, nine digits (shorter ones are zero-padded) whose check digit holds: an allocation number
        // depends on it, so a mistyped one is refused here rather than at the Tax Authority.
        var taxId = changes.TaxId.IsSet ? NullIfBlank(changes.TaxId.Value) : customer.TaxId;
        if (changes.TaxId.IsSet && taxId is not null)
        {
            taxId = TaxIds.Normalize(taxId);
            if (taxId is null)
            {
                errors[TaxIdField] = ["taxId is nine digits with a valid check digit (ע.מ. / ח.פ.)."];
            }
        }

        var status = changes.Status.IsSet ? changes.Status.Value?.Trim().ToLowerInvariant() : customer.Status;
        if (status is null || !CustomerStatuses.All.Contains(status))
        {
            errors["status"] = [$"Status must be one of: {string.Join(", ", CustomerStatuses.All)}."];
        }

        var tags = changes.Tags.IsSet ? NormalizeTags(changes.Tags.Value) : customer.Tags;
        if (tags.Count > MaxTags)
        {
            errors["tags"] = [$"At most {MaxTags} tags."];
        }
        else if (tags.Any(tag => tag.Length > MaxTagLength))
        {
            errors["tags"] = [$"Each tag must be at most {MaxTagLength} characters."];
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        customer.Name = name!;
        if (changes.Phone.IsSet)
        {
            customer.Phone = phone?.E164;
            customer.PhoneDigits = phone?.SearchDigits;
        }
        customer.Email = email;
        customer.City = city;
        customer.TaxId = taxId;
        customer.Status = status!;
        customer.Tags = tags;
        return errors;
    }

    /// <summary>An import's view of a known customer: fill what is empty, add tags, never overwrite.</summary>
    public static CustomerChanges OnlyMissing(Customer customer, CustomerChanges incoming) => new()
    {
        Email = customer.Email is null ? incoming.Email : default,
        City = customer.City is null ? incoming.City : default,
        TaxId = customer.TaxId is null ? incoming.TaxId : default,
        Tags = incoming.Tags.IsSet
            ? FieldChange<IReadOnlyList<string>>.To([.. customer.Tags.Union(NormalizeTags(incoming.Tags.Value))])
            : default,
    };

    public static Dictionary<string, string[]> ValidateNote(string? text) =>
        string.IsNullOrWhiteSpace(text) ? new() { ["text"] = ["Note text is required."] }
        : text.Trim().Length > MaxNoteLength ? new() { ["text"] = [$"A note must be at most {MaxNoteLength} characters."] }
        : [];

    private static List<string> NormalizeTags(IReadOnlyList<string>? tags) =>
        tags is null ? [] : [.. tags.Select(tag => tag.Trim()).Where(tag => tag.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
