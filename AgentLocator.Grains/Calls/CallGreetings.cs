using AgentLocator.Grains.Customers;

namespace AgentLocator.Grains.Calls;

/// <summary>
/// What the caller hears, in Hebrew, and what a new caller is called. A business may replace the greeting, the
/// reply prompt and the fallback message; these are the defaults.
/// </summary>
public static class CallGreetings
{
    /// <summary>Name prefix of a lead made from an unknown caller; such a name is a placeholder, never spoken.</summary>
    public const string NewCallerPrefix = "מתקשר חדש";

    /// <summary>Where a business's own greeting text puts the caller's name.</summary>
    public const string NamePlaceholder = "{name}";

    public const string DefaultGreetingText = "שלום {name}, הגעתם ל{business}. אנא השאירו הודעה אחרי הצליל.";

    public const string DefaultFallbackMessage = "תודה על פנייתכם. ההודעה נשמרה ונציג יחזור אליכם בהקדם. להתראות.";

    public const string DefaultReplyPrompt =
        "את נציגת שירות טלפונית אדיבה של העסק. המתקשר השאיר הודעה קולית. " +
        "עני בעברית, במשפט או שניים קצרים שמתאימים להקראה בטלפון: הראי שהבנת את הבקשה, " +
        "ואמרי שנציג יחזור אליו בהקדם. אל תבטיחי מחירים, מועדים או פרטים שאינך יודעת.";

    public static string NewCallerName(string e164) => $"{NewCallerPrefix} {Phones.Display(e164)}";

    public static bool IsPlaceholderName(string name) => name.StartsWith(NewCallerPrefix, StringComparison.Ordinal);

    /// <summary>The business's greeting (or the default) with its name and, when known, the caller's.</summary>
    public static string Greeting(string businessName, string? customerName, string? greetingText = null)
    {
        var text = string.IsNullOrWhiteSpace(greetingText) ? DefaultGreetingText : greetingText.Trim();
        text = text.Replace("{business}", businessName, StringComparison.Ordinal);
        return customerName is { Length: > 0 }
            ? text.Replace(NamePlaceholder, customerName, StringComparison.Ordinal)
            // "שלום {name}," without a name reads "שלום ,": drop the gap the placeholder leaves.
            : text.Replace(" " + NamePlaceholder, "", StringComparison.Ordinal).Replace(NamePlaceholder, "", StringComparison.Ordinal);
    }
}
