import { ApiError } from '../../api/client';

/** Turns a failed login into one Hebrew sentence that tells the user what to do next. */
export function loginErrorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) {
    return 'אירעה שגיאה לא צפויה. נסו שוב.';
  }
  if (error.isNetworkError) {
    return 'אין חיבור לשרת. בדקו את החיבור לאינטרנט ונסו שוב.';
  }
  switch (error.status) {
    case 400:
      return 'נא להזין כתובת אימייל תקינה וסיסמה.';
    case 401:
      return 'האימייל או הסיסמה שגויים.';
    case 429:
      return error.retryAfterSeconds
        ? `יותר מדי ניסיונות כניסה. נסו שוב בעוד ${Math.ceil(error.retryAfterSeconds / 60)} דקות.`
        : 'יותר מדי ניסיונות כניסה. נסו שוב מאוחר יותר.';
    case 403:
      // A disabled user or a suspended business: the server's sentence says which and whom to ask.
      return error.detail ? `${error.title} ${error.detail}` : error.title;
    default:
      return 'השרת לא הצליח להשלים את הכניסה. נסו שוב בעוד רגע.';
  }
}
