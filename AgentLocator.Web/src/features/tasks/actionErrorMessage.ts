import { ApiError } from '../../api/client';
import { TASK_ACTION_ERRORS } from './strings';

/** A short Hebrew reason for a failed snooze/done/reopen; the task stays so the user can try again. */
export function actionErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.isNetworkError) return TASK_ACTION_ERRORS.offline;
    if (error.status === 404) return TASK_ACTION_ERRORS.notFound;
    if (error.status === 403) return TASK_ACTION_ERRORS.forbidden;
  }
  return TASK_ACTION_ERRORS.failed;
}
