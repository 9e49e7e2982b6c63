import { ApiError } from '../../api/client';
import { sortFieldErrors } from '../../api/formErrors';

export type CallSettingsField = 'greetingText' | 'replyPrompt' | 'fallbackMessage' | 'defaultAgentId';
export const CALL_SETTINGS_FIELDS: readonly CallSettingsField[] = [
  'greetingText',
  'replyPrompt',
  'fallbackMessage',
  'defaultAgentId',
];

export type CallSettingsFailure =
  | { kind: 'fields'; errors: Partial<Record<CallSettingsField, string[]>>; other: string | null }
  | { kind: 'general'; message: string };

/** A failed save, sorted by where each message belongs: next to its field, or above the button. */
export function toCallSettingsFailure(error: unknown): CallSettingsFailure {
  if (error instanceof ApiError && error.status === 400 && error.errors) {
    return { kind: 'fields', ...sortFieldErrors(error.errors, CALL_SETTINGS_FIELDS) };
  }
  if (error instanceof ApiError && error.isNetworkError) {
    return { kind: 'general', message: 'אין חיבור לשרת. ההגדרות לא נשמרו; נסו שוב.' };
  }
  if (error instanceof ApiError && error.detail) {
    return { kind: 'general', message: `ההגדרות לא נשמרו: ${error.detail}` };
  }
  return { kind: 'general', message: 'השמירה נכשלה. נסו שוב.' };
}

/** Why the greeting recording was refused, in words an admin can act on. */
export function greetingAudioErrorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return 'ההעלאה נכשלה. נסו שוב.';
  if (error.isNetworkError) return 'אין חיבור לשרת. ההקלטה לא הועלתה; נסו שוב.';
  if (error.status === 413) return 'הקובץ גדול מדי. אפשר להעלות קובץ שמע של עד 5MB.';
  if (error.status === 415) return error.detail ?? 'הקובץ אינו קובץ שמע נתמך. נסו MP3 או WAV.';
  if (error.status === 400 && error.errors) {
    const messages = Object.values(error.errors).flat();
    if (messages.length) return messages.join(' ');
  }
  return error.detail ?? 'ההעלאה נכשלה. נסו שוב.';
}

/** Why the hold clip was refused: the greeting's reasons, plus a length the server could not read or would not take. */
export function holdClipErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 422) {
    return 'אורך הקטע חייב להיות בין 1 ל-20 שניות, בקובץ MP3 או WAV תקין.';
  }
  return greetingAudioErrorMessage(error);
}
