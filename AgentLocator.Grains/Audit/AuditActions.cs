namespace AgentLocator.Grains.Audit;

/// <summary>One kind of thing the audit log records; <see cref="Name"/> is what the row stores and the API filters by.</summary>
public sealed record AuditAction(string Name)
{
    public override string ToString() => Name;
}

/// <summary>
/// Every action the audit log knows, in one place: a writer names one of these, the admin's filter accepts only these,
/// and the web's Hebrew names map exactly these. Adding an action is one line here (and its Hebrew name in the web app).
/// </summary>
public static class AuditActions
{
    public static readonly AuditAction SignIn = new("sign-in");
    public static readonly AuditAction SignInFailed = new("sign-in-failed");
    public static readonly AuditAction SignInLockedOut = new("sign-in-locked-out");
    public static readonly AuditAction SignOut = new("sign-out");

    public static readonly AuditAction BusinessFeaturesChanged = new("business-features-changed");
    public static readonly AuditAction UserFeaturesChanged = new("user-features-changed");

    public static readonly AuditAction UserRoleChanged = new("user-role-changed");
    public static readonly AuditAction UserDisabled = new("user-disabled");
    public static readonly AuditAction UserEnabled = new("user-enabled");
    public static readonly AuditAction PasswordResetIssued = new("password-reset-issued");
    public static readonly AuditAction InvitationCreated = new("invitation-created");
    public static readonly AuditAction InvitationRevoked = new("invitation-revoked");
    public static readonly AuditAction InvitationAccepted = new("invitation-accepted");
    public static readonly AuditAction PasswordReset = new("password-reset");
    public static readonly AuditAction PasswordChanged = new("password-changed");
    public static readonly AuditAction OtherSessionsSignedOut = new("other-sessions-signed-out");

    public static readonly AuditAction CustomersExported = new("customers-exported");
    public static readonly AuditAction CustomersImported = new("customers-imported");
    public static readonly AuditAction CustomerDeleted = new("customer-deleted");
    public static readonly AuditAction CustomerRestored = new("customer-restored");

    public static readonly AuditAction CallSettingsChanged = new("call-settings-changed");
    public static readonly AuditAction WhatsAppSenderChanged = new("whatsapp-sender-changed");

    public static readonly AuditAction ContractTemplateCreated = new("contract-template-created");
    public static readonly AuditAction ContractTemplateChanged = new("contract-template-changed");
    public static readonly AuditAction ContractTemplateArchived = new("contract-template-archived");
    public static readonly AuditAction ContractCreated = new("contract-created");
    public static readonly AuditAction ContractChanged = new("contract-changed");
    public static readonly AuditAction ContractStatusChanged = new("contract-status-changed");

    public static readonly AuditAction AuditExported = new("audit-exported");

    public static IReadOnlyList<AuditAction> All { get; } =
    [
        SignIn, SignInFailed, SignInLockedOut, SignOut, BusinessFeaturesChanged, UserFeaturesChanged,
        UserRoleChanged, UserDisabled, UserEnabled, PasswordResetIssued, InvitationCreated, InvitationRevoked, InvitationAccepted,
        PasswordReset, PasswordChanged, OtherSessionsSignedOut,
        CustomersExported, CustomersImported, CustomerDeleted, CustomerRestored, CallSettingsChanged, WhatsAppSenderChanged,
        ContractTemplateCreated, ContractTemplateChanged, ContractTemplateArchived, ContractCreated, ContractChanged, ContractStatusChanged,
        AuditExported,
    ];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(action => action.Name)];

    private static readonly Dictionary<string, AuditAction> ByName = All.ToDictionary(action => action.Name, StringComparer.Ordinal);

    public static bool TryGet(string name, out AuditAction action) => ByName.TryGetValue(name, out action!);
}
