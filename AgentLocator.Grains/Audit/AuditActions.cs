namespace AgentLocator.Grains.Audit;

/// <summary>
/// One kind of thing the audit log records; <see cref="Name"/> is what the row stores and the API filters by,
/// <see cref="Hebrew"/> what a person reads (the CSV export; the web app's map in auditActions.ts says the same).
/// </summary>
public sealed record AuditAction(string Name, string Hebrew)
{
    public override string ToString() => Name;
}

/// <summary>
/// Every action the audit log knows, in one place: a writer names one of these, the admin's filter accepts only these,
/// and the web's Hebrew names map exactly these. Adding an action is one line here (and the same Hebrew name in the web app).
/// </summary>
public static class AuditActions
{
    public static readonly AuditAction SignIn = new("sign-in", "כניסה למערכת");
    public static readonly AuditAction SignInFailed = new("sign-in-failed", "כניסה שנכשלה");
    public static readonly AuditAction SignInLockedOut = new("sign-in-locked-out", "החשבון ננעל");
    public static readonly AuditAction SignOut = new("sign-out", "יציאה מהמערכת");

    public static readonly AuditAction BusinessFeaturesChanged = new("business-features-changed", "שינוי תכונות העסק");
    public static readonly AuditAction UserFeaturesChanged = new("user-features-changed", "שינוי הרשאות משתמש");

    public static readonly AuditAction UserRoleChanged = new("user-role-changed", "שינוי תפקיד משתמש");
    public static readonly AuditAction UserDisabled = new("user-disabled", "השבתת משתמש");
    public static readonly AuditAction UserEnabled = new("user-enabled", "הפעלת משתמש");
    public static readonly AuditAction PasswordResetIssued = new("password-reset-issued", "הנפקת קישור לאיפוס סיסמה");
    public static readonly AuditAction InvitationCreated = new("invitation-created", "הזמנת משתמש");
    public static readonly AuditAction InvitationRevoked = new("invitation-revoked", "ביטול הזמנה");
    public static readonly AuditAction InvitationAccepted = new("invitation-accepted", "הצטרפות בהזמנה");
    public static readonly AuditAction PasswordReset = new("password-reset", "איפוס סיסמה");
    public static readonly AuditAction PasswordChanged = new("password-changed", "שינוי סיסמה");
    public static readonly AuditAction OtherSessionsSignedOut = new("other-sessions-signed-out", "יציאה משאר החיבורים");

    public static readonly AuditAction CustomersExported = new("customers-exported", "ייצוא לקוחות");
    public static readonly AuditAction CustomersImported = new("customers-imported", "ייבוא לקוחות");
    public static readonly AuditAction CustomerDeleted = new("customer-deleted", "מחיקת לקוח");
    public static readonly AuditAction CustomerRestored = new("customer-restored", "שחזור לקוח");

    public static readonly AuditAction CallSettingsChanged = new("call-settings-changed", "שינוי הגדרות מענה");
    public static readonly AuditAction WhatsAppSenderChanged = new("whatsapp-sender-changed", "שינוי מספר וואטסאפ");
    public static readonly AuditAction TwilioNumberChanged = new("twilio-number-changed", "שינוי מספר הטלפון של העסק");
    public static readonly AuditAction TwilioNumberTested = new("twilio-number-tested", "בדיקת חיבור המספר");

    public static readonly AuditAction AuditExported = new("audit-exported", "ייצוא יומן הפעולות");
    public static readonly AuditAction UniformExportDownloaded = new("uniform-export-downloaded", "ייצוא מבנה אחיד");

    /// <summary>The operator's own steps (command line or operator API), recorded in the business's log.</summary>
    public static readonly AuditAction BusinessCreated = new("business-created", "פתיחת העסק");
    public static readonly AuditAction BusinessSuspended = new("business-suspended", "השעיית העסק");
    public static readonly AuditAction BusinessResumed = new("business-resumed", "חידוש פעילות העסק");
    public static readonly AuditAction BusinessPlanChanged = new("business-plan-changed", "שינוי מסלול");

