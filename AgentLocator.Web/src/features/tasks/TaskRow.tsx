import { Link } from 'react-router-dom';
import type { Task } from '../../api/contracts';
import { formatDueAt } from '../../time/zonedTime';
import { useTaskActions } from './useTaskActions';
import { subjectWithoutCustomer, TaskCallLink } from './taskSubject';
import { DateText, TextWithNumbers } from '../../ui/Ltr';
import { TASK_ROW_TEXT, TASKS_TEXT } from './strings';

/**
 * One task in a list. The customer links to their page only for users who have the CRM; a task without a customer
 * (a withheld caller's message) names the caller instead, and a task from a call links to it.
 */
export function TaskRow({
  task,
  timeZone,
  canOpenCustomer,
  showCustomer = true,
  focused = false,
}: {
  task: Task;
  timeZone: string;
  canOpenCustomer: boolean;
  showCustomer?: boolean;
  focused?: boolean;
}) {
  const { pending, error, run } = useTaskActions(task.id);
  const done = task.status === 'done';

  return (
    <li
      className={`task-row${done ? ' task-row--done' : ''}${focused ? ' task-row--focused' : ''}`}
      data-testid={`task-row-${task.id}`}
      aria-current={focused || undefined}
    >
      <div className="task-row__main">
        <span className="task-row__title">
          <TextWithNumbers text={task.title} />
        </span>
        <span className="task-row__meta">
          <DateText iso={task.dueAt}>{formatDueAt(task.dueAt, timeZone)}</DateText>
          {showCustomer && task.customer && (
            <>
              {' · '}
              {canOpenCustomer ? (
                <Link to={`/customers/${task.customer.id}`}>
                  <TextWithNumbers text={task.customer.name} />
                </Link>
              ) : (
                <TextWithNumbers text={task.customer.name} />
              )}
            </>
          )}
          {showCustomer && !task.customer && (
            <>
              {' · '}
              <span className="muted" data-testid="task-no-customer">
                {subjectWithoutCustomer(task)}
              </span>
            </>
          )}
          <TaskCallLink task={task} separator=" · " />
          {done && <span className="badge task-row__badge">{TASK_ROW_TEXT.doneBadge}</span>}
        </span>
      </div>
      <div className="task-row__actions" role="group" aria-label={TASK_ROW_TEXT.actionsFor(task.title)}>
        {done ? (
          <button type="button" className="button" disabled={pending !== null} onClick={() => void run('reopen')}>
            {TASK_ROW_TEXT.reopen}
          </button>
        ) : (
          <>
            <button type="button" className="button" disabled={pending !== null} onClick={() => void run('snooze')}>
              {TASKS_TEXT.snooze}
            </button>
            <button type="button" className="button" disabled={pending !== null} onClick={() => void run('done')}>
              {TASKS_TEXT.markDone}
            </button>
          </>
        )}
        <Link className="button" to={`/tasks/${task.id}/edit`} aria-label={TASK_ROW_TEXT.editLabel(task.title)}>
          {TASK_ROW_TEXT.edit}
        </Link>
      </div>
      <p role="alert" className="form-error task-row__error">
        {error}
      </p>
    </li>
  );
}
