import { describe, expect, it } from 'vitest';
import type { WhatsAppMessage } from '../../api/contracts';
import { chronological, upsertMessage, type ThreadData } from './threadCache';

function message(id: string, overrides: Partial<WhatsAppMessage> = {}): WhatsAppMessage {
  return {
    id,
    customerId: 'c-1',
    direction: 'outbound',
    status: 'queued',
    body: `הודעה ${id}`,
    templateId: null,
    variables: null,
    media: [],
    profileName: null,
    errorCode: null,
    errorMessage: null,
    sentByUserId: null,
    createdAt: '2026-12-06T08:00:00Z',
    updatedAt: '2026-12-06T08:00:00Z',
    ...overrides,
  };
}

function thread(items: WhatsAppMessage[], closesAt: string | null = null): ThreadData {
  return { pages: [{ items, nextCursor: null, window: { open: false, closesAt } }], pageParams: [null] };
}

describe('writing pushed messages into a cached thread', () => {
  it('adds a new message as the newest, and shows the thread oldest first', () => {
    const data = upsertMessage(thread([message('b'), message('a')]), message('c'));
    expect(chronological(data).map((m) => m.id)).toEqual(['a', 'b', 'c']);
  });

  it('moves ticks forward but never back (a late "delivered" after "read")', () => {
    let data = upsertMessage(thread([message('a', { status: 'sent' })]), message('a', { status: 'read', updatedAt: '2026-12-06T08:00:03Z' }));
    data = upsertMessage(data, message('a', { status: 'delivered', updatedAt: '2026-12-06T08:00:02Z' }));
    expect(chronological(data).map((m) => m.status)).toEqual(['read']);
  });

  it('lets a retry take a failed message back to queued', () => {
    const failed = message('a', { status: 'failed', updatedAt: '2026-12-06T08:00:01Z' });
    const data = upsertMessage(thread([failed]), message('a', { status: 'queued', updatedAt: '2026-12-06T08:05:00Z' }));
    expect(chronological(data)[0].status).toBe('queued');
  });

  it('opens the window for 24 hours from an inbound message', () => {
    const createdAt = new Date(Date.now() - 60_000).toISOString();
    const data = upsertMessage(thread([]), message('in', { direction: 'inbound', status: 'received', createdAt }));
    expect(data?.pages[0].window.closesAt).toBe(new Date(Date.parse(createdAt) + 86_400_000).toISOString());
    expect(data?.pages[0].window.open).toBe(true);
  });
});
