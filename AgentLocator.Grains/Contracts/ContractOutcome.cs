using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Grains.Contracts;

public enum ContractOutcomeKind
{
    Ok,
    NotFound,
    /// <summary>Fields that break a rule, by wire name (422).</summary>
    Invalid,
    /// <summary>The contract's or template's state forbids it: not a draft, an illegal status move, an archived template (409).</summary>
    Conflict,
}

/// <summary>What a contract or template write came to; the API turns a refusal into problem+json.</summary>
public sealed record ContractOutcome(ContractOutcomeKind Kind, Guid? Id = null, IDictionary<string, string[]>? Errors = null, string? Title = null)
{
    public static ContractOutcome Ok(Guid id) => new(ContractOutcomeKind.Ok, id);
    public static ContractOutcome NotFound { get; } = new(ContractOutcomeKind.NotFound);
    public static ContractOutcome Invalid(IDictionary<string, string[]> errors) => new(ContractOutcomeKind.Invalid, Errors: errors, Title: "The contract is not valid.");
    public static ContractOutcome Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });
    public static ContractOutcome Conflict(string title) => new(ContractOutcomeKind.Conflict, Title: title);

    public static ContractOutcome IllegalMove(ContractStatus from, ContractStatus to) =>
        Conflict($"A contract that is {WireNames<ContractStatus>.Of(from)} cannot become {WireNames<ContractStatus>.Of(to)}.");
}
