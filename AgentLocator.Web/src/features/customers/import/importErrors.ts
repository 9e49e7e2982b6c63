import { ApiError } from '../../../api/client';

/** A failed import, sorted by where the message belongs on the page. */
export interface ImportProblem {
  /** Shown as the alert's heading. */
  title: string;
  /** Extra lines under the heading. */
  details: string[];
  /** Shown under the file input. */
  file: string[];
  /** Shown under the column mapping. */
  mapping: string[];
}

export function describeImportError(error: unknown): ImportProblem {
  const problem: ImportProblem = { title: 'הייבוא נכשל. נסו שוב.', details: [], file: [], mapping: [] };
  if (!(error instanceof ApiError)) return problem;

  if (error.isNetworkError) {
    return { ...problem, title: 'אין חיבור לשרת. בדקו את החיבור ונסו שוב; שום דבר לא יובא.' };
  }
  if (error.status === 400 && error.errors) {
    const other: string[] = [];
    for (const [key, messages] of Object.entries(error.errors)) {
      const field = key.toLowerCase();
      if (field === 'file') problem.file.push(...messages);
      else if (field === 'mapping') problem.mapping.push(...messages);
      else other.push(...messages);
    }
    return { ...problem, title: 'הקובץ לא יובא. תקנו את המסומן ונסו שוב.', details: other };
  }
  if (error.status === 415) {
    return {
      ...problem,
      title: 'השרת לא קיבל את הקובץ בפורמט הנכון.',
      details: [error.detail ?? 'יש לשלוח את הקובץ כהעלאת טופס (multipart/form-data).'],
    };
  }
  if (error.status === 422) {
    return {
      ...problem,
      title: 'בקובץ יש יותר מדי שורות לייבוא אחד. שום דבר לא יובא.',
      details: [error.detail ?? 'פצלו את הקובץ לכמה קבצים קטנים יותר ונסו שוב.'],
    };
  }
  if (error.status === 413) {
    return { ...problem, title: 'הקובץ גדול מדי לשרת. פצלו אותו ונסו שוב.' };
  }
  return error.detail ? { ...problem, details: [error.detail] } : problem;
}
