// Hebrew words for the call contract's codes. An unknown code (a newer server) is shown as it came.

import type {
  CallDisposition,
  CallIntent,
  CallSpokenAs,
  CallStatus,
  CallTranscriptionProvider,
  CallTurnState,
} from '../../api/contracts';

export const DISPOSITION_LABELS: Record<CallDisposition, string> = {
  message: 'הושארה הודעה',
  'no-message': 'ללא הודעה',
  missed: 'שיחה שלא נענתה',
  'in-progress': 'בשיחה',
};

/** The order of the list's filter. */
export const DISPOSITIONS: readonly CallDisposition[] = ['message', 'no-message', 'missed', 'in-progress'];

export function isDisposition(value: string | null): value is CallDisposition {
  return value !== null && (DISPOSITIONS as readonly string[]).includes(value);
}

export const INTENT_LABELS: Record<CallIntent, string> = {
  inquiry: 'בירור',
  appointment: 'קביעת פגישה',
  complaint: 'תלונה',
  callback: 'בקשה לחזרה',
  sales: 'מכירה',
  other: 'אחר',
};

export const STATUS_LABELS: Record<CallStatus, string> = {
  'in-progress': 'בשיחה',
  completed: 'הסתיימה',
  busy: 'תפוס',
  'no-answer': 'לא נענתה',
  failed: 'נכשלה',
  canceled: 'בוטלה',
};

export const TURN_STATE_LABELS: Record<CallTurnState, string> = {
  pending: 'מעבד…',
  ready: 'הושלם',
  silent: 'הקלטה שקטה או קצרה מדי',
  failed: 'העיבוד נכשל; המתקשר שמע את הודעת הגיבוי',
  'not-configured': 'התמלול אינו מוגדר; המתקשר שמע את הודעת הגיבוי',
};

export const SPOKEN_AS_LABELS: Record<CallSpokenAs, string> = {
  audio: 'הושמעה בקול מסונתז',
  say: 'הוקראה בקול של Twilio',
  fallback: 'הושמעה הודעת הגיבוי',
};

/** Where speech became text: on the page's note and on each turn. */
export const TRANSCRIPTION_PROVIDER_LABELS: Record<CallTranscriptionProvider, string> = {
  openai: 'OpenAI',
  'whisper-local': 'במחשב המקומי (Whisper)',
  none: 'אינו מוגדר',
};

export const TRANSCRIBED_BY_LABELS: Record<CallTranscriptionProvider, string> = {
  openai: 'תומלל ב־OpenAI',
  'whisper-local': 'תומלל במחשב המקומי (Whisper)',
  none: 'לא תומלל',
};

/** The pipeline's stages, in the order they run. */
export const STAGE_LABELS: Record<string, string> = {
  download: 'הורדת ההקלטה',
  check: 'בדיקת ההקלטה',
  transcribe: 'תמלול',
  reply: 'ניסוח תשובה',
  speak: 'הקראה',
};

export const OUTCOME_LABELS: Record<string, string> = {
  ok: 'הצליח',
  success: 'הצליח',
  failed: 'נכשל',
  error: 'נכשל',
  timeout: 'חרג מהזמן',
  skipped: 'דולג',
  silent: 'שקט',
  'not-configured': 'לא מוגדר',
};

/** A label from `labels`, or the code itself when it is not (yet) known here. */
export function labelFor<K extends string>(labels: Partial<Record<K, string>>, code: K | null | undefined): string {
  if (!code) return '—';
  return labels[code] ?? code;
}

/** Lead field names the AI uses, in Hebrew; any other key is shown as sent. */
export const LEAD_FIELD_LABELS: Record<string, string> = {
  name: 'שם',
  fullName: 'שם מלא',
  phone: 'טלפון',
  email: 'אימייל',
  city: 'עיר',
  subject: 'נושא',
  request: 'בקשה',
  preferredTime: 'זמן מועדף',
  callbackTime: 'זמן לחזרה',
  notes: 'הערות',
};
