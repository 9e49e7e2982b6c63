using AgentLocator.Grains.Customers;

namespace AgentLocator.Grains.Calls;

/// <summary>
/// What the caller hears and what a new caller is called, in Hebrew. Businesses have no greeting of their own
/// yet; when they do, it replaces <see cref="Greeting"/> and this stays the default.
/// </summary>
public static class CallGreetings
{
    /// <summary>Name prefix of a lead made from an unknown caller; such a name is a placeholder, never spoken.</summary>
    public const string NewCallerPrefix = "מתקשר חדש";

    public static string NewCallerName(string e164) => $"{NewCallerPrefix} {Phones.Display(e164)}";

    public static bool IsPlaceholderName(string name) => name.StartsWith(NewCallerPrefix, StringComparison.Ordinal);

    public static string Greeting(string businessName, string? customerName) =>
        customerName is { Length: > 0 }
            ? $"שלום {customerName}, הגעתם ל{businessName}. אנא השאירו הודעה אחרי הצליל."
            : $"שלום, הגעתם ל{businessName}. אנא השאירו הודעה אחרי הצליל.";
}
