using AgentLocator.Grains.Customers;
using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Api.Signatures;

/// <summary>A signer as the agent names them: who, their phone (any Israeli or international form), and their role.</summary>
public sealed record SignerInput(string? Name, string? Phone, string? Role);

/// <summary>A signer checked: trimmed name, E.164 phone, a known role.</summary>
public sealed record ValidSigner(string Name, string Phone, string Role);

public static class SignerInputs
{
    public const int MaxSigners = 10;

    public static IReadOnlyList<ValidSigner>? Parse(IReadOnlyList<SignerInput>? signers, Dictionary<string, string[]> errors)
    {
        if (signers is not { Count: > 0 })
        {
            errors["signers"] = ["יש להוסיף לפחות חותם אחד."];
            return null;
        }
        if (signers.Count > MaxSigners)
        {
            errors["signers"] = [$"לכל היותר {MaxSigners} חותמים."];
            return null;
        }
        var valid = new List<ValidSigner>();
        for (var index = 0; index < signers.Count; index++)
        {
            var signer = signers[index];
            var name = signer.Name?.Trim();
            if (string.IsNullOrEmpty(name) || name.Length > 120)
            {
                errors[$"signers[{index}].name"] = ["יש לציין שם חותם (עד 120 תווים)."];
            }
            if (!Phones.TryNormalize(signer.Phone, out var phone))
            {
                errors[$"signers[{index}].phone"] = ["מספר הטלפון אינו תקין."];
            }
            var role = signer.Role ?? SignerRoles.Customer;
            if (!SignerRoles.All.Contains(role))
            {
                errors[$"signers[{index}].role"] = [$"role is one of: {string.Join(", ", SignerRoles.All)}."];
            }
            if (!string.IsNullOrEmpty(name) && name.Length <= 120 && phone is not null)
            {
                valid.Add(new ValidSigner(name, phone.E164, role));
            }
        }
        return errors.Count == 0 ? valid : null;
    }
}
