import { FEATURE_LABELS } from '../settings/adminApi';
import type { FeatureKey } from '../../api/contracts';

const FIELD_LABELS: Record<string, string> = {
  greetingText: 'ברכה',
  replyPrompt: 'הנחיית מענה',
  fallbackMessage: 'הודעת גיבוי',
  defaultAgentId: 'סוכן ברירת מחדל',
  reason: 'סיבה',
  failures: 'ניסיונות שגויים',
  lockedUntil: 'נעול עד',
  rows: 'שורות',
  created: 'נוצרו',
  merged: 'מוזגו',
  rejected: 'נדחו',
  fileName: 'קובץ',
  completed: 'הושלם',
  filter: 'סינון',
  columns: 'עמודות',
  customerId: 'לקוח',
  templateId: 'תבנית',
  templateVersion: 'גרסת תבנית',
  version: 'גרסה',
  name: 'שם',
  fields: 'שדות',
  number: 'מספר',
  ok: 'הצליחה',
  status: 'קוד תשובה',
  // A signature request's audited steps (SignatureTrail).
  requestId: 'בקשת חתימה',
  signerId: 'מזהה חותם',
  signer: 'חותם',
  detail: 'פרטים',
};

const REASON_LABELS: Record<string, string> = {
  'wrong-password': 'סיסמה שגויה',
  'unknown-email': 'כתובת לא מוכרת',
  'locked-out': 'החשבון נעול',
  // A contract's statuses (contract-status-changed) and its edited parts (contract-changed).
  draft: 'טיוטה',
  sent: 'נשלח',
  viewed: 'נצפה',
  signed: 'נחתם',
  declined: 'נדחה',
  expired: 'פג תוקף',
  cancelled: 'בוטל',
  title: 'כותרת',
  fieldValues: 'ערכי שדות',
};

function text(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) {
    return value.length === 0
      ? 'ללא'
      : value.map((item) => FEATURE_LABELS[item as FeatureKey] ?? REASON_LABELS[String(item)] ?? String(item)).join(', ');
  }
  if (typeof value === 'boolean') return value ? 'כן' : 'לא';
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length === 0 ? '—' : entries.map(([key, inner]) => `${key}=${text(inner)}`).join(', ');
  }
  return REASON_LABELS[String(value)] ?? String(value);
}

function isChange(value: unknown): value is { old: unknown; new: unknown } {
  return typeof value === 'object' && value !== null && 'old' in value && 'new' in value;
}

/**
 * One line per thing the row records: a list change as what was added and removed (features in Hebrew names), any
 * other change as "old ← new" (null limits mean "all the business has"), anything else as "label: value". Unknown
 * fields show under their own names.
 */
export function describeDetails(details: unknown, action: string): string[] {
  if (isChange(details) && Array.isArray(details.old) && Array.isArray(details.new)) {
    // A list change reads best as what was switched on and off, not as two long lists.
    const before = details.old as unknown[];
    const after = details.new as unknown[];
    const added = after.filter((item) => !before.includes(item));
    const removed = before.filter((item) => !after.includes(item));
    return [...(added.length ? [`נוספו: ${text(added)}`] : []), ...(removed.length ? [`הוסרו: ${text(removed)}`] : [])];
  }
  if (isChange(details)) {
    const all = action === 'user-features-changed' ? 'כל תכונות העסק' : '—';
    const side = (value: unknown) => (value === null ? all : text(value));
    return [`${side(details.old)} ← ${side(details.new)}`];
  }
  if (typeof details !== 'object' || details === null) return [];
  return Object.entries(details as Record<string, unknown>)
    .filter(([key]) => key !== 'sessionId')
    .map(([key, value]) =>
      isChange(value) ? `${FIELD_LABELS[key] ?? key}: ${text(value.old)} ← ${text(value.new)}` : `${FIELD_LABELS[key] ?? key}: ${text(value)}`,
    );
}
