// The timeline's wire types and its calls to /api/crm, in one file. The types are written by hand from the shared
// contract (/work/briefs/timeline-contract.md) until the server's OpenAPI document has them; then they become
// aliases of src/api/schema.d.ts here, and nothing else changes.

import { api } from '../../api/client';

export type TimelineKind = 'call' | 'task' | 'note' | 'customer' | 'whatsapp' | 'contract' | 'invoice' | 'signature';

export interface TimelineActor {
  type: 'agent' | 'system' | 'caller';
  id: string | null;
  name: string | null;
}

export interface TimelineCall {
  callId: string;
  disposition: 'in-progress' | 'message' | 'no-message' | 'missed';
  durationSeconds: number | null;
  recordingUrl: string | null;
  transcriptFirstLine: string | null;
  summary: string | null;
}

export interface TimelineTask {
  taskId: string;
  change: 'created' | 'done' | 'reopened' | 'snoozed';
  title: string;
  status: 'open' | 'done';
  dueAt: string | null;
  snoozedUntil: string | null;
  assignee: { id: string; name: string } | null;
}

export interface TimelineNote {
  noteId: string;
  text: string;
  authorId: string | null;
  edited: boolean;
  canEdit: boolean;
  canDelete: boolean;
}

export interface TimelineCustomerChange {
  change: 'created' | 'updated' | 'imported' | 'merged';
  source: 'agent' | 'call' | 'import';
  fields: { field: string; label: string; old: string | null; new: string | null }[];
}

export interface TimelineItem {
  id: string;
  kind: TimelineKind;
  occurredAt: string;
  updatedAt: string;
  title: string;
  summary: string | null;
  actor: TimelineActor;
  link: string | null;
  customer: { id: string; name: string } | null;
  pinned: boolean;
  call?: TimelineCall;
  task?: TimelineTask;
  note?: TimelineNote;
  customerChange?: TimelineCustomerChange;
}

export interface TimelinePage {
  items: TimelineItem[];
  /** Pinned notes; filled on the first page only. */
  pinned: TimelineItem[];
  nextCursor: string | null;
}

export interface TodaySummary {
  /** null when the user lacks the calls feature. */
  callsToday: number | null;
  missedNotCalledBack: number | null;
  tasksDueToday: number;
  tasksOverdue: number;
}

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

/**
 * The timeline's SignalR names. They belong in src/realtime/events.ts, but events.test.ts checks that list against
 * the server's HubEvents.cs, which gains these names in the timeline-api branch: move them there when both are merged.
 */
export const TimelineHub = {
  /** An item added or changed (a TimelineItem): upsert by id. */
  itemEvent: 'timeline:item',
  /** An item gone (a deleted note): `{ id }`. */
  removedEvent: 'timeline:removed',
  watch: 'WatchTimeline',
  unwatch: 'UnwatchTimeline',
  watchBusiness: 'WatchBusinessTimeline',
  unwatchBusiness: 'UnwatchBusinessTimeline',
} as const;
