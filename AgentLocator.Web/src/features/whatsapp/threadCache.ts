// Writes into the cached thread (an infinite query, pages newest first) for pushed messages and our own sends.

import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { WhatsAppMessage, WhatsAppStatus, WhatsAppThreadPage } from '../../api/contracts';
import { whatsAppKeys } from './whatsAppApi';

export type ThreadData = InfiniteData<WhatsAppThreadPage, unknown>;

const WINDOW_MS = 24 * 60 * 60 * 1000;

/** The server's order: a status only moves forward, so a late push must not take a tick back. */
const RANK: Record<WhatsAppStatus, number> = { received: 0, queued: 1, sent: 2, delivered: 3, read: 4, undelivered: 5, failed: 5 };

/** Keeps the further-along copy of a message; a retry (failed → queued) is the one step back, and its updatedAt is newer. */
function newer(known: WhatsAppMessage, pushed: WhatsAppMessage): WhatsAppMessage {
  if (RANK[pushed.status] >= RANK[known.status]) return pushed;
  return Date.parse(pushed.updatedAt) > Date.parse(known.updatedAt) ? pushed : known;
}

/** The thread with `message` put in place (by id) or added as the newest; the window opens on an inbound message. */
export function upsertMessage(data: ThreadData | undefined, message: WhatsAppMessage): ThreadData | undefined {
  if (!data || data.pages.length === 0) return data;
  let found = false;
  const pages = data.pages.map((page) => {
    const index = page.items.findIndex((item) => item.id === message.id);
    if (index < 0) return page;
    found = true;
    const items = [...page.items];
    items[index] = newer(items[index], message);
    return { ...page, items };
  });
  if (!found) {
    const [first, ...rest] = pages;
    pages.splice(0, pages.length, { ...first, items: [message, ...first.items] }, ...rest);
  }
  if (message.direction === 'inbound') {
    const closesAt = Date.parse(message.createdAt) + WINDOW_MS;
    const current = pages[0].window.closesAt ? Date.parse(pages[0].window.closesAt) : 0;
    if (closesAt > current) pages[0] = { ...pages[0], window: { open: closesAt > Date.now(), closesAt: new Date(closesAt).toISOString() } };
  }
  return { ...data, pages };
}

export function writeMessage(queryClient: QueryClient, customerId: string, message: WhatsAppMessage): void {
  queryClient.setQueryData<ThreadData>(whatsAppKeys.thread(customerId), (data) => upsertMessage(data, message));
}

/** Oldest first, as the thread shows them. */
export function chronological(data: ThreadData | undefined): WhatsAppMessage[] {
  return data ? data.pages.flatMap((page) => page.items).reverse() : [];
}
