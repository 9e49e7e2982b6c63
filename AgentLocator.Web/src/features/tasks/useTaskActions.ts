import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Task } from '../../api/contracts';
import { completeTask, reopenTask, snoozeTask, SNOOZE_MINUTES, taskKeys } from './tasksApi';
import { actionErrorMessage } from './actionErrorMessage';

export type TaskAction = 'snooze' | 'done' | 'reopen';

const calls: Record<TaskAction, (id: string) => Promise<Task>> = {
  snooze: (id) => snoozeTask(id, SNOOZE_MINUTES),
  done: completeTask,
  reopen: reopenTask,
};

/** Snooze/done/reopen from a list row: one at a time per row, the error shown beside it. */
export function useTaskActions(taskId: string) {
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<TaskAction | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run(action: TaskAction) {
    setPending(action);
    setError(null);
    try {
      await calls[action](taskId);
      await queryClient.invalidateQueries({ queryKey: taskKeys.all });
    } catch (failure) {
      setError(actionErrorMessage(failure));
    } finally {
      setPending(null);
    }
  }

  return { pending, error, run };
}
