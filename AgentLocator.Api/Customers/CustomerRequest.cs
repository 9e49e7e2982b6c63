using System.Text.Json.Serialization;
using AgentLocator.Api.Infrastructure.Json;
using AgentLocator.Api.Infrastructure.Text;
using AgentLocator.Grains.Abstractions;

namespace AgentLocator.Api.Customers;

/// <summary>
/// A customer create or patch body. In a patch an absent field stays as it is and <c>null</c> clears it; names are
/// matched ignoring case, as before. What a valid customer is stays the grain's (<c>CustomerRules</c>).
/// </summary>
public sealed record CustomerRequest : WireBody
{
    [JsonPropertyName("name")]
    public Optional<string> Name { get; init; }

    [JsonPropertyName("phone")]
    public Optional<string> Phone { get; init; }

    [JsonPropertyName("email")]
    public Optional<string> Email { get; init; }

    [JsonPropertyName("city")]
    public Optional<string> City { get; init; }

    [JsonPropertyName("taxId")]
    public Optional<string> TaxId { get; init; }

    [JsonPropertyName("status")]
    public Optional<string> Status { get; init; }

    [JsonPropertyName("tags")]
    public Optional<IReadOnlyList<string>> Tags { get; init; }

    /// <summary>Values of the wrong kind, by field.</summary>
    public Dictionary<string, string[]> ShapeErrors()
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (field, value) in TextFields())
        {
            if (value.Problem is not null)
            {
                errors[field] = [StorableText.IsTextProblem(value.Problem) ? StorableText.Message(field, value.Problem) : $"{field} must be a string or null."];
            }
        }
        if (Tags.Problem is not null)
        {
            errors["tags"] = [StorableText.IsTextProblem(Tags.Problem) ? StorableText.Message("tags", Tags.Problem) : "tags must be an array of strings."];
        }
        return errors;
    }

    public CustomerChanges ToChanges() => new()
    {
        Name = Name.ToChange(),
        Phone = Phone.ToChange(),
        Email = Email.ToChange(),
        City = City.ToChange(),
        TaxId = TaxId.ToChange(),
        Status = Status.ToChange(),
        // "tags": null clears them, like an empty list.
        Tags = Tags.IsPresent && Tags.Problem is null ? FieldChange<IReadOnlyList<string>>.To(Tags.Value ?? []) : default,
    };

    private IEnumerable<(string Field, Optional<string> Value)> TextFields() =>
        [("name", Name), ("phone", Phone), ("email", Email), ("city", City), ("taxId", TaxId), ("status", Status)];
}
