using AgentLocator.Api.Integrations.Twilio;

namespace AgentLocator.Api.Calls.Webhooks;

/// <summary>The Hebrew sentences a caller can hear from the call flow's fixed paths, in one list so wording stays consistent.</summary>
public static class CallerPrompts
{
    public const string Apology = TwilioSignatureFilter.Apology;
    public const string NumberNotInService = "המספר שחייגתם אינו פעיל כרגע. תודה ולהתראות.";
    public const string NoMessageHeard = "לא שמענו הודעה. ננסה שוב.";
    public const string LeaveMessageAgain = "אנא השאירו הודעה אחרי הצליל.";
    public const string Goodbye = "לא התקבלה הודעה. תודה ולהתראות.";
    public const string ThankYou = "תודה, הודעתכם התקבלה. נחזור אליכם בהקדם. להתראות.";
    public const string TooShort = "לא הצלחנו לשמוע את ההודעה. אנא השאירו אותה שוב אחרי הצליל.";
    public const string AnythingElse = "אם תרצו להוסיף משהו, דברו אחרי הצליל.";
    public const string ThanksForCalling = "תודה שהתקשרתם. להתראות.";
}
