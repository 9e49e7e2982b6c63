import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { resetSessionForTests } from '../auth/session';
import { renderApp } from '../../test/renderApp';
import { json } from '../../test/http';
import { task } from '../../test/testTasks';
import { pageOf, tasksServer } from '../../test/tasksServer';

beforeEach(() => {
  // Only Date is faked: 13:00 in Israel (summer time already, +03:00) on 27 March 2026.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-03-27T10:00:00Z'));
});

afterEach(() => {
  vi.useRealTimers();
  resetSessionForTests();
  vi.unstubAllGlobals();
});

const overdue = task(1, { title: 'באיחור מהבוקר', dueAt: '2026-03-27T06:00:00Z', remindAt: '2026-03-27T06:00:00Z' });
// 23:30 in Israel: still today there, though the UTC day is the same as the next one.
const tonight = task(2, { title: 'הערב', dueAt: '2026-03-27T20:30:00Z', remindAt: '2026-03-27T20:30:00Z' });
// 00:30 in Israel on the 28th, while it is still the 27th in UTC.
const afterMidnight = task(3, { title: 'אחרי חצות', dueAt: '2026-03-27T21:30:00Z', remindAt: '2026-03-27T21:30:00Z' });

/** The task lists (the shell's navigation has lists too). */
const taskLists = () => within(screen.getByRole('main')).getAllByRole('list');

function sectionTitles(): string[] {
  return taskLists().map((list) => list.getAttribute('aria-labelledby')!)
    .map((id) => document.getElementById(id)!.textContent!.replace(/\s*\(\d+\)$/, ''));
}

describe('tasks page', () => {
  it('groups my open tasks into overdue, today and upcoming in the business time zone', async () => {
    const { requests } = tasksServer({
      route: (_request, url) =>
        url.pathname === '/api/tasks' ? json(200, pageOf([overdue, tonight, afterMidnight])) : undefined,
    });
    renderApp('/tasks');

    expect(await screen.findByRole('heading', { level: 2, name: /באיחור/ })).toBeInTheDocument();
    expect(sectionTitles()).toEqual(['באיחור', 'היום', 'בהמשך']);
    const [late, today, later] = taskLists().map((list) => within(list).getAllByRole('listitem'));
    expect(late.map((li) => li.textContent)).toEqual([expect.stringContaining('באיחור מהבוקר')]);
    expect(today[0]).toHaveTextContent('הערב');
    expect(today[0]).toHaveTextContent('23:30');
    expect(later[0]).toHaveTextContent('אחרי חצות');
    expect(within(late[0]).getByRole('link', { name: 'לקוח 1' })).toHaveAttribute('href', '/customers/c-1');
    const list = requests.find((r) => r.url.startsWith('/api/tasks?'))!;
    expect(new URL(list.url, 'http://x').searchParams.toString()).toBe('status=open&page=1&limit=50&assignee=me');
  });

  it('marks a task done from its row and refreshes the list', async () => {
    let done = false;
    const { requests } = tasksServer({
      route: (_request, url) => {
        if (url.pathname === '/api/tasks/t-2/done') {
          done = true;
          return json(200, { ...tonight, status: 'done' });
        }
        if (url.pathname === '/api/tasks') return json(200, pageOf(done ? [overdue] : [overdue, tonight]));
        return undefined;
      },
    });
    renderApp('/tasks');
    const row = await screen.findByTestId('task-row-t-2');
    await userEvent.click(within(row).getByRole('button', { name: 'בוצע' }));

    await waitFor(() => expect(screen.queryByTestId('task-row-t-2')).not.toBeInTheDocument());
    expect(requests.filter((r) => r.url.startsWith('/api/tasks?'))).toHaveLength(2);
  });

  it('shows completed tasks with reopen, and an empty state', async () => {
    const { requests } = tasksServer({
      route: (_request, url) => {
        if (url.pathname !== '/api/tasks') return undefined;
        return json(200, pageOf(url.searchParams.get('status') === 'done' ? [task(5, { status: 'done', title: 'הושלמה' })] : []));
      },
    });
    renderApp('/tasks');
    expect(await screen.findByRole('heading', { name: 'אין משימות פתוחות' })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('radio', { name: 'שבוצעו' }));
    const row = await screen.findByTestId('task-row-t-5');
    expect(within(row).getByRole('button', { name: 'פתיחה מחדש' })).toBeInTheDocument();
    expect(requests.some((r) => r.url.includes('status=done'))).toBe(true);
  });

  it('loads more when there are many', async () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      task(100 + i, { dueAt: `2026-04-${String(1 + (i % 28)).padStart(2, '0')}T08:00:00Z` }),
    );
    tasksServer({
      route: (_request, url) => {
        if (url.pathname !== '/api/tasks') return undefined;
        const page = Number(url.searchParams.get('page'));
        return json(200, pageOf(many.slice((page - 1) * 50, page * 50), page, 50, 60));
      },
    });
    renderApp('/tasks');
    expect(await screen.findByText('מוצגות 50 מתוך 60 משימות')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'הצג עוד' }));
    await waitFor(() => expect(within(screen.getByRole('main')).getAllByRole('listitem')).toHaveLength(60));
    expect(screen.queryByRole('button', { name: 'הצג עוד' })).not.toBeInTheDocument();
  });

  it('says so when the list cannot be loaded', async () => {
    tasksServer({
      route: (_request, url) => (url.pathname === '/api/tasks' ? json(500, { title: 'boom' }) : undefined),
    });
    renderApp('/tasks');
    expect(await screen.findByRole('heading', { name: 'לא הצלחנו לטעון את המשימות' }, { timeout: 3000 })).toBeInTheDocument();
  });
});
