// Test data and a fake /api for the calls tests.

import type { CallDetail, CallListItem, CallTurn, FeatureKey } from '../api/contracts';
import { paged } from './paging';
import type { RecordedRequest } from './http';
import { customersServer } from './testCustomers';

export function callItem(index: number, overrides: Partial<CallListItem> = {}): CallListItem {
  return {
    id: `call-${index}`,
    from: `+9725400000${String(index).padStart(2, '0')}`,
    fromDisplay: `054-000-00${String(index).padStart(2, '0')}`,
    customer: { id: `c-${index}`, name: `לקוח ${index}`, phone: `+9725400000${String(index).padStart(2, '0')}` },
    status: 'completed',
    disposition: 'message',
    // One minute apart, newest first for lower indexes.
    startedAt: new Date(Date.UTC(2026, 0, 15, 8, 59 - index)).toISOString(),
    endedAt: new Date(Date.UTC(2026, 0, 15, 9, 2 - index)).toISOString(),
    durationSeconds: 187,
    turnCount: 1,
    summary: `המתקשר ${index} ביקש הצעת מחיר לביטוח רכב`,
    intent: 'inquiry',
    hasRecording: true,
    ...overrides,
  };
}

export const callsPage = paged<CallListItem>;

export function turn(number: number, overrides: Partial<CallTurn> = {}): CallTurn {
  return {
    number,
    state: 'ready',
    transcript: 'שלום, אני רוצה לבדוק הצעת מחיר לביטוח רכב',
    reply: 'תודה רבה, סוכן יחזור אליך היום עם הצעה.',
    spokenAs: 'audio',
    recordingSeconds: 7.4,
    recordingUrl: `/api/calls/call-1/recording?turn=${number}`,
    transcribedBy: 'openai',
    stages: [
      { stage: 'download', outcome: 'ok', milliseconds: 310 },
      { stage: 'transcribe', outcome: 'ok', milliseconds: 1240, provider: 'openai' },
      { stage: 'reply', outcome: 'ok', milliseconds: 2100 },
      { stage: 'speak', outcome: 'ok', milliseconds: 650 },
    ],
    ...overrides,
  };
}

export function callDetail(overrides: Partial<CallDetail> = {}): CallDetail {
  return {
    id: 'call-1',
    callSid: 'CA0123456789abcdef0123456789abcdef',
    from: '+972541234567',
    fromDisplay: '054-123-4567',
    to: '+97235550100',
    customer: { id: 'c-7', name: 'דנה לוי', phone: '+972541234567' },
    status: 'completed',
    disposition: 'message',
    startedAt: '2026-01-15T08:05:00Z',
    endedAt: '2026-01-15T08:08:07Z',
    durationSeconds: 187,
    summary: 'דנה מבקשת הצעת מחיר לביטוח רכב ומבקשת שיחזרו אליה אחר הצהריים.',
    intent: 'callback',
    lead: { name: 'דנה לוי', subject: 'ביטוח רכב', preferredTime: 'אחר הצהריים' },
    transcriptionConfigured: true,
    transcriptionProvider: 'openai',
    task: { id: 't-9', title: 'לחזור לדנה לוי', dueAt: '2026-01-15T12:00:00Z', completed: false },
    turns: [turn(1)],
    ...overrides,
  };
}

type Route = (request: RecordedRequest, url: URL) => Response | Promise<Response> | undefined;

/** Signed in with the calls feature (and the CRM, unless told otherwise); `route` answers the rest. */
export function callsServer(route: Route, options: { features?: FeatureKey[]; role?: 'admin' | 'agent' } = {}) {
  return customersServer(route, { features: options.features ?? ['crm', 'calls'], role: options.role });
}

/** An audio answer, as GET /api/calls/{id}/recording sends it. */
export const audio = () =>
  new Response(new Uint8Array([82, 73, 70, 70, 0, 0, 0, 0]), { status: 200, headers: { 'Content-Type': 'audio/wav' } });

export const listRequests = (requests: RecordedRequest[]) =>
  requests.map((r) => new URL(r.url, 'http://app.test')).filter((url) => url.pathname === '/api/calls');
