import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { resetSessionForTests } from '../auth/session';
import { renderApp } from '../../test/renderApp';
import { createFakeRealtime } from '../../test/fakeRealtime';
import { json, problem } from '../../test/http';
import { callItem, callsPage, callsServer, listRequests } from '../../test/testCalls';
import { expectDateValue, pickDate } from '../../test/dateField';

afterEach(() => {
  resetSessionForTests();
  vi.unstubAllGlobals();
});

const three = [
  callItem(1),
  callItem(2, {
    customer: null,
    fromDisplay: '052-987-6543',
    disposition: 'missed',
    status: 'no-answer',
    durationSeconds: null,
    turnCount: 0,
    summary: null,
    intent: null,
  }),
  callItem(3, { disposition: 'no-message', durationSeconds: 5, intent: 'complaint' }),
];

function listServer(items = three) {
  return callsServer((_, url) => {
    if (url.pathname !== '/api/calls') return undefined;
    const page = Number(url.searchParams.get('page'));
    const limit = Number(url.searchParams.get('limit'));
    return json(200, callsPage(items.slice((page - 1) * limit, page * limit), { page, limit, total: items.length }));
  });
}

const rows = () => screen.getAllByRole('row').slice(1);

describe('calls list', () => {
  it('shows each call: time in the business zone, caller, disposition, duration, turns, intent and summary', async () => {
    listServer();
    renderApp('/calls');

    const first = await screen.findByTestId('call-row-call-1');
    expect(screen.getAllByRole('columnheader').map((th) => th.textContent)).toEqual([
      'זמן',
      'מתקשר',
      'תוצאה',
      'משך',
      'הודעות',
      'כוונה',
      'סיכום',
    ]);
    expect(rows()).toHaveLength(3);

    // 08:58 UTC is 10:58 in Jerusalem in January.
    const time = within(first).getByRole('link', { name: /15\.01\.2026.*10:58/ });
    expect(time).toHaveAttribute('href', '/calls/call-1');
    expect(within(first).getByRole('link', { name: 'לקוח 1' })).toHaveAttribute('href', '/customers/c-1');
    expect(within(first).getByTestId('disposition-chip')).toHaveTextContent('הושארה הודעה');
    expect(first.querySelector('[data-column="duration"]')).toHaveTextContent('3:07');
    expect(first.querySelector('[data-column="turns"]')).toHaveTextContent('1');
    expect(first.querySelector('[data-column="intent"]')).toHaveTextContent('בירור');
    const summary = within(first).getByText('המתקשר 1 ביקש הצעת מחיר לביטוח רכב');
    expect(summary).toHaveAttribute('title', 'המתקשר 1 ביקש הצעת מחיר לביטוח רכב');

    // An unknown caller is shown by number, left to right.
    const second = screen.getByTestId('call-row-call-2');
    const number = within(second).getByText('052-987-6543');
    expect(number.tagName).toBe('BDI');
    expect(number).toHaveAttribute('dir', 'ltr');
    expect(within(second).getByTestId('disposition-chip')).toHaveTextContent('שיחה שלא נענתה');
    expect(second.querySelector('[data-column="duration"]')).toHaveTextContent('—');
    expect(screen.getByTestId('call-row-call-3').querySelector('[data-column="duration"]')).toHaveTextContent('0:05');
    expect(screen.getByTestId('page-status')).toHaveTextContent('עמוד 1 מתוך 1 · 3 שיחות');
  });

  it('opens a call when its row is clicked', async () => {
    listServer();
    renderApp('/calls');
    const row = await screen.findByTestId('call-row-call-3');

    await userEvent.click(row.querySelector('[data-column="turns"]')!);

    expect(screen.getByTestId('location')).toHaveTextContent('/calls/call-3');
  });

  it('shows a caller’s name without a link for users without the CRM', async () => {
    callsServer(
      (_, url) => (url.pathname === '/api/calls' ? json(200, callsPage([callItem(1)])) : undefined),
      { features: ['calls'] },
    );
    renderApp('/calls');

    const row = await screen.findByTestId('call-row-call-1');
    expect(within(row).getByText('לקוח 1').closest('a')).toBeNull();
  });

  it('reads the filters from the address and sends them, starting again from page 1 on a change', async () => {
    const { requests } = listServer();
    renderApp('/calls?disposition=message&from=2026-01-01&to=2026-01-31&page=2');
    await waitFor(() => expect(listRequests(requests)).toHaveLength(1));

    const sent = listRequests(requests)[0].searchParams;
    expect(Object.fromEntries(sent)).toEqual({
      page: '2',
      limit: '25',
      disposition: 'message',
      from: '2026-01-01',
      to: '2026-01-31',
    });
    expect(screen.getByLabelText('תוצאה')).toHaveValue('message');
    expectDateValue(screen.getByLabelText('מתאריך'), '2026-01-01');
    expectDateValue(screen.getByLabelText('עד תאריך'), '2026-01-31');

    await userEvent.selectOptions(screen.getByLabelText('תוצאה'), 'שיחה שלא נענתה');
    await waitFor(() => expect(listRequests(requests).at(-1)?.searchParams.get('disposition')).toBe('missed'));
    expect(listRequests(requests).at(-1)?.searchParams.get('page')).toBe('1');

    await pickDate(screen.getByLabelText('מתאריך'), '2026-01-10');
    await waitFor(() => expect(listRequests(requests).at(-1)?.searchParams.get('from')).toBe('2026-01-10'));
    expect(listRequests(requests).at(-1)?.searchParams.get('to')).toBe('2026-01-31');

    await userEvent.selectOptions(screen.getByLabelText('תוצאה'), 'הכל');
    await waitFor(() => expect(listRequests(requests).at(-1)?.searchParams.has('disposition')).toBe(false));
  });


  it('pages through the list with the grid’s pagination', async () => {
    const many = Array.from({ length: 30 }, (_, i) => callItem(i + 1));
    const { requests } = listServer(many);
    renderApp('/calls');
    await screen.findByTestId('call-row-call-1');
    expect(screen.getByTestId('page-status')).toHaveTextContent('עמוד 1 מתוך 2 · 30 שיחות');

    await userEvent.click(screen.getByRole('button', { name: 'הבא' }));

    expect(await screen.findByTestId('call-row-call-26')).toBeInTheDocument();
    expect(listRequests(requests).at(-1)?.searchParams.get('page')).toBe('2');

    await userEvent.selectOptions(screen.getByLabelText('שורות בעמוד'), '50');
    await waitFor(() => expect(listRequests(requests).at(-1)?.searchParams.get('limit')).toBe('50'));
    expect(listRequests(requests).at(-1)?.searchParams.get('page')).toBe('1');
  });

  it('says there are no calls yet when the business has none', async () => {
    listServer([]);
    renderApp('/calls');

    expect(await screen.findByRole('heading', { name: 'אין שיחות עדיין' })).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says nothing matched the filters, and clears them on request', async () => {
    const { requests } = listServer([]);
    renderApp('/calls?disposition=missed&from=2026-01-01');

    expect(await screen.findByRole('heading', { name: 'לא נמצאו שיחות' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'נקה סינון' }));

    await waitFor(() => expect(Object.fromEntries(listRequests(requests).at(-1)!.searchParams)).toEqual({ page: '1', limit: '25' }));
    expect(await screen.findByRole('heading', { name: 'אין שיחות עדיין' })).toBeInTheDocument();
  });

  it('does not ask for a reversed date range, and says why', async () => {
    const { requests } = listServer();
    renderApp('/calls?from=2026-02-01&to=2026-01-01');

    expect(await screen.findByText('תאריך הסיום מוקדם מתאריך ההתחלה.')).toBeInTheDocument();
    expect(screen.getByLabelText('עד תאריך')).toHaveAttribute('aria-invalid', 'true');
    expect(listRequests(requests)).toHaveLength(0);
  });

  it('shows skeleton rows while loading, then an error with a retry', async () => {
    let fail = true;
    callsServer((_, url) => {
      if (url.pathname !== '/api/calls') return undefined;
      return fail ? problem(500, { title: 'Internal Server Error' }) : json(200, callsPage([callItem(1)]));
    });
    renderApp('/calls');
    expect(await screen.findAllByTestId('skeleton-row')).not.toHaveLength(0);

    expect(await screen.findByRole('heading', { name: 'לא הצלחנו לטעון את רשימת השיחות' })).toBeInTheDocument();
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'נסו שוב' }));
    expect(await screen.findByTestId('call-row-call-1')).toBeInTheDocument();
  });

  it('says the feature is off when the API answers the plan 403', async () => {
    callsServer((_, url) =>
      url.pathname === '/api/calls'
        ? problem(403, { title: 'Feature disabled', feature: 'calls' })
        : undefined,
    );
    renderApp('/calls');

    expect(await screen.findByRole('heading', { name: 'התכונה אינה זמינה בחבילה שלך' })).toBeInTheDocument();
  });

  it('is not reachable without the calls feature', async () => {
    callsServer(() => undefined, { features: ['crm'] });
    renderApp('/calls');

    expect(await screen.findByRole('heading', { name: 'התכונה אינה זמינה בחבילה שלך' })).toBeInTheDocument();
  });
});

