// Calls to /api/tasks and the query keys that cache them, so pages never build these URLs by hand.

import { api } from '../../api/client';
import type { Paged, Task, TaskInput } from '../../api/contracts';

export type TaskListStatus = 'open' | 'done' | 'all';

export interface TaskListQuery {
  status: TaskListStatus;
  /** Omitted: the API's default, the signed-in user's tasks. */
  assignee?: 'me' | 'all' | string;
  customerId?: string;
  limit: number;
}

export const taskKeys = {
  all: ['tasks'] as const,
  list: (query: TaskListQuery) => ['tasks', 'list', query] as const,
  detail: (id: string) => ['tasks', 'detail', id] as const,
  due: ['tasks', 'due'] as const,
};

export function tasksListUrl(query: TaskListQuery, page: number): string {
  const params = new URLSearchParams({ status: query.status, page: String(page), limit: String(query.limit) });
  if (query.assignee) params.set('assignee', query.assignee);
  if (query.customerId) params.set('customer_id', query.customerId);
  return `/api/tasks?${params}`;
}

const taskUrl = (id: string) => `/api/tasks/${encodeURIComponent(id)}`;

export const fetchTasks = (query: TaskListQuery, page: number, signal?: AbortSignal) =>
  api.get<Paged<Task>>(tasksListUrl(query, page), signal);

/** My open tasks whose alert time has come: what a (re)connecting tab must show. */
export const fetchDueTasks = (signal?: AbortSignal) => api.get<Task[]>('/api/tasks/due', signal);

export const fetchTask = (id: string, signal?: AbortSignal) => api.get<Task>(taskUrl(id), signal);

export const createTask = (input: TaskInput) => api.post<Task>('/api/tasks', input);

export const updateTask = (id: string, changes: Partial<Omit<TaskInput, 'customerId'>>) =>
  api.patch<Task>(taskUrl(id), changes);

/** Moves the alert only; the due time stays. */
export const snoozeTask = (id: string, minutes: number) => api.post<Task>(`${taskUrl(id)}/snooze`, { minutes });

export const completeTask = (id: string) => api.post<Task>(`${taskUrl(id)}/done`);

export const reopenTask = (id: string) => api.post<Task>(`${taskUrl(id)}/reopen`);

export const SNOOZE_MINUTES = 15;
