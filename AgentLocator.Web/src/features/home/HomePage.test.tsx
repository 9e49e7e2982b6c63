import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import { resetSessionForTests } from '../auth/session';
import { renderApp } from '../../test/renderApp';
import { createFakeRealtime } from '../../test/fakeRealtime';
import { problem } from '../../test/http';
import { timelineItem, timelineRequests, timelineServer } from '../../test/testTimeline';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-06T10:00:00Z') });
});

afterEach(() => {
  resetSessionForTests();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const counters = () => screen.findByRole('list', { name: 'היום בעסק' });
const counterTexts = (list: HTMLElement) => within(list).getAllByRole('link').map((link) => link.textContent);

describe('home page', () => {
  it('shows today’s counters, each leading where to act on it', async () => {
    timelineServer([], { today: { callsToday: 12, missedNotCalledBack: 3, tasksDueToday: 5, tasksOverdue: 0 } });
    renderApp('/');

    expect(await screen.findByRole('heading', { level: 1, name: 'ברוך הבא, דנה כהן' })).toBeInTheDocument();
    const list = await counters();
    expect(counterTexts(list)).toEqual(['12שיחות היום', '3שיחות שלא חזרנו אליהן', '5משימות להיום', '0משימות באיחור']);
    expect(within(list).getByTestId('today-callsToday')).toHaveAttribute('href', '/calls');
    expect(within(list).getByTestId('today-tasksOverdue')).toHaveAttribute('href', '/tasks');
    // Only a number that needs attention is marked.
    expect(within(list).getByTestId('today-missedNotCalledBack').parentElement).toHaveClass('home-counter--alert');
    expect(within(list).getByTestId('today-tasksOverdue').parentElement).not.toHaveClass('home-counter--alert');
  });

  it('leaves out the call counters for a user without calls', async () => {
    timelineServer([], {
      features: ['crm'],
      today: { callsToday: null, missedNotCalledBack: null, tasksDueToday: 1, tasksOverdue: 4 },
    });
    renderApp('/');

    expect(counterTexts(await counters())).toEqual(['1משימות להיום', '4משימות באיחור']);
  });

  it('shows the business feed with each customer named, live, and refreshes the counters when something happens', async () => {
    const call = timelineItem('call', '2026-12-06T07:00:00Z', { customer: { id: 'c-3', name: 'יוסי כהן' } });
    const { requests } = timelineServer([call]);
    const realtime = createFakeRealtime({ WatchBusinessTimeline: () => true });
    renderApp('/', { realtime });

    const feed = await screen.findByRole('region', { name: 'פעילות אחרונה בעסק' });
    expect(await within(feed).findByText(call.title)).toBeInTheDocument();
    expect(within(feed).getByRole('link', { name: 'יוסי כהן' })).toHaveAttribute('href', '/customers/c-3');
    expect(timelineRequests(requests)[0].pathname).toBe('/api/crm/timeline');
    await waitFor(() => expect(realtime.invocations).toContainEqual({ method: 'WatchBusinessTimeline', args: [] }));
    // No composer on the business feed: a note belongs to a customer.
    expect(within(feed).queryByLabelText('הערה חדשה')).not.toBeInTheDocument();
    const todayCalls = () => requests.filter((r) => r.url === '/api/crm/today').length;
    await waitFor(() => expect(todayCalls()).toBe(1));

    const task = timelineItem('task', '2026-12-06T09:00:00Z', { customer: { id: 'c-4', name: 'רונית לוי' } });
    act(() => realtime.emit('timeline:item', task));

    expect(await within(feed).findByText(task.title)).toBeInTheDocument();
    await waitFor(() => expect(todayCalls()).toBe(2));
  });

  it('offers a retry when the counters cannot be loaded', async () => {
    timelineServer([], {
      route: (_, url) => (url.pathname === '/api/crm/today' ? problem(403, { title: 'Forbidden' }) : undefined),
    });
    renderApp('/');

    expect(await screen.findByText(/לא הצלחנו לטעון את נתוני היום/)).toHaveAttribute('role', 'alert');
  });

  it('says the daily picture is part of the CRM when the plan lacks it', async () => {
    const { requests } = timelineServer([], { features: ['calls'] });
    renderApp('/');

    expect(await screen.findByText(/חלק ממודול ניהול הלקוחות/)).toBeInTheDocument();
    expect(requests.some((r) => r.url.startsWith('/api/crm'))).toBe(false);
  });
});
