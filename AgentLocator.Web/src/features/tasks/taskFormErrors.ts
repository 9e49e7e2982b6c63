import { ApiError } from '../../api/client';
import { sortFieldErrors } from '../../api/formErrors';
import { TASK_FORM_TEXT } from './strings';

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
    return { kind: 'fields', ...sortFieldErrors(error.errors, TASK_FIELD_ORDER, SNAKE_TO_FIELD) };
  }
  if (error instanceof ApiError && error.status === 404) {
    return { kind: 'general', message: TASK_FORM_TEXT.notFoundReference };
  }
  if (error instanceof ApiError && error.status === 403) {
    return { kind: 'general', message: TASK_FORM_TEXT.forbidden };
  }
  return { kind: 'general', message: TASK_FORM_TEXT.saveFailed };
}
