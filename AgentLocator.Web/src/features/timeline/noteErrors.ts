import { ApiError } from '../../api/client';

/** A short Hebrew reason a note could not be saved, changed or deleted; the API's own field messages when it sent them. */
export function noteErrorMessage(error: unknown, action: 'save' | 'delete'): string {
  if (error instanceof ApiError) {
    if (error.errors) return Object.values(error.errors).flat().join(' ');
    if (error.isNetworkError) return 'אין חיבור לשרת. בדקו את החיבור ונסו שוב.';
    if (error.status === 403) return action === 'delete' ? 'רק מי שכתב את ההערה או מנהל יכולים למחוק אותה.' : 'רק מי שכתב את ההערה יכול לערוך אותה.';
    if (error.status === 404) return 'ההערה לא נמצאה. ייתכן שנמחקה.';
  }
  return action === 'delete' ? 'ההערה לא נמחקה. נסו שוב.' : 'ההערה לא נשמרה. נסו שוב.';
}

/** Ctrl+Enter (⌘+Enter on a Mac) sends a note, as in most chat and comment boxes. */
export const isSendShortcut = (event: { key: string; ctrlKey: boolean; metaKey: boolean }) =>
  event.key === 'Enter' && (event.ctrlKey || event.metaKey);

export const NOTE_MAX_LENGTH = 5000;
