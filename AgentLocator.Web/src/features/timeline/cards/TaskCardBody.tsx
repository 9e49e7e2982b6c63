import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { CardBodyProps } from '../timelineKinds';
import { useTimelineContext } from '../TimelineContext';
import { changeItems } from '../timelineCacheWriter';
import { timelineKeys } from '../timelineApi';
import { completeTask, taskKeys } from '../../tasks/tasksApi';
import { actionErrorMessage } from '../../tasks/actionErrorMessage';
import { formatDueAt } from '../../../time/zonedTime';

/** The task as it stands now, with "done" in place while it is open. */
export function TaskCardBody({ item }: CardBodyProps) {
  const { timeZone, taskStatus } = useTimelineContext();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const task = item.task;
  if (!task) return item.summary ? <p className="timeline-card__summary">{item.summary}</p> : null;
  const status = taskStatus(task.taskId) ?? task.status;

  async function complete(taskId: string) {
    setPending(true);
    setError(null);
    try {
      await completeTask(taskId);
      // Every card of this task shows its current status; the "done" event itself arrives over the hub.
      changeItems(queryClient, (other) =>
        other.task?.taskId === taskId ? { ...other, task: { ...other.task, status: 'done' } } : other,
      );
      void queryClient.invalidateQueries({ queryKey: taskKeys.all });
      void queryClient.invalidateQueries({ queryKey: timelineKeys.today });
    } catch (failure) {
      setError(actionErrorMessage(failure));
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      {item.summary && <p className="timeline-card__summary">{item.summary}</p>}
      <p className="timeline-card__facts">
        <span className={`timeline-chip timeline-chip--task-${status}`}>{status === 'done' ? 'בוצעה' : 'פתוחה'}</span>
        {task.dueAt && <span>לביצוע: {formatDueAt(task.dueAt, timeZone)}</span>}
        {task.assignee && <span>אחראי: {task.assignee.name}</span>}
      </p>
      {status === 'open' && (
        <div className="timeline-card__actions">
          <button
            type="button"
            className="button button--small"
            disabled={pending}
            aria-label={`סימון כבוצעה: ${task.title}`}
            onClick={() => void complete(task.taskId)}
          >
            {pending ? 'מסמן…' : 'סימון כבוצעה'}
          </button>
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
