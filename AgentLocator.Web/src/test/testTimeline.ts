// Test data and a fake /api for the timeline and home page tests. The fake keeps its own events and answers the
// contract's routes (filters, cursor paging, notes, today's counters), so the real client code runs against it.

import type { FeatureKey } from '../api/contracts';
import type { TimelineItem, TimelineKind, TodaySummary } from '../features/timeline/timelineApi';
import { json, problem, type RecordedRequest } from './http';
import { customer, customersServer } from './testCustomers';
import { zonedDay } from '../time/zonedTime';

let sequence = 0;

/** An event of `kind` at `occurredAt`, with the kind's card data filled in; ids sort in creation order. */
export function timelineItem(kind: TimelineKind, occurredAt: string, overrides: Partial<TimelineItem> = {}): TimelineItem {
  sequence += 1;
  const id = `e-${String(sequence).padStart(4, '0')}`;
  const base: TimelineItem = {
    id,
    kind,
    occurredAt,
    updatedAt: occurredAt,
    title: `אירוע ${sequence}`,
    summary: null,
    actor: { type: 'agent', id: 'u-1', name: 'דנה כהן' },
    link: null,
    customer: { id: 'c-7', name: 'דנה לוי' },
    pinned: false,
  };
  const parts: Partial<TimelineItem> =
    kind === 'call'
      ? {
          title: 'שיחה נכנסת — השאיר הודעה',
          link: `/calls/call-${sequence}`,
          actor: { type: 'caller', id: null, name: 'דנה לוי' },
          call: {
            callId: `call-${sequence}`,
            disposition: 'message',
            durationSeconds: 75,
            recordingUrl: `/api/calls/call-${sequence}/recording?turn=1`,
            transcriptFirstLine: 'שלום, רציתי לשאול על הפוליסה',
            summary: 'מבקשת הצעת מחיר לביטוח דירה',
          },
        }
      : kind === 'task'
        ? {
            title: 'משימה נוצרה: להתקשר בחזרה',
            link: `/tasks/t-${sequence}`,
            task: {
              taskId: `t-${sequence}`,
              change: 'created',
              title: 'להתקשר בחזרה',
              status: 'open',
              dueAt: '2026-12-07T08:00:00Z',
              snoozedUntil: null,
              assignee: { id: 'u-1', name: 'דנה כהן' },
            },
          }
        : kind === 'note'
          ? {
              title: 'הערה',
              note: { noteId: `n-${sequence}`, text: `הערה ${sequence}`, authorId: 'u-1', edited: false, canEdit: true, canDelete: true },
            }
          : kind === 'customer'
            ? {
                title: 'הלקוח נוצר',
                link: '/customers/c-7',
                customerChange: { change: 'created', source: 'agent', fields: [] },
              }
            : {};
  return { ...base, ...parts, ...overrides, id: overrides.id ?? id };
}

type Route = (request: RecordedRequest, url: URL) => Response | Promise<Response> | undefined;

const byNewest = (a: TimelineItem, b: TimelineItem) =>
  Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * Signed in with `features`; customer c-7 exists; `events` is the store the timeline routes read and the notes
 * routes change. `route` answers first, to inject failures.
 */
export function timelineServer(
  events: TimelineItem[],
  {
    features = ['crm', 'calls'],
    today = { callsToday: 4, missedNotCalledBack: 1, tasksDueToday: 3, tasksOverdue: 2 },
    route = () => undefined,
  }: { features?: FeatureKey[]; today?: TodaySummary; route?: Route } = {},
) {
  let noteSequence = 0;
  return customersServer(
    (request, url) => {
      const answer = route(request, url);
      if (answer) return answer;
      if (url.pathname === '/api/crm/customers/c-7' && request.method === 'GET')
        return json(200, customer(7, { name: 'דנה לוי' }));
      if (url.pathname === '/api/crm/today') return json(200, today);

      const feed = /^\/api\/crm(\/customers\/c-7)?\/timeline$/.exec(url.pathname);
      if (feed && request.method === 'GET') {
        const kinds = url.searchParams.getAll('kind');
        const from = url.searchParams.get('from');
        const to = url.searchParams.get('to');
        const q = url.searchParams.get('q');
        const limit = Number(url.searchParams.get('limit') ?? 30);
        const offset = Number(url.searchParams.get('cursor') ?? 0);
        const matching = [...events]
          .sort(byNewest)
          .filter((item) => !kinds.length || kinds.includes(item.kind))
          .filter((item) => !from || zonedDay(item.occurredAt, 'Asia/Jerusalem') >= from)
          .filter((item) => !to || zonedDay(item.occurredAt, 'Asia/Jerusalem') <= to)
          .filter((item) => !q || `${item.title} ${item.note?.text ?? ''}`.includes(q));
        const items = matching.slice(offset, offset + limit);
        return json(200, {
          items,
          pinned: offset === 0 ? matching.filter((item) => item.pinned) : [],
          nextCursor: offset + limit < matching.length ? String(offset + limit) : null,
        });
      }

      const notes = /^\/api\/crm\/customers\/c-7\/notes(?:\/([^/]+))?$/.exec(url.pathname);
      if (notes) {
        const body = request.body as { text?: string; pinned?: boolean } | undefined;
        if (request.method === 'POST') {
          noteSequence += 1;
          const note = timelineItem('note', new Date().toISOString(), {
            id: `new-note-${noteSequence}`,
            note: { noteId: `new-n-${noteSequence}`, text: body!.text!, authorId: 'u-1', edited: false, canEdit: true, canDelete: true },
          });
          events.push(note);
          return json(201, note);
        }
        const index = events.findIndex((item) => item.note?.noteId === notes[1]);
        if (index === -1) return problem(404, { title: 'Not Found' });
        if (request.method === 'PATCH') {
          const current = events[index];
          events[index] = {
            ...current,
            pinned: body?.pinned ?? current.pinned,
            note: {
              ...current.note!,
              text: body?.text ?? current.note!.text,
              edited: current.note!.edited || body?.text !== undefined,
            },
          };
          return json(200, events[index]);
        }
        if (request.method === 'DELETE') {
          events.splice(index, 1);
          return new Response(null, { status: 204 });
        }
      }

      const done = /^\/api\/tasks\/([^/]+)\/done$/.exec(url.pathname);
      if (done && request.method === 'POST') return json(200, { id: done[1], status: 'done' });
      return undefined;
    },
    { features },
  );
}

/** The timeline requests among everything the app sent, as URLs. */
export const timelineRequests = (requests: RecordedRequest[]) =>
  requests.map((r) => new URL(r.url, 'http://app.test')).filter((url) => url.pathname.endsWith('/timeline'));
