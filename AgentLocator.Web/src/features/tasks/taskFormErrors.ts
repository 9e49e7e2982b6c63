import { ApiError } from '../../api/client';
import { fieldErrorsByName } from '../customers/CustomerForm';

export type TaskField = 'title' | 'customerId' | 'dueAt' | 'remindBefore' | 'notes' | 'assigneeId';
export const TASK_FIELD_ORDER: readonly TaskField[] = ['title', 'customerId', 'dueAt', 'remindBefore', 'notes', 'assigneeId'];

/** The API reports an error under the name the caller used, but also accepts (and may name) the seed's snake_case. */
const SNAKE_TO_FIELD: Record<string, TaskField> = {
  customer_id: 'customerId',
  due_at: 'dueAt',
  remind_before: 'remindBefore',
  assignee: 'assigneeId',
};

export type TaskFormFailure =
  | { kind: 'fields'; errors: Partial<Record<TaskField, string[]>>; other: string | null }
  | { kind: 'general'; message: string };

export function toTaskFormFailure(error: unknown): TaskFormFailure {
  if (error instanceof ApiError && error.status === 400 && error.errors) {
    const errors: Partial<Record<TaskField, string[]>> = {};
    const other: string[] = [];
    for (const [key, messages] of Object.entries(fieldErrorsByName(error.errors))) {
      const field = SNAKE_TO_FIELD[key] ?? (TASK_FIELD_ORDER.includes(key as TaskField) ? (key as TaskField) : null);
      if (field) errors[field] = [...(errors[field] ?? []), ...(messages ?? [])];
      else other.push(...(messages ?? []));
    }
    return { kind: 'fields', errors, other: other.length ? other.join(' ') : null };
  }
  if (error instanceof ApiError && error.status === 404) {
    return { kind: 'general', message: 'הלקוח או העובד שנבחרו לא נמצאו. ייתכן שנמחקו.' };
  }
  if (error instanceof ApiError && error.status === 403) {
    return { kind: 'general', message: 'אין לך הרשאה לשמור משימה זו.' };
  }
  return { kind: 'general', message: 'השמירה נכשלה. בדקו את החיבור ונסו שוב.' };
}
