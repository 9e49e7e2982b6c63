// Keeps calls pages current while a call is going on: the hub pushes `call:updated` (a CallListItem) to every
// connection that invoked WatchCalls, for each change to any of the business's calls.

import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { CallListItem, Paged } from '../../api/contracts';
import {
  HubEvents,
  HubMethods,
  useHubEvent,
  useHubSubscription,
  useOnReconnected,
  type HubSubscriptionStatus,
} from '../../realtime';
import { zonedDay } from '../../time/zonedTime';
import { callKeys, type CallListQuery } from './callsApi';

/** Guids may differ in case between the address bar and the server's JSON. */
export const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Whether `call` belongs in a list filtered by `query`, judged as the server would. */
export function callMatches(call: CallListItem, query: CallListQuery, timeZone: string): boolean {
  if (query.disposition && call.disposition !== query.disposition) return false;
  if (query.customerId && !(call.customer && sameId(call.customer.id, query.customerId))) return false;
  if (query.from || query.to) {
    const day = zonedDay(call.startedAt, timeZone);
    if (query.from && day < query.from) return false;
    if (query.to && day > query.to) return false;
  }
  return true;
}

/** Newest first, as the API orders the list. */
const newerFirst = (a: CallListItem, b: CallListItem) => Date.parse(b.startedAt) - Date.parse(a.startedAt);

/**
 * Writes a pushed call into every cached list page: replaced where it is shown, inserted into a first page it now
 * belongs on (a new call), dropped from a page whose filter it no longer matches. Pages that cannot be patched
 * honestly (a later page that a new call would shift) are marked stale and refetched when next shown.
 */
export function applyCallUpdate(queryClient: QueryClient, call: CallListItem, timeZone: string): void {
  for (const [key, data] of queryClient.getQueriesData<Paged<CallListItem>>({ queryKey: callKeys.lists })) {
    if (!data) continue;
    const query = key[2] as CallListQuery;
    const index = data.items.findIndex((item) => sameId(item.id, call.id));
    const matches = callMatches(call, query, timeZone);

    if (index >= 0 && matches) {
      queryClient.setQueryData<Paged<CallListItem>>(key, {
        ...data,
        items: data.items.map((item, i) => (i === index ? call : item)),
      });
    } else if (index >= 0) {
      // It left this view (e.g. "in progress" and the call ended): take it out, and let the server refill the page.
      queryClient.setQueryData<Paged<CallListItem>>(key, {
        ...data,
        items: data.items.filter((_, i) => i !== index),
        page: { ...data.page, total: Math.max(0, data.page.total - 1) },
      });
      void queryClient.invalidateQueries({ queryKey: key, exact: true });
    } else if (matches && query.page === 1) {
      const items = [...data.items, call].sort(newerFirst);
      const position = items.indexOf(call);
      // Older than a full page's last row: it belongs on a later page, not this one.
      if (position >= query.limit) continue;
      const total = data.page.total + 1;
      const totalPages = Math.ceil(total / data.page.limit);
      queryClient.setQueryData<Paged<CallListItem>>(key, {
        items: items.slice(0, query.limit),
        page: { ...data.page, total, totalPages, hasNext: data.page.page < totalPages },
      });
    } else if (matches) {
      void queryClient.invalidateQueries({ queryKey: key, exact: true, refetchType: 'none' });
    }
  }
}

/**
 * Watches the business's calls on the hub while mounted, keeps the cached lists current, and runs `onCall` for
 * each push (the call page refetches its own call). Events missed while the connection was down are made up for
 * by refetching after a reconnection. `enabled` waits until the page knows it may show calls.
 */
export function useLiveCalls({
  timeZone,
  enabled = true,
  onCall,
}: {
  timeZone: string;
  enabled?: boolean;
  onCall?: (call: CallListItem) => void;
}): HubSubscriptionStatus {
  const queryClient = useQueryClient();
  const status = useHubSubscription(HubMethods.watchCalls, HubMethods.unwatchCalls, [], { enabled });
  useHubEvent(HubEvents.callUpdated, (call: CallListItem) => {
    if (!enabled || !call?.id) return;
    applyCallUpdate(queryClient, call, timeZone);
    onCall?.(call);
  });
  useOnReconnected(() => {
    if (!enabled) return;
    // Not the recordings: their bytes do not change, and refetching one would interrupt its player.
    void queryClient.invalidateQueries({ queryKey: callKeys.lists });
    void queryClient.invalidateQueries({ queryKey: callKeys.details });
  });
  return status;
}
