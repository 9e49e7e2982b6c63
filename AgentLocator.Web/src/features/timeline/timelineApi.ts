// The timeline's calls to /api/crm. Its wire types are in src/api/contracts.ts (from the generated schema).

import { api } from '../../api/client';
import type { TimelineItem, TimelineKind, TimelinePage, TodaySummary } from '../../api/contracts';

export type {
  TimelineActor,
  TimelineCall,
  TimelineCustomerChange,
  TimelineItem,
  TimelineKind,
  TimelineNote,
  TimelinePage,
  TimelineTask,
  TodaySummary,
} from '../../api/contracts';

/** What narrows a timeline; every field is optional and lives in the address bar. */
export interface TimelineFilters {
  kinds: TimelineKind[];
  /** yyyy-MM-dd in the business's time zone, inclusive. */
  from: string;
  to: string;
  q: string;
}

/** Whose timeline: one customer's, or the whole business's (the home page). */
export type TimelineScope = { customerId: string } | { business: true };

export const TIMELINE_PAGE_SIZE = 30;

export const timelineKeys = {
  all: ['timeline'] as const,
  scope: (scope: TimelineScope) =>
    'customerId' in scope ? (['timeline', 'customer', scope.customerId] as const) : (['timeline', 'business'] as const),
  list: (scope: TimelineScope, filters: TimelineFilters) => [...timelineKeys.scope(scope), filters] as const,
  today: ['timeline', 'today'] as const,
};

const customerPath = (customerId: string) => `/api/crm/customers/${encodeURIComponent(customerId)}`;

export function timelineUrl(scope: TimelineScope, filters: TimelineFilters, cursor: string | null): string {
  const params = new URLSearchParams();
  filters.kinds.forEach((kind) => params.append('kind', kind));
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (filters.q.trim()) params.set('q', filters.q.trim());
  params.set('limit', String(TIMELINE_PAGE_SIZE));
  if (cursor) params.set('cursor', cursor);
  const base = 'customerId' in scope ? `${customerPath(scope.customerId)}/timeline` : '/api/crm/timeline';
  return `${base}?${params}`;
}

export const fetchTimeline = (scope: TimelineScope, filters: TimelineFilters, cursor: string | null, signal?: AbortSignal) =>
  api.get<TimelinePage>(timelineUrl(scope, filters, cursor), signal);

export const fetchToday = (signal?: AbortSignal) => api.get<TodaySummary>('/api/crm/today', signal);

const notesPath = (customerId: string) => `${customerPath(customerId)}/notes`;

export const createNote = (customerId: string, text: string) =>
  api.post<TimelineItem>(notesPath(customerId), { text });

export const updateNote = (customerId: string, noteId: string, changes: { text?: string; pinned?: boolean }) =>
  api.patch<TimelineItem>(`${notesPath(customerId)}/${encodeURIComponent(noteId)}`, changes);

export const deleteNote = (customerId: string, noteId: string) =>
  api.delete(`${notesPath(customerId)}/${encodeURIComponent(noteId)}`);
