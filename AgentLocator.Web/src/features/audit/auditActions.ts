// The audit log's vocabulary in Hebrew: the one map every screen of the audit log reads. The keys are the API's
// AuditActions (AgentLocator.Grains/Audit/AuditActions.cs); a new action there gets its name here.

export const AUDIT_ACTION_LABELS = {
  'sign-in': 'כניסה למערכת',
  'sign-in-failed': 'כניסה שנכשלה',
  'sign-in-locked-out': 'החשבון ננעל',
  'sign-out': 'יציאה מהמערכת',
  'business-features-changed': 'שינוי תכונות העסק',
  'user-features-changed': 'שינוי הרשאות משתמש',
  'user-role-changed': 'שינוי תפקיד משתמש',
  'user-disabled': 'השבתת משתמש',
  'user-enabled': 'הפעלת משתמש',
  'password-reset-issued': 'הנפקת קישור לאיפוס סיסמה',
  'invitation-created': 'הזמנת משתמש',
  'invitation-revoked': 'ביטול הזמנה',
  'invitation-accepted': 'הצטרפות בהזמנה',
  'password-reset': 'איפוס סיסמה',
  'password-changed': 'שינוי סיסמה',
  'other-sessions-signed-out': 'יציאה משאר החיבורים',
  'customers-exported': 'ייצוא לקוחות',
  'customers-imported': 'ייבוא לקוחות',
  'customer-deleted': 'מחיקת לקוח',
  'customer-restored': 'שחזור לקוח',
  'call-settings-changed': 'שינוי הגדרות מענה',
  'whatsapp-sender-changed': 'שינוי מספר וואטסאפ',
  'twilio-number-changed': 'שינוי מספר הטלפון של העסק',
  'twilio-number-tested': 'בדיקת חיבור המספר',
  'contract-template-created': 'יצירת תבנית חוזה',
  'contract-template-changed': 'עריכת תבנית חוזה',
  'contract-template-archived': 'העברת תבנית חוזה לארכיון',
  'contract-created': 'יצירת חוזה',
  'contract-changed': 'עריכת חוזה',
  'contract-status-changed': 'שינוי מצב חוזה',
  'audit-exported': 'ייצוא יומן הפעולות',
  'uniform-export-downloaded': 'ייצוא מבנה אחיד',
  'business-created': 'פתיחת העסק',
  'business-suspended': 'השעיית העסק',
  'business-resumed': 'חידוש פעילות העסק',
  'business-plan-changed': 'שינוי מסלול',
  'signature-request-created': 'יצירת בקשת חתימה',
  'signature-request-sent': 'שליחת בקשת חתימה',
  'signature-request-reminded': 'תזכורת לחתימה',
  'signature-request-cancelled': 'ביטול בקשת חתימה',
  'signature-request-signed': 'חתימה על מסמך',
  'signature-request-declined': 'סירוב לחתום',
  'signature-request-completed': 'השלמת חתימות',
  'signed-document-downloaded': 'הורדת מסמך חתום',
  'signature-link-copied': 'העתקת קישור חתימה',
  'signing-certificate-uploaded': 'העלאת אישור חתימה דיגיטלית',
  'tax-document-issued': 'הפקת מסמך מס',
  'tax-document-credited': 'הפקת חשבונית זיכוי',
  'tax-document-converted': 'המרת הצעת מחיר לחשבונית',
  'tax-document-cancelled': 'ביטול מסמך מס',
  'tax-document-sent': 'שליחת מסמך מס ללקוח',
} as const;

export type AuditActionName = keyof typeof AUDIT_ACTION_LABELS;

export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditActionName[];

/** A name the web does not know yet (a newer server) shows as sent rather than disappearing. */
export const auditActionLabel = (action: string) => AUDIT_ACTION_LABELS[action as AuditActionName] ?? action;

/** Who acted when it was not a user of the business. */
export const ACTOR_TYPE_LABELS: Record<string, string> = {
  system: 'המערכת',
  operator: 'מפעיל השירות',
  anonymous: 'לא מזוהה',
};

export const TARGET_TYPE_LABELS: Record<string, string> = {
  business: 'העסק',
  user: 'משתמש',
  customer: 'לקוח',
  customers: 'רשימת הלקוחות',
  'contract-template': 'תבנית חוזה',
  'tax-books': 'ספרי המסמכים',
  contract: 'חוזה',
  'tax-document': 'מסמך מס',
};
