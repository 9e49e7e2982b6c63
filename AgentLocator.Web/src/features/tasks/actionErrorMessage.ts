import { ApiError } from '../../api/client';

/** A short Hebrew reason for a failed snooze/done/reopen; the task stays so the user can try again. */
export function actionErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.isNetworkError) return 'אין חיבור לשרת. בדקו את החיבור ונסו שוב.';
    if (error.status === 404) return 'המשימה לא נמצאה. ייתכן שנמחקה.';
    if (error.status === 403) return 'אין לך הרשאה לעדכן משימה זו.';
  }
  return 'הפעולה נכשלה. נסו שוב.';
}