describe('live calls list', () => {
  it('watches calls while shown, adds a new call and updates it as it goes on, and unwatches on leave', async () => {
    listServer();
    const realtime = createFakeRealtime({ WatchCalls: () => true });
    renderApp('/calls', { realtime });
    await screen.findByTestId('call-row-call-1');
    await waitFor(() => expect(realtime.invocations).toEqual([{ method: 'WatchCalls', args: [] }]));
    await waitFor(() => expect(document.querySelector('.calls-page')).toHaveAttribute('data-live', 'active'));
    expect(screen.getByText('מתעדכן בזמן אמת')).toBeInTheDocument();

    // A new call rings in.
    const ringing = callItem(9, {
      id: 'call-new',
      startedAt: new Date(Date.UTC(2026, 0, 15, 9, 30)).toISOString(),
      endedAt: null,
      status: 'in-progress',
      disposition: 'in-progress',
      durationSeconds: null,
      turnCount: 0,
      summary: null,
      intent: null,
    });
    act(() => realtime.emit('call:updated', ringing));

    const row = await screen.findByTestId('call-row-call-new');
    expect(rows()[0]).toBe(row);
    expect(rows()).toHaveLength(4);
    expect(within(row).getByTestId('disposition-chip')).toHaveTextContent('בשיחה');
    expect(screen.getByTestId('page-status')).toHaveTextContent('4 שיחות');

    // The caller leaves a message and hangs up.
    act(() =>
      realtime.emit('call:updated', {
        ...ringing,
        status: 'completed',
        disposition: 'message',
        durationSeconds: 42,
        turnCount: 1,
        summary: 'ביקש שיחזרו אליו',
      }),
    );
    await waitFor(() => expect(within(screen.getByTestId('call-row-call-new')).getByTestId('disposition-chip')).toHaveTextContent('הושארה הודעה'));
    expect(screen.getByTestId('call-row-call-new').querySelector('[data-column="duration"]')).toHaveTextContent('0:42');
    expect(rows()).toHaveLength(4);

    await userEvent.click(screen.getAllByRole('link', { name: 'משימות' })[0]);
    await waitFor(() => expect(realtime.invocations.at(-1)).toEqual({ method: 'UnwatchCalls', args: [] }));
  });

  it('does not add a call that the filter excludes, and drops one that stops matching', async () => {
    let inProgress = [callItem(1, { disposition: 'in-progress', status: 'in-progress' })];
    const { requests } = callsServer((_, url) => (url.pathname === '/api/calls' ? json(200, callsPage(inProgress)) : undefined));
    const realtime = createFakeRealtime({ WatchCalls: () => true });
    renderApp('/calls?disposition=in-progress', { realtime });
    await screen.findByTestId('call-row-call-1');
    await waitFor(() => expect(document.querySelector('.calls-page')).toHaveAttribute('data-live', 'active'));

    act(() => realtime.emit('call:updated', callItem(5, { disposition: 'missed' })));
    expect(screen.queryByTestId('call-row-call-5')).not.toBeInTheDocument();

    // The call ends: it leaves the "in progress" view, and the page is refilled from the server.
    inProgress = [];
    const before = listRequests(requests).length;
    act(() => realtime.emit('call:updated', callItem(1, { disposition: 'message' })));

    expect(await screen.findByRole('heading', { name: 'לא נמצאו שיחות' })).toBeInTheDocument();
    expect(listRequests(requests).length).toBe(before + 1);
  });

  it('says when the hub refuses to send live updates', async () => {
    listServer();
    const realtime = createFakeRealtime({ WatchCalls: () => false });
    renderApp('/calls', { realtime });

    expect(await screen.findByText(/עדכונים חיים אינם זמינים כרגע/)).toBeInTheDocument();
    expect(document.querySelector('.calls-page')).toHaveAttribute('data-live', 'refused');
  });
});
