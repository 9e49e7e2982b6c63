// Writes one item into every cached timeline it belongs to (this customer's, the business feed, any filter), so
// a change made here or pushed by the server shows wherever the item is on screen.

import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { timelineKeys, type TimelineFilters, type TimelineItem, type TimelineScope } from './timelineApi';
import { containsItem, findItem, mapItems, matchesFilters, removeItem, upsertItem, type TimelineData } from './timelineCache';

/** The scope and filters of a list key made by `timelineKeys.list`, or null for other timeline keys. */
function parseListKey(key: QueryKey): { scope: TimelineScope; filters: TimelineFilters } | null {
  if (key[1] === 'customer' && key.length === 4) return { scope: { customerId: String(key[2]) }, filters: key[3] as TimelineFilters };
  if (key[1] === 'business' && key.length === 3) return { scope: { business: true }, filters: key[2] as TimelineFilters };
  return null;
}

export function belongsToScope(item: TimelineItem, scope: TimelineScope): boolean {
  if (!('customerId' in scope)) return true;
  return !item.customer || item.customer.id.toLowerCase() === scope.customerId.toLowerCase();
}

function eachList(queryClient: QueryClient, visit: (key: QueryKey, data: TimelineData, scope: TimelineScope, filters: TimelineFilters) => void) {
  for (const [key, data] of queryClient.getQueriesData<TimelineData>({ queryKey: timelineKeys.all })) {
    const parsed = parseListKey(key);
    if (data && parsed) visit(key, data, parsed.scope, parsed.filters);
  }
}

/** Replaces the item where it is already shown; inserts it where it is new and its scope and filters take it. */
export function writeItem(queryClient: QueryClient, item: TimelineItem, timeZone: string): void {
  eachList(queryClient, (key, data, scope, filters) => {
    const known = containsItem(data, item.id);
    if (known || (belongsToScope(item, scope) && matchesFilters(item, filters, timeZone))) {
      queryClient.setQueryData<TimelineData>(key, upsertItem(data, item));
    }
  });
}

export function dropItem(queryClient: QueryClient, id: string): void {
  eachList(queryClient, (key, data) => queryClient.setQueryData<TimelineData>(key, removeItem(data, id)));
}

export function changeItems(queryClient: QueryClient, change: (item: TimelineItem) => TimelineItem): void {
  eachList(queryClient, (key, data) => queryClient.setQueryData<TimelineData>(key, mapItems(data, change)));
}

/** The copy of an item already in any cached timeline, if there is one. */
export function cachedItem(queryClient: QueryClient, id: string): TimelineItem | undefined {
  let found: TimelineItem | undefined;
  eachList(queryClient, (_key, data) => {
    found ??= findItem(data, id);
  });
  return found;
}
