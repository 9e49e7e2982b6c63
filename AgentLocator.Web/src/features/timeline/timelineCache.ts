// Pure edits of a cached timeline (all loaded pages), so live events and the user's own changes land in one place.

import type { InfiniteData } from '@tanstack/react-query';
import type { TimelineFilters, TimelineItem, TimelinePage } from './timelineApi';
import { zonedDay } from '../../time/zonedTime';

export type TimelineData = InfiniteData<TimelinePage, string | null>;

/** The API's order: newest first, then by id descending, so ties never swap places. */
export function newerFirst(a: TimelineItem, b: TimelineItem): number {
  const byTime = Date.parse(b.occurredAt) - Date.parse(a.occurredAt);
  if (byTime !== 0) return byTime;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function findItem(data: TimelineData | undefined, id: string): TimelineItem | undefined {
  for (const page of data?.pages ?? []) {
    const found = page.items.find((item) => sameId(item.id, id)) ?? page.pinned.find((item) => sameId(item.id, id));
    if (found) return found;
  }
  return undefined;
}

export function containsItem(data: TimelineData | undefined, id: string): boolean {
  return Boolean(
    data?.pages.some((page) => page.items.some((item) => sameId(item.id, id)) || page.pinned.some((item) => sameId(item.id, id))),
  );
}

/**
 * Puts `item` where it belongs: replaces the copy with the same id wherever it is, or inserts it in order. An item
 * older than everything loaded while more pages remain is left for the page that will bring it. Pinned notes are
 * kept in the first page's `pinned` list too, so pinning and unpinning move them in and out of the header.
 */
export function upsertItem(data: TimelineData, item: TimelineItem): TimelineData {
  let replaced = false;
  const pages = data.pages.map((page) => {
    if (!page.items.some((existing) => sameId(existing.id, item.id))) return page;
    replaced = true;
    return { ...page, items: page.items.map((existing) => (sameId(existing.id, item.id) ? item : existing)) };
  });

  if (!replaced) {
    const last = pages.at(-1);
    const oldestLoaded = last?.items.at(-1);
    const belongsLater = last?.nextCursor && oldestLoaded && newerFirst(item, oldestLoaded) > 0;
    if (!belongsLater) {
      const index = pages.findIndex((page) => {
        const oldest = page.items.at(-1);
        return !oldest || newerFirst(item, oldest) < 0 || !page.nextCursor;
      });
      const target = index === -1 ? pages.length - 1 : index;
      pages[target] = { ...pages[target], items: [...pages[target].items, item].sort(newerFirst) };
    }
  }

  const first = pages[0];
  const withoutItem = first.pinned.filter((existing) => !sameId(existing.id, item.id));
  pages[0] = { ...first, pinned: item.pinned ? [item, ...withoutItem].sort(newerFirst) : withoutItem };
  return { ...data, pages };
}

export function removeItem(data: TimelineData, id: string): TimelineData {
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.filter((item) => !sameId(item.id, id)),
      pinned: page.pinned.filter((item) => !sameId(item.id, id)),
    })),
  };
}

/** Changes every item `change` picks out (e.g. all events of one task once it is done). */
export function mapItems(data: TimelineData, change: (item: TimelineItem) => TimelineItem): TimelineData {
  return {
    ...data,
    pages: data.pages.map((page) => ({ ...page, items: page.items.map(change), pinned: page.pinned.map(change) })),
  };
}

/** Whether a pushed item would have come back from the server under these filters (so it may be shown). */
export function matchesFilters(item: TimelineItem, filters: TimelineFilters, timeZone: string): boolean {
  if (filters.kinds.length && !filters.kinds.includes(item.kind)) return false;
  const day = zonedDay(item.occurredAt, timeZone);
  if (filters.from && day < filters.from) return false;
  if (filters.to && day > filters.to) return false;
  const q = filters.q.trim().toLocaleLowerCase('he');
  if (q) {
    const text = [item.title, item.summary, item.note?.text, item.task?.title, item.call?.summary, item.call?.transcriptFirstLine]
      .filter(Boolean)
      .join(' ')
      .toLocaleLowerCase('he');
    if (!text.includes(q)) return false;
  }
  return true;
}