    public static readonly AuditAction SignatureRequestCreated = new("signature-request-created", "יצירת בקשת חתימה");
    public static readonly AuditAction SignatureRequestSent = new("signature-request-sent", "שליחת בקשת חתימה");
    public static readonly AuditAction SignatureRequestReminded = new("signature-request-reminded", "תזכורת לחתימה");
    public static readonly AuditAction SignatureRequestCancelled = new("signature-request-cancelled", "ביטול בקשת חתימה");
    public static readonly AuditAction SignatureRequestSigned = new("signature-request-signed", "חתימה על מסמך");
    public static readonly AuditAction SignatureRequestDeclined = new("signature-request-declined", "סירוב לחתום");
    public static readonly AuditAction SignatureRequestCompleted = new("signature-request-completed", "השלמת חתימות");
    public static readonly AuditAction SignedDocumentDownloaded = new("signed-document-downloaded", "הורדת מסמך חתום");
    public static readonly AuditAction SignatureLinkCopied = new("signature-link-copied", "העתקת קישור חתימה");
    public static readonly AuditAction SigningCertificateUploaded = new("signing-certificate-uploaded", "העלאת אישור חתימה דיגיטלית");
    public static readonly AuditAction ContractTemplateCreated = new("contract-template-created", "יצירת תבנית חוזה");
    public static readonly AuditAction ContractTemplateChanged = new("contract-template-changed", "עריכת תבנית חוזה");
    public static readonly AuditAction ContractTemplateArchived = new("contract-template-archived", "העברת תבנית חוזה לארכיון");
    public static readonly AuditAction ContractCreated = new("contract-created", "יצירת חוזה");
    public static readonly AuditAction ContractChanged = new("contract-changed", "עריכת חוזה");
    public static readonly AuditAction ContractStatusChanged = new("contract-status-changed", "שינוי מצב חוזה");

    public static readonly AuditAction TaxDocumentIssued = new("tax-document-issued", "הפקת מסמך מס");
    public static readonly AuditAction TaxDocumentCredited = new("tax-document-credited", "הפקת חשבונית זיכוי");
    public static readonly AuditAction TaxDocumentConverted = new("tax-document-converted", "המרת הצעת מחיר לחשבונית");
    public static readonly AuditAction TaxDocumentCancelled = new("tax-document-cancelled", "ביטול מסמך מס");
    public static readonly AuditAction TaxDocumentSent = new("tax-document-sent", "שליחת מסמך מס ללקוח");

    public static IReadOnlyList<AuditAction> All { get; } =
    [
        SignIn, SignInFailed, SignInLockedOut, SignOut, BusinessFeaturesChanged, UserFeaturesChanged,
        UserRoleChanged, UserDisabled, UserEnabled, PasswordResetIssued, InvitationCreated, InvitationRevoked, InvitationAccepted,
        PasswordReset, PasswordChanged, OtherSessionsSignedOut,
        CustomersExported, CustomersImported, CustomerDeleted, CustomerRestored, CallSettingsChanged, WhatsAppSenderChanged,
        TwilioNumberChanged, TwilioNumberTested,
        AuditExported, UniformExportDownloaded, BusinessCreated, BusinessSuspended, BusinessResumed, BusinessPlanChanged,
        SignatureRequestCreated, SignatureRequestSent, SignatureRequestReminded, SignatureRequestCancelled, SignatureRequestSigned,
        SignatureRequestDeclined, SignatureRequestCompleted, SignedDocumentDownloaded, SignatureLinkCopied, SigningCertificateUploaded,
        ContractTemplateCreated, ContractTemplateChanged, ContractTemplateArchived, ContractCreated, ContractChanged, ContractStatusChanged,
        TaxDocumentIssued, TaxDocumentCredited, TaxDocumentConverted, TaxDocumentCancelled, TaxDocumentSent,
    ];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(action => action.Name)];

    private static readonly Dictionary<string, AuditAction> ByName = All.ToDictionary(action => action.Name, StringComparer.Ordinal);

    public static bool TryGet(string name, out AuditAction action) => ByName.TryGetValue(name, out action!);

    /// <summary>The Hebrew name of a stored action; an action this build does not know (a newer writer's) stays as stored.</summary>
    public static string HebrewOf(string name) => TryGet(name, out var action) ? action.Hebrew : name;
}
