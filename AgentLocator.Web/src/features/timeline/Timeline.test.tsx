import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { resetSessionForTests } from '../auth/session';
import { renderApp } from '../../test/renderApp';
import { createFakeRealtime } from '../../test/fakeRealtime';
import { deferred, demoUser, json, problem } from '../../test/http';
import { timelineItem, timelineRequests, timelineServer } from '../../test/testTimeline';
import type { TimelineItem } from './timelineApi';
import { expectDateValue, pickDate } from '../../test/dateField';

// 12:00 in Israel on Sunday 6 December 2026: "today" and "yesterday" below are relative to it.
const NOW = new Date('2026-12-06T10:00:00Z');

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
});

afterEach(() => {
  resetSessionForTests();
  vi.unstubAllGlobals();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const timeline = () => screen.findByRole('region', { name: 'ציר זמן' });
const dayTitles = (root: HTMLElement) => within(root).getAllByRole('heading', { level: 3 }).map((h) => h.textContent);

// Whole flows through the app on a shared, busy machine: a generous limit per test (waits still end on success).
describe('customer timeline', { timeout: 20_000 }, () => {
  it('opens the customer page on the timeline, grouped by day in the business zone, each card linked to its source', async () => {
    const call = timelineItem('call', '2026-12-06T07:30:00Z');
    // 21:30Z on Saturday is 23:30 on Saturday in Israel: yesterday.
    const lateNote = timelineItem('note', '2026-12-05T21:30:00Z');
    const task = timelineItem('task', '2026-12-02T09:00:00Z');
    // 22:30Z on 1 December is 00:30 on 2 December in Israel: same day as the task, not the day before.
    const customerCreated = timelineItem('customer', '2026-12-01T22:30:00Z');
    timelineServer([call, lateNote, task, customerCreated]);
    renderApp('/customers/c-7');

    const root = await timeline();
    await within(root).findByText(call.title);
    expect(dayTitles(root)).toEqual(['היום', 'אתמול', 'יום רביעי, 2.12']);
    const days = within(root).getAllByRole('list');
    expect(within(days[2]).getAllByRole('listitem')).toHaveLength(2);
    expect(within(root).getByRole('link', { name: call.title })).toHaveAttribute('href', call.link);
    expect(within(root).getByRole('link', { name: task.title })).toHaveAttribute('href', task.link);
    expect(root.querySelector(`[data-kind="call"]`)).toHaveStyle({ '--kind-colour': 'var(--color-kind-call)' });
    expect(within(root).getByText('מבקשת הצעת מחיר לביטוח דירה')).toBeInTheDocument();
    expect(within(root).getByText(lateNote.note!.text)).toBeInTheDocument();
    // The customer's own changes come from this very page: their title is not a link to it.
    expect(within(root).getByText(customerCreated.title)).not.toHaveAttribute('href');
    expect(within(root).queryByRole('link', { name: customerCreated.title })).not.toBeInTheDocument();
  });

  it('shows a snoozed task as a small line, not a card', async () => {
    const snoozed = timelineItem('task', '2026-12-06T08:00:00Z', { title: 'המשימה נדחתה' });
    snoozed.task = { ...snoozed.task!, change: 'snoozed', snoozedUntil: '2026-12-06T08:15:00Z' };
    timelineServer([snoozed]);
    renderApp('/customers/c-7');

    const line = (await within(await timeline()).findByText('המשימה נדחתה')).closest('.timeline-line');
    expect(line).not.toBeNull();
    expect(document.querySelector('.timeline-card')).toBeNull();
  });

  it('offers only the kinds the user may see, and keeps the chosen kinds and dates in the address and the request', async () => {
    const { requests } = timelineServer([timelineItem('task', '2026-12-06T07:00:00Z')], { features: ['crm'] });
    renderApp('/customers/c-7?kind=task&from=2026-12-01');

    const root = await timeline();
    const chips = within(root).getByRole('group', { name: 'סוגי פריטים' });
    expect(within(chips).getAllByRole('button').map((b) => b.textContent)).toEqual(['משימות', 'הערות', 'פרטי לקוח']);
    expect(within(chips).getByRole('button', { name: 'משימות' })).toHaveAttribute('aria-pressed', 'true');
    expectDateValue(within(root).getByLabelText('מתאריך'), '2026-12-01');
    await waitFor(() => expect(timelineRequests(requests)).toHaveLength(1));
    expect(timelineRequests(requests)[0].search).toBe('?kind=task&from=2026-12-01&limit=30');

    await userEvent.click(within(chips).getByRole('button', { name: 'הערות' }));
    await pickDate(within(root).getByLabelText('עד תאריך'), '2026-12-05');

    await waitFor(() =>
      expect(screen.getByTestId('location-search')).toHaveTextContent('?kind=task&kind=note&from=2026-12-01&to=2026-12-05'),
    );
    await waitFor(() =>
      expect(timelineRequests(requests).at(-1)!.search).toBe('?kind=task&kind=note&from=2026-12-01&to=2026-12-05&limit=30'),
    );

    // The filter bar's button (the empty state, when it shows, has its own).
    await userEvent.click(within(root).getAllByRole('button', { name: 'ניקוי הסינון' })[0]);
    await waitFor(() => expect(screen.getByTestId('location-search')).toBeEmptyDOMElement());
  });

  it('searches once the user stops typing, not on every keystroke', async () => {
    const { requests } = timelineServer([timelineItem('note', '2026-12-06T07:00:00Z')]);
    renderApp('/customers/c-7');
    const root = await timeline();
    await waitFor(() => expect(timelineRequests(requests)).toHaveLength(1));

    await userEvent.type(within(root).getByLabelText('חיפוש בציר הזמן'), 'פוליסה');

    await waitFor(() => expect(timelineRequests(requests).at(-1)!.searchParams.get('q')).toBe('פוליסה'));
    expect(timelineRequests(requests).filter((url) => url.searchParams.has('q'))).toHaveLength(1);
    expect(screen.getByTestId('location-search')).toHaveTextContent(`?q=${encodeURIComponent('פוליסה')}`);
  });

  it('loads the next page when the end of the list scrolls into view, and from "load more" with focus on the first new entry', async () => {
    const observers: { callback: IntersectionObserverCallback; target?: Element }[] = [];
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        constructor(readonly callback: IntersectionObserverCallback) {
          observers.push(this as never);
        }
        observe(target: Element) {
          (this as unknown as { target: Element }).target = target;
        }
        disconnect() {}
      },
    );
    // 70 notes an hour apart, newest first: three pages of 30, 30 and 10.
    const events = Array.from({ length: 70 }, (_, i) =>
      timelineItem('note', new Date(NOW.getTime() - (i + 1) * 3_600_000).toISOString()),
    );
    const { requests } = timelineServer(events);
    renderApp('/customers/c-7');
    const root = await timeline();
    await waitFor(() => expect(root.querySelectorAll('[data-timeline-index]')).toHaveLength(30));

    const observer = observers.at(-1)!;
    act(() => observer.callback([{ isIntersecting: true, target: observer.target } as never], observer as never));
    await waitFor(() => expect(root.querySelectorAll('[data-timeline-index]')).toHaveLength(60));
    expect(timelineRequests(requests).map((url) => url.searchParams.get('cursor'))).toEqual([null, '30']);

    await userEvent.click(within(root).getByRole('button', { name: 'טעינת פריטים נוספים' }));
    await waitFor(() => expect(root.querySelectorAll('[data-timeline-index]')).toHaveLength(70));
    await waitFor(() => expect(root.querySelector('[data-timeline-index="60"]')).toHaveFocus());
    expect(root.querySelector('[data-timeline-index="60"]')).toHaveTextContent(events[60].note!.text);
    expect(within(root).queryByRole('button', { name: 'טעינת פריטים נוספים' })).not.toBeInTheDocument();
    expect(within(root).getByText('זה הכל.')).toBeInTheDocument();
  });

  it('watches the customer’s timeline and upserts pushed items by id', async () => {
    const task = timelineItem('task', '2026-12-06T07:00:00Z');
    const { requests } = timelineServer([task]);
    const realtime = createFakeRealtime({ WatchTimeline: () => true });
    renderApp('/customers/c-7', { realtime });
    const root = await timeline();
    await within(root).findByText(task.title);
    await waitFor(() => expect(root).toHaveAttribute('data-live', 'active'));
    expect(realtime.invocations).toContainEqual({ method: 'WatchTimeline', args: ['c-7'] });

    const call = timelineItem('call', '2026-12-06T09:59:00Z', { title: 'שיחה נכנסת — בשיחה' });
    act(() => realtime.emit('timeline:item', call));
    expect(await within(root).findByText('שיחה נכנסת — בשיחה')).toBeInTheDocument();

    // The same call, ended: its card changes in place.
    act(() => realtime.emit('timeline:item', { ...call, title: 'שיחה נכנסת — השאיר הודעה' }));
    expect(await within(root).findByText('שיחה נכנסת — השאיר הודעה')).toBeInTheDocument();
    expect(within(root).queryByText('שיחה נכנסת — בשיחה')).not.toBeInTheDocument();
    expect(root.querySelectorAll('[data-timeline-index]')).toHaveLength(2);
    expect(root.querySelector('[data-timeline-index="0"]')).toHaveTextContent('שיחה נכנסת — השאיר הודעה');

    // Another customer's event (another tab's watch on the same connection) is not this page's.
    act(() => realtime.emit('timeline:item', timelineItem('note', '2026-12-06T09:59:30Z', { customer: { id: 'c-8', name: 'אחר' } })));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(root.querySelectorAll('[data-timeline-index]')).toHaveLength(2);

    // Someone deleted an item (a note) elsewhere: it goes from this page too.
    act(() => realtime.emit('timeline:removed', { id: task.id }));
    await waitFor(() => expect(within(root).queryByText(task.title)).not.toBeInTheDocument());

    // After a drop the hub may have missed pushes: the timeline is fetched again and watched again.
    const fetchesBefore = timelineRequests(requests).length;
    act(() => realtime.reconnect());
    await waitFor(() => expect(timelineRequests(requests).length).toBeGreaterThan(fetchesBefore));
    await waitFor(() => expect(realtime.invocations.filter((i) => i.method === 'WatchTimeline')).toHaveLength(2));

    await userEvent.click(screen.getAllByRole('link', { name: 'לקוחות' }).at(-1)!);
    await waitFor(() => expect(realtime.invocations).toContainEqual({ method: 'UnwatchTimeline', args: ['c-7'] }));
  });

  it('holds new items behind a "N new" pill while the user has scrolled down, and shows them from the pill', async () => {
    const old = timelineItem('note', '2026-12-06T07:00:00Z');
    timelineServer([old]);
    const realtime = createFakeRealtime({ WatchTimeline: () => true });
    renderApp('/customers/c-7', { realtime });
    const root = await timeline();
    await within(root).findByText(old.note!.text);
    await waitFor(() => expect(root).toHaveAttribute('data-live', 'active'));

    // The head of the timeline is above the viewport: the user is reading further down.
    const head = root.querySelector<HTMLElement>('.timeline__top')!;
    vi.spyOn(head, 'getBoundingClientRect').mockReturnValue({ top: -800 } as DOMRect);
    const pushed: TimelineItem[] = [
      timelineItem('task', '2026-12-06T09:00:00Z', { title: 'משימה חדשה' }),
      timelineItem('call', '2026-12-06T09:30:00Z', { title: 'שיחה חדשה' }),
    ];
    act(() => pushed.forEach((item) => realtime.emit('timeline:item', item)));

    const pill = await within(root).findByRole('button', { name: '2 חדשים' });
    expect(within(root).queryByText('משימה חדשה')).not.toBeInTheDocument();
    // An update of an item already shown is not "new": it changes in place at once.
    act(() => realtime.emit('timeline:item', { ...old, note: { ...old.note!, text: 'הערה מעודכנת', edited: true } }));
    expect(await within(root).findByText('הערה מעודכנת')).toBeInTheDocument();
    expect(within(root).getByRole('button', { name: '2 חדשים' })).toBeInTheDocument();

    await userEvent.click(pill);
    expect(await within(root).findByText('שיחה חדשה')).toBeInTheDocument();
    expect(within(root).getByText('משימה חדשה')).toBeInTheDocument();
    expect(within(root).queryByRole('button', { name: /חדשים|פריט חדש/ })).not.toBeInTheDocument();
    expect(root.querySelector('[data-timeline-index="0"]')).toHaveTextContent('שיחה חדשה');
    await waitFor(() => expect(root.querySelector('[data-timeline-index="0"]')).toHaveFocus());
  });

  it('gives pushed notes the API’s permissions: kept for a known note, from the author for a new one', async () => {
    const mine = timelineItem('note', '2026-12-06T07:00:00Z');
    timelineServer([mine]);
    const realtime = createFakeRealtime({ WatchTimeline: () => true });
    renderApp('/customers/c-7', { realtime });
    const root = await timeline();
    await within(root).findByText(mine.note!.text);
    await waitFor(() => expect(root).toHaveAttribute('data-live', 'active'));
    const buttons = (text: string) =>
      within(within(root).getByText(text).closest('article')!).getAllByRole('button').map((b) => b.textContent);

    // A push goes to a group, so its permissions are always false.
    const denied = { canEdit: false, canDelete: false };
    act(() => realtime.emit('timeline:item', { ...mine, pinned: true, note: { ...mine.note!, ...denied } }));
    await waitFor(() => expect(buttons(mine.note!.text)).toEqual(['ביטול הצמדה', 'עריכה', 'מחיקה']));

    const ownNew = timelineItem('note', '2026-12-06T09:00:00Z');
    ownNew.note = { ...ownNew.note!, authorId: demoUser.id.toUpperCase(), ...denied };
    const othersNew = timelineItem('note', '2026-12-06T09:30:00Z');
    othersNew.note = { ...othersNew.note!, authorId: 'someone-else', ...denied };
    act(() => [ownNew, othersNew].forEach((item) => realtime.emit('timeline:item', item)));

    await waitFor(() => expect(buttons(ownNew.note!.text)).toEqual(['הצמדה', 'עריכה', 'מחיקה']));
    // The signed-in user is an agent, not an admin: another author's note may only be pinned.
    expect(buttons(othersNew.note!.text)).toEqual(['הצמדה']);
  });

  it('shows a task’s current status on its older events, with no "done" for a completed task', async () => {
    const created = timelineItem('task', '2026-12-06T07:00:00Z');
    const done = timelineItem('task', '2026-12-06T08:00:00Z', { title: 'משימה הושלמה: להתקשר בחזרה' });
    done.task = { ...created.task!, change: 'done', status: 'done' };
    timelineServer([created, done]);
    renderApp('/customers/c-7');
    const card = (await within(await timeline()).findByText(created.title)).closest('article')!;

    expect(within(card).getByText('בוצעה')).toBeInTheDocument();
    expect(within(card).queryByRole('button', { name: /סימון כבוצעה/ })).not.toBeInTheDocument();
  });

  it('sends a note with Ctrl+Enter and shows it at the top', async () => {
    const older = timelineItem('call', '2026-12-06T07:00:00Z');
    const { requests } = timelineServer([older]);
    renderApp('/customers/c-7');
    const root = await timeline();
    await within(root).findByText(older.title);

    const box = within(root).getByLabelText('הערה חדשה');
    await userEvent.type(box, 'ביקש שנחזור אליו אחרי החג');
    await userEvent.keyboard('{Control>}{Enter}{/Control}');

    await waitFor(() => expect(root.querySelector('[data-timeline-index="0"]')).toHaveTextContent('ביקש שנחזור אליו אחרי החג'));
    expect(requests.find((r) => r.method === 'POST' && r.url.startsWith('/api/crm'))).toMatchObject({
      url: '/api/crm/customers/c-7/notes',
      body: { text: 'ביקש שנחזור אליו אחרי החג' },
    });
    expect(box).toHaveValue('');
  });

  it('keeps the text and shows the API’s message when a note is refused', async () => {
    timelineServer([], {
      route: (request, url) =>
        url.pathname === '/api/crm/customers/c-7/notes' && request.method === 'POST'
          ? problem(400, { title: 'Validation', errors: { text: ['ההערה ארוכה מדי'] } })
          : undefined,
    });
    renderApp('/customers/c-7');
    const root = await timeline();
    const box = within(root).getByLabelText('הערה חדשה');
    await userEvent.type(box, 'טקסט');
    await userEvent.click(within(root).getByRole('button', { name: 'הוספת הערה' }));

    expect(await within(root).findByText('ההערה ארוכה מדי')).toHaveAttribute('role', 'alert');
    expect(box).toHaveValue('טקסט');
  });

  it('pins a note to the head, edits it (marked "נערך") and deletes it with undo', async () => {
    const note = timelineItem('note', '2026-12-06T07:00:00Z');
    const { requests } = timelineServer([note, timelineItem('call', '2026-12-06T08:00:00Z')]);
    renderApp('/customers/c-7');
    const root = await timeline();
    const card = () => within(root).getByText(/^הערה \d+|^הערה ערוכה/).closest('article')!;
    await within(root).findByText(note.note!.text);

    await userEvent.click(within(card()).getByRole('button', { name: 'הצמדה' }));
    await waitFor(() => expect(dayTitles(root)[0]).toBe('מוצמדות'));
    const pinned = within(root).getByRole('region', { name: 'מוצמדות' });
    expect(within(pinned).getByText(note.note!.text)).toBeInTheDocument();
    // Pinned once, at the head: not repeated in its day.
    expect(within(root).getAllByText(note.note!.text)).toHaveLength(1);

    await userEvent.click(within(card()).getByRole('button', { name: 'עריכה' }));
    const editor = within(card()).getByLabelText('עריכת ההערה');
    await userEvent.clear(editor);
    await userEvent.type(editor, 'הערה ערוכה');
    await userEvent.click(within(card()).getByRole('button', { name: 'שמירה' }));
    expect(await within(root).findByText('(נערך)')).toBeInTheDocument();
    expect(within(pinned).getByText(/הערה ערוכה/)).toBeInTheDocument();

    await userEvent.click(within(card()).getByRole('button', { name: 'ביטול הצמדה' }));
    await waitFor(() => expect(dayTitles(root)).toEqual(['היום']));

    await userEvent.click(within(card()).getByRole('button', { name: 'מחיקה' }));
    await waitFor(() => expect(within(root).queryByText(/הערה ערוכה/)).not.toBeInTheDocument());
    const toast = within(root).getByText('ההערה נמחקה.').parentElement!;
    // The delete button went with the note: focus waits on the way back.
    await waitFor(() => expect(within(toast).getByRole('button', { name: 'בטל' })).toHaveFocus());
    await userEvent.keyboard('{Enter}');
    expect(await within(root).findByText('הערה ערוכה')).toBeInTheDocument();

    const noteCalls = requests.filter((r) => r.url.includes('/notes')).map((r) => [r.method, r.url, r.body]);
    expect(noteCalls).toEqual([
      ['PATCH', `/api/crm/customers/c-7/notes/${note.note!.noteId}`, { pinned: true }],
      ['PATCH', `/api/crm/customers/c-7/notes/${note.note!.noteId}`, { text: 'הערה ערוכה' }],
      ['PATCH', `/api/crm/customers/c-7/notes/${note.note!.noteId}`, { pinned: false }],
      ['DELETE', `/api/crm/customers/c-7/notes/${note.note!.noteId}`, undefined],
      ['POST', '/api/crm/customers/c-7/notes', { text: 'הערה ערוכה' }],
    ]);
  });

  it('hides edit and delete where the API says this user may not', async () => {
    const note = timelineItem('note', '2026-12-06T07:00:00Z');
    note.note = { ...note.note!, canEdit: false, canDelete: false };
    timelineServer([note]);
    renderApp('/customers/c-7');
    const card = (await within(await timeline()).findByText(note.note.text)).closest('article')!;

    expect(within(card).getAllByRole('button').map((b) => b.textContent)).toEqual(['הצמדה']);
  });

  it('completes a task in place', async () => {
    const task = timelineItem('task', '2026-12-06T07:00:00Z');
    const { requests } = timelineServer([task]);
    renderApp('/customers/c-7');
    const card = (await within(await timeline()).findByText(task.title)).closest('article')!;

    await userEvent.click(within(card).getByRole('button', { name: 'סימון כבוצעה: להתקשר בחזרה' }));

    expect(await within(card).findByText('בוצעה')).toBeInTheDocument();
    expect(within(card).queryByRole('button', { name: /סימון כבוצעה/ })).not.toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'POST' && r.url.startsWith('/api/tasks')).map((r) => [r.method, r.url])).toEqual([
      ['POST', `/api/tasks/${task.task!.taskId}/done`],
    ]);
  });

  it('plays a call’s recording inline, fetched with the token', async () => {
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:recording', revokeObjectURL: () => {} }));
    const call = timelineItem('call', '2026-12-06T07:00:00Z');
    const { requests } = timelineServer([call], {
      route: (_, url) =>
        url.pathname === `/api/calls/${call.call!.callId}/recording`
          ? new Response(new Blob([new Uint8Array(8)], { type: 'audio/wav' }), { headers: { 'Content-Type': 'audio/wav' } })
          : undefined,
    });
    renderApp('/customers/c-7');
    const card = (await within(await timeline()).findByText(call.title)).closest('article')!;
    expect(requests.some((r) => r.url.includes('/recording'))).toBe(false);

    await userEvent.click(within(card).getByRole('button', { name: 'השמעת ההקלטה' }));

    const player = await within(card).findByLabelText(`הקלטת ${call.title}`);
    await waitFor(() => expect(player).toHaveAttribute('src', 'blob:recording'));
    expect(requests.find((r) => r.url.includes('/recording'))).toMatchObject({
      url: call.call!.recordingUrl,
      authorization: 'Bearer token-1',
    });
  });

  it('shows skeletons while loading, then says what will appear when there is nothing yet', async () => {
    const answer = deferred<Response>();
    timelineServer([], { route: (_, url) => (url.pathname.endsWith('/timeline') ? answer.promise : undefined) });
    renderApp('/customers/c-7');
    const root = await timeline();
    expect(within(root).getByTestId('timeline-skeleton')).toBeInTheDocument();
    expect(within(root).getByRole('status')).toHaveTextContent('טוען את ציר הזמן…');

    answer.resolve(json(200, { items: [], pinned: [], nextCursor: null }));

    expect(await within(root).findByText('עדיין אין פעילות ללקוח הזה.')).toBeInTheDocument();
    expect(within(root).getByText(/שיחות, משימות, הערות ופרטי לקוח של הלקוח יופיעו כאן/)).toBeInTheDocument();
    expect(within(root).queryByTestId('timeline-skeleton')).not.toBeInTheDocument();
  });

  it('says when the filters found nothing, and clears them', async () => {
    const note = timelineItem('note', '2026-12-06T07:00:00Z');
    timelineServer([note]);
    renderApp('/customers/c-7?kind=call');
    const root = await timeline();

    expect(await within(root).findByText('לא נמצאו פריטים שמתאימים לסינון.')).toBeInTheDocument();
    const clear = within(root).getAllByRole('button', { name: 'ניקוי הסינון' });
    await userEvent.click(clear.at(-1)!);

    expect(await within(root).findByText(note.note!.text)).toBeInTheDocument();
    expect(screen.getByTestId('location-search')).toBeEmptyDOMElement();
  });

  it('shows an error with retry when the timeline cannot be loaded', async () => {
    let failures = 3;
    timelineServer([timelineItem('note', '2026-12-06T07:00:00Z', { note: undefined, title: 'חזר לעבוד' })], {
      route: (_, url) =>
        url.pathname.endsWith('/timeline') && failures-- > 0 ? problem(503, { title: 'Service Unavailable' }) : undefined,
    });
    renderApp('/customers/c-7');
    const root = await timeline();

    expect(await within(root).findByRole('heading', { name: 'לא הצלחנו לטעון את ציר הזמן' })).toBeInTheDocument();
    failures = 0;
    await userEvent.click(within(root).getByRole('button', { name: 'נסו שוב' }));
    expect(await within(root).findByText('חזר לעבוד')).toBeInTheDocument();
  });
});
