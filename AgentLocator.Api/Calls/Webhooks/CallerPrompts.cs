namespace AgentLocator.Api.Calls.Webhooks;

/// <summary>The Hebrew sentences a caller can hear from the call flow's fixed paths, in one list so wording stays consistent.</summary>
public static class CallerPrompts
{
    /// <summary>When a webhook cannot do its work at all (also the signature filter's answer).</summary>
    public const string Apology = "מצטערים, אירעה תקלה. אנא נסו שוב מאוחר יותר. להתראות.";
    public const string NumberNotInService = "המספר שחייגתם אינו פעיל כרגע. תודה ולהתראות.";

    /// <summary>The answer to an admin's connection test; no caller hears it.</summary>
    public const string ConnectionChecked = "החיבור תקין.";

    /// <summary>The business is suspended by the operator: said politely, without saying why.</summary>
    public const string ServiceUnavailable = "השירות אינו זמין כרגע. תודה על פנייתכם ולהתראות.";
    public const string NoMessageHeard = "לא שמענו הודעה. ננסה שוב.";
    public const string LeaveMessageAgain = "אנא השאירו הודעה אחרי הצליל.";
    public const string TooShort = "לא הצלחנו לשמוע את ההודעה. אנא השאירו אותה שוב אחרי הצליל.";
    public const string AnythingElse = "אם תרצו להוסיף משהו, דברו אחרי הצליל.";

    /// <summary>Said once per message, a few seconds into the hold audio.</summary>
    public const string OneMoment = "עוד רגע…";

    /// <summary>The end of a call in which no message was recorded (silence, too short, nothing posted).</summary>
    public const string Goodbye = "לא התקבלה הודעה. תודה ולהתראות.";

    /// <summary>The end of a call in which a message was kept; never said otherwise.</summary>
    public const string ThankYou = "תודה, הודעתכם התקבלה. נחזור אליכם בהקדם. להתראות.";

    /// <summary>A neutral end, when a message may or may not have been kept.</summary>
    public const string ThanksForCalling = "תודה שהתקשרתם. להתראות.";

    /// <summary>The goodbye that matches what happened in the call.</summary>
    public static string Ending(bool messageKept) => messageKept ? ThankYou : Goodbye;
}
