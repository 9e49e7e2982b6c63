namespace AgentLocator.Grains.Audit;

/// <summary>
/// What an audit row is about: a type from <see cref="AuditTargetTypes"/>, its id, and a label as it read at the time
/// (a customer's name, a user's email), so the row stays readable after the thing is renamed or gone.
/// </summary>
public sealed record AuditTarget(string Type, string? Id, string? Label)
{
    public static AuditTarget Business(Guid id) => new(AuditTargetTypes.Business, id.ToString(), null);

    public static AuditTarget User(Guid id, string? label) => new(AuditTargetTypes.User, id.ToString(), label);

    /// <summary>A sign-in to an email no account has: the email is the only thing the attempt names.</summary>
    public static AuditTarget UnknownAccount(string email) => new(AuditTargetTypes.User, null, email);

    /// <summary>Someone invited who has no user yet: known by the e-mail or phone the invitation went to.</summary>
    public static AuditTarget Invitee(string? emailOrPhone) => new(AuditTargetTypes.User, null, emailOrPhone);

    public static AuditTarget Customer(Guid id, string? name) => new(AuditTargetTypes.Customer, id.ToString(), name);

    public static AuditTarget ContractTemplate(Guid id, string? name) => new(AuditTargetTypes.ContractTemplate, id.ToString(), name);

    public static AuditTarget Contract(Guid id, string? title) => new(AuditTargetTypes.Contract, id.ToString(), title);

    /// <summary>One tax document, labelled as it reads ("חשבונית מס 1001 — דנה כהן"; a draft has no number yet).</summary>
    public static AuditTarget TaxDocument(Guid id, string typeName, int? number, string? customerName) =>
        new(AuditTargetTypes.TaxDocument, id.ToString(), $"{typeName}{(number is { } n ? $" {n}" : "")}{(customerName is null ? "" : $" — {customerName}")}");

    /// <summary>The business's customer list as a whole (an export, an import).</summary>
    public static AuditTarget CustomerList() => new(AuditTargetTypes.CustomerList, null, null);

    /// <summary>The business's tax documents as a whole (the uniform-structure export).</summary>
    public static AuditTarget TaxBooks() => new(AuditTargetTypes.TaxBooks, null, null);
}

public static class AuditTargetTypes
{
    public const string Business = "business";
    public const string User = "user";
    public const string Customer = "customer";
    public const string CustomerList = "customers";
    public const string ContractTemplate = "contract-template";
    public const string Contract = "contract";
    public const string TaxBooks = "tax-books";
    public const string TaxDocument = "tax-document";

    public static IReadOnlyList<string> All { get; } = [Business, User, Customer, CustomerList, ContractTemplate, Contract, TaxBooks, TaxDocument];
}
