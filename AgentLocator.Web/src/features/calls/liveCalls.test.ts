import { describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import type { CallListItem, Paged } from '../../api/contracts';
import { callKeys, type CallListQuery } from './callsApi';
import { formatDuration } from './callFormatting';
import { applyCallUpdate, callMatches } from './liveCalls';
import { callItem, callsPage } from '../../test/testCalls';

const TZ = 'Asia/Jerusalem';
const query = (overrides: Partial<CallListQuery> = {}): CallListQuery => ({
  disposition: '',
  from: '',
  to: '',
  page: 1,
  limit: 2,
  ...overrides,
});

function cacheWith(q: CallListQuery, data: Paged<CallListItem>) {
  const client = new QueryClient();
  client.setQueryData(callKeys.list(q), data);
  return { client, read: () => client.getQueryData<Paged<CallListItem>>(callKeys.list(q))! };
}

describe('formatDuration', () => {
  it('shows minutes and seconds, hours past an hour, and a dash when unknown', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(5)).toBe('0:05');
    expect(formatDuration(187)).toBe('3:07');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatDuration(59.6)).toBe('1:00');
    expect(formatDuration(null)).toBe('—');
  });
});

describe('callMatches', () => {
  it('judges the date range by the day in the business’s zone, both ends inclusive', () => {
    // 22:30 UTC on 31 January is already 1 February in Jerusalem.
    const late = callItem(1, { startedAt: '2026-01-31T22:30:00Z' });
    expect(callMatches(late, query({ from: '2026-02-01', to: '2026-02-01' }), TZ)).toBe(true);
    expect(callMatches(late, query({ to: '2026-01-31' }), TZ)).toBe(false);
    expect(callMatches(late, query({ customerId: 'C-1' }), TZ)).toBe(true);
    expect(callMatches(late, query({ customerId: 'c-2' }), TZ)).toBe(false);
    expect(callMatches(late, query({ disposition: 'missed' }), TZ)).toBe(false);
  });
});

describe('applyCallUpdate', () => {
  it('does not insert a call older than the last row of a full first page', () => {
    const q = query();
    const { client, read } = cacheWith(q, callsPage([callItem(1), callItem(2)], { total: 5, limit: 2 }));

    applyCallUpdate(client, callItem(9, { id: 'old', startedAt: '2025-12-01T10:00:00Z' }), TZ);

    expect(read().items.map((c) => c.id)).toEqual(['call-1', 'call-2']);
    expect(read().page.total).toBe(5);
  });

  it('inserts a new call in time order, keeping the page size, and counts it', () => {
    const q = query();
    const { client, read } = cacheWith(q, callsPage([callItem(1), callItem(2)], { total: 2, limit: 2 }));

    applyCallUpdate(client, callItem(9, { id: 'new', startedAt: '2026-02-01T10:00:00Z' }), TZ);

    expect(read().items.map((c) => c.id)).toEqual(['new', 'call-1']);
    expect(read().page).toMatchObject({ total: 3, totalPages: 2, hasNext: true });
  });

  it('leaves a later page alone (it is refetched when shown)', () => {
    const q = query({ page: 2 });
    const { client, read } = cacheWith(q, callsPage([callItem(3)], { page: 2, total: 3, limit: 2 }));

    applyCallUpdate(client, callItem(9, { id: 'new', startedAt: '2026-02-01T10:00:00Z' }), TZ);

    expect(read().items.map((c) => c.id)).toEqual(['call-3']);
    expect(client.getQueryState(callKeys.list(q))?.isInvalidated).toBe(true);
  });
});
