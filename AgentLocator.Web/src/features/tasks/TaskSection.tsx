import { useId } from 'react';
import type { Task } from '../../api/contracts';
import { TaskRow } from './TaskRow';

/** A titled list of tasks; an empty section is not shown. */
export function TaskSection({
  title,
  tasks,
  timeZone,
  canOpenCustomer,
  focusId,
  tone,
  showCustomer,
}: {
  title: string;
  tasks: readonly Task[];
  timeZone: string;
  canOpenCustomer: boolean;
  focusId?: string | null;
  tone?: 'danger';
  showCustomer?: boolean;
}) {
  const headingId = useId();
  if (tasks.length === 0) return null;
  return (
    <section className={`task-section${tone ? ` task-section--${tone}` : ''}`} aria-labelledby={headingId}>
      <h2 id={headingId}>
        {title} <span className="task-section__count">({tasks.length})</span>
      </h2>
      <ul className="task-list" aria-labelledby={headingId}>
        {tasks.map((task) => (
          <TaskRow
            key={task.id}
            task={task}
            timeZone={timeZone}
            canOpenCustomer={canOpenCustomer}
            focused={task.id === focusId}
            showCustomer={showCustomer}
          />
        ))}
      </ul>
    </section>
  );
}
