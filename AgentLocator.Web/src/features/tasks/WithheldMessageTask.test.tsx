import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Task } from '../../api/contracts';
import { resetSessionForTests } from '../auth/session';
import { renderApp } from '../../test/renderApp';
import { json } from '../../test/http';
import { withheldMessageTask } from '../../test/testTasks';
import { pageOf, tasksServer } from '../../test/tasksServer';

// A message left by a caller who withheld their number: a task with no customer that points at its call.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-03-01T09:00:00Z'));
});

afterEach(() => {
  vi.useRealTimers();
  resetSessionForTests();
  vi.unstubAllGlobals();
});

const message = withheldMessageTask(1, { dueAt: '2026-03-01T10:00:00Z', remindAt: '2026-03-01T10:00:00Z' });

function ringingNow(t: Task): Task {
  const minuteAgo = new Date(Date.now() - 60_000).toISOString();
  return { ...t, dueAt: minuteAgo, remindAt: minuteAgo };
}

describe('a task without a customer', () => {
  it('is listed with "מספר חסוי" instead of a customer, and links to the call it came from', async () => {
    tasksServer({
      features: ['crm', 'calls'],
      route: (_request, url) => (url.pathname === '/api/tasks' ? json(200, pageOf([message])) : undefined),
    });
    renderApp('/tasks');

    const row = await screen.findByTestId('task-row-t-1');
    expect(row).toHaveTextContent('הודעה ממספר חסוי');
    expect(within(row).getByTestId('task-no-customer')).toHaveTextContent('מספר חסוי');
    expect(within(row).queryByRole('link', { name: /לקוח/ })).not.toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'לדף השיחה' })).toHaveAttribute('href', '/calls/call-1');
  });

  it('says "ללא לקוח" when nothing names the caller, and offers no call link to users without calls', async () => {
    tasksServer({
      features: ['crm'],
      route: (_request, url) => (url.pathname === '/api/tasks' ? json(200, pageOf([{ ...message, call: null }])) : undefined),
    });
    renderApp('/tasks');

    const row = await screen.findByTestId('task-row-t-1');
    expect(within(row).getByTestId('task-no-customer')).toHaveTextContent('ללא לקוח');
    expect(within(row).queryByRole('link', { name: 'לדף השיחה' })).not.toBeInTheDocument();
  });

  it('rings as an alert naming no customer and the withheld caller, with no phone actions, and opens the call after a snooze', async () => {
    const due = ringingNow(message);
    const { requests } = tasksServer({
      features: ['crm', 'calls'],
      due: () => [due],
      route: (request, url) =>
        url.pathname === '/api/tasks/t-1/snooze' && request.method === 'POST'
          ? json(200, { ...due, remindAt: new Date(Date.now() + 900_000).toISOString() })
          : undefined,
    });
    renderApp('/');

    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTestId('due-modal-no-customer')).toHaveTextContent('ללא לקוח');
    expect(dialog).toHaveTextContent('מתקשרמספר חסוי');
    expect(dialog).toHaveTextContent('המתקשר: מתי אתם פתוחים?');
    expect(within(dialog).queryByRole('link', { name: 'התקשר' })).not.toBeInTheDocument();
    expect(within(dialog).queryByRole('link', { name: 'וואטסאפ' })).not.toBeInTheDocument();

    await userEvent.click(within(dialog).getByRole('button', { name: 'לדף השיחה' }));

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/calls/call-1'));
    expect(requests.find((r) => r.url === '/api/tasks/t-1/snooze')!.body).toEqual({ minutes: 15 });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('can be edited without choosing a customer, and shows who called in place of one', async () => {
    const { requests } = tasksServer({
      route: (request, url) => {
        if (url.pathname === '/api/tasks/t-1' && request.method === 'GET') return json(200, message);
        if (url.pathname === '/api/tasks/t-1' && request.method === 'PATCH') return json(200, { ...message, title: 'לבדוק את ההודעה' });
        return undefined;
      },
    });
    renderApp('/tasks/t-1/edit');
    const title = await screen.findByLabelText('כותרת');
    expect(screen.getByTestId('task-customer')).toHaveTextContent('מספר חסוי · ללא לקוח');

    await userEvent.clear(title);
    await userEvent.type(title, 'לבדוק את ההודעה');
    await userEvent.click(screen.getByRole('button', { name: 'שמירה' }));

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/tasks'));
    expect(requests.find((r) => r.method === 'PATCH')!.body).toEqual({ title: 'לבדוק את ההודעה' });
  });
});
