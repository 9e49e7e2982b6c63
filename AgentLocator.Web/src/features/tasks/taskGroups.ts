import type { Task } from '../../api/contracts';
import { zonedDay } from '../../time/zonedTime';

export interface TaskGroups {
  /** Due before now. */
  overdue: Task[];
  /** Due later today, "today" being the calendar day in the business's time zone. */
  today: Task[];
  /** Due on a later day. */
  upcoming: Task[];
}

/** Splits open tasks (already sorted by due time) into the tasks page's three sections, keeping their order. */
export function groupOpenTasks(tasks: readonly Task[], now: number, timeZone: string): TaskGroups {
  const today = zonedDay(now, timeZone);
  const groups: TaskGroups = { overdue: [], today: [], upcoming: [] };
  for (const task of tasks) {
    const due = Date.parse(task.dueAt);
    if (due < now) groups.overdue.push(task);
    else if (zonedDay(due, timeZone) === today) groups.today.push(task);
    else groups.upcoming.push(task);
  }
  return groups;
}
