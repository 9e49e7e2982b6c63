namespace AgentLocator.Grains.WhatsApp;

/// <summary>Twilio's error codes for WhatsApp sends that agents meet most, explained in Hebrew for the thread.</summary>
public static class WhatsAppErrors
{
    public const string NotConfigured = "שליחת WhatsApp אינה מוגדרת (חסרים פרטי חשבון Twilio).";
    public const string Unreachable = "לא ניתן היה להגיע ל-Twilio. אפשר לנסות שוב.";

    private static readonly Dictionary<int, string> Explanations = new()
    {
        [63016] = "ההודעה מחוץ לחלון 24 השעות מאז ההודעה האחרונה של הלקוח: יש לשלוח תבנית מאושרת.",
        [63003] = "המספר אינו רשום ב-WhatsApp.",
        [63024] = "המספר אינו רשום ב-WhatsApp.",
        [21211] = "מספר הטלפון של הלקוח אינו תקין.",
        [21614] = "המספר אינו מספר נייד שיכול לקבל הודעות.",
        [63018] = "חריגה ממגבלת קצב השליחה של WhatsApp. נסו שוב בעוד כמה דקות.",
        [20429] = "חריגה ממגבלת קצב הבקשות ל-Twilio. נסו שוב בעוד כמה דקות.",
        [63007] = "מספר השולח של העסק אינו מוגדר ב-WhatsApp של Twilio.",
        [21656] = "משתני התבנית אינם תקינים.",
        [20404] = "התבנית לא נמצאה בחשבון Twilio.",
        [30008] = "שגיאה לא ידועה במסירת ההודעה.",
        [63013] = "ההודעה נחסמה על ידי מדיניות WhatsApp.",
    };

    /// <summary>The Hebrew explanation of <paramref name="code"/>, else a general one that names it.</summary>
    public static string Explain(int? code) => code is { } known && Explanations.TryGetValue(known, out var text)
        ? text
        : code is null ? "שליחת ההודעה נכשלה." : $"שליחת ההודעה נכשלה (קוד שגיאה {code} של Twilio).";
}
