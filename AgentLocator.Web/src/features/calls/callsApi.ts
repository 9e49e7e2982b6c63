// Calls to /api/calls and /api/admin/call-settings, and the query keys that cache them, so pages never build
// these URLs by hand.

import { api } from '../../api/client';
import type {
  CallDetail,
  CallDisposition,
  CallListItem,
  Paged,
} from '../../api/contracts';

/** What narrows the list. Dates are "YYYY-MM-DD", meaning that day in the business's time zone. */
export interface CallFilters {
  disposition: CallDisposition | '';
  from: string;
  to: string;
  /** Only this customer's calls (the customer page's Calls tab). */
  customerId?: string;
}

export interface CallListQuery extends CallFilters {
  page: number;
  limit: number;
}

export const callKeys = {
  all: ['calls'] as const,
  lists: ['calls', 'list'] as const,
  list: (query: CallListQuery) => ['calls', 'list', query] as const,
  details: ['calls', 'detail'] as const,
  detail: (id: string) => ['calls', 'detail', id] as const,
  /** A turn's recording bytes, by its API path (which already names the call and the turn). */
  recording: (url: string) => ['calls', 'recording', url] as const,
};

/** Only set filters go on the wire, so the server applies its own defaults for the rest. */
export function callsListUrl(query: CallListQuery): string {
  const params = new URLSearchParams({ page: String(query.page), limit: String(query.limit) });
  if (query.disposition) params.set('disposition', query.disposition);
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  if (query.customerId) params.set('customerId', query.customerId);
  return `/api/calls?${params}`;
}

export const fetchCalls = (query: CallListQuery, signal?: AbortSignal) =>
  api.get<Paged<CallListItem>>(callsListUrl(query), signal);

export const fetchCall = (id: string, signal?: AbortSignal) =>
  api.get<CallDetail>(`/api/calls/${encodeURIComponent(id)}`, signal);

/** A recording is an API path that needs the bearer token, which an <audio src> cannot send. */
export const fetchRecording = (url: string, signal?: AbortSignal) => api.getBlob(url, signal);
