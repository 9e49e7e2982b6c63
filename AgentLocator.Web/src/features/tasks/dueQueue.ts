// The due-alerts queue as pure functions, so its rules are tested without React or a connection.
// One entry per task: the same alert may arrive twice (catch-up and live), and a task rung again after a
// snooze replaces its older entry instead of showing twice.

import type { Task, TaskDueMessage } from '../../api/contracts';

export interface DueAlert {
  task: Task;
  /** The reminder time that fired; with the task id, what identifies one alert. */
  reminderAt: string;
}

export type DueQueue = readonly DueAlert[];

/** An alert still needs the user while the task is open, not deleted, and its alert time has come. */
export function isRinging(task: Task, now: number): boolean {
  return task.status === 'open' && !task.deletedAt && Date.parse(task.remindAt) <= now;
}

/** Adds an alert at the end, or refreshes the task's existing entry in place (keeping its turn). */
export function enqueue(queue: DueQueue, alert: DueAlert): DueQueue {
  const index = queue.findIndex((entry) => entry.task.id === alert.task.id);
  if (index === -1) return [...queue, alert];
  const existing = queue[index];
  // An older copy of the task (a late catch-up answer) must not overwrite a newer one.
  const newer = Date.parse(alert.task.updatedAt) > Date.parse(existing.task.updatedAt) ? alert.task : existing.task;
  const reminderAt = Date.parse(alert.reminderAt) > Date.parse(existing.reminderAt) ? alert.reminderAt : existing.reminderAt;
  if (newer === existing.task && reminderAt === existing.reminderAt) return queue;
  const next = [...queue];
  next[index] = { task: newer, reminderAt };
  return next;
}

export const fromMessage = (message: TaskDueMessage): DueAlert => ({
  task: message.task,
  reminderAt: message.reminderAt,
});

/** Catch-up (GET /api/tasks/due): every task there is ringing now, with its current remindAt as the reminder. */
export function mergeCatchUp(queue: DueQueue, dueTasks: readonly Task[], now: number): DueQueue {
  return dueTasks
    .filter((task) => isRinging(task, now))
    .reduce<DueQueue>((next, task) => enqueue(next, { task, reminderAt: task.remindAt }), queue);
}

/** `task:updated`: keep the fresh copy while it still rings, drop it otherwise (snoozed, done, deleted elsewhere). */
export function applyUpdate(queue: DueQueue, task: Task, now: number): DueQueue {
  const index = queue.findIndex((entry) => entry.task.id === task.id);
  if (index === -1) return queue;
  if (!isRinging(task, now)) return queue.filter((entry) => entry.task.id !== task.id);
  if (Date.parse(task.updatedAt) < Date.parse(queue[index].task.updatedAt)) return queue;
  const next = [...queue];
  next[index] = { ...queue[index], task };
  return next;
}

export function remove(queue: DueQueue, taskId: string): DueQueue {
  return queue.some((entry) => entry.task.id === taskId) ? queue.filter((entry) => entry.task.id !== taskId) : queue;
}
