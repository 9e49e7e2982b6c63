import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { resetSessionForTests } from '../auth/session';
import { renderApp } from '../../test/renderApp';
import { json, problem } from '../../test/http';
import { customer } from '../../test/testCustomers';
import { task } from '../../test/testTasks';
import { pageOf, tasksServer } from '../../test/tasksServer';
import { expectDateValue, pickDate } from '../../test/dateField';

afterEach(() => {
  resetSessionForTests();
  vi.unstubAllGlobals();
});

const dana = customer(7, { name: 'דנה לוי' });

// Filling the whole form as a user does (the calendar included) takes many events; 5 s is too tight on a busy machine.
describe('task form', { timeout: 20_000 }, () => {
  it('creates a task from the customer page with the customer fixed and the due time in the business zone', async () => {
    const { requests } = tasksServer({
      route: (request, url) => {
        if (url.pathname === '/api/crm/customers/c-7') return json(200, dana);
        if (url.pathname === '/api/crm/customers/c-7/notes') return json(200, pageOf([]));
        if (url.pathname === '/api/tasks' && request.method === 'GET')
          return json(200, pageOf(url.searchParams.get('status') === 'open' ? [task(7, { title: 'קיימת', customerId: 'c-7' })] : []));
        if (url.pathname === '/api/tasks' && request.method === 'POST') return json(201, task(8, { customerId: 'c-7' }));
        return undefined;
      },
    });
    renderApp('/customers/c-7');
    await userEvent.click(await screen.findByRole('tab', { name: 'משימות' }));
    const panel = screen.getByRole('tabpanel');
    expect(await within(panel).findByText('קיימת')).toBeInTheDocument();
    expect(requests.some((r) => r.url.includes('customer_id=c-7') && r.url.includes('assignee=all'))).toBe(true);

    await userEvent.click(within(panel).getByRole('link', { name: 'משימה חדשה' }));
    expect(await screen.findByRole('heading', { name: 'משימה חדשה' })).toBeInTheDocument();
    expect(screen.getByTestId('task-customer')).toHaveTextContent('דנה לוי');

    // Required fields are checked before anything is sent.
    await userEvent.click(screen.getByRole('button', { name: 'יצירת משימה' }));
    expect(await screen.findByText('יש להזין כותרת')).toBeInTheDocument();
    expect(screen.getByLabelText('כותרת')).toHaveFocus();
    expect(screen.getByLabelText('כותרת')).toHaveAttribute('aria-invalid', 'true');

    await userEvent.type(screen.getByLabelText('כותרת'), 'לחזור עם הצעה');
    // The first morning of Israeli summer time: 09:00 there is 06:00 UTC.
    await pickDate(screen.getByLabelText('מועד'), '2026-03-27T09:00');
    await userEvent.selectOptions(screen.getByLabelText('תזכורת'), '15 דקות לפני');
    await userEvent.type(screen.getByLabelText('הערות'), 'מחיר מיוחד');
    await userEvent.click(screen.getByRole('button', { name: 'יצירת משימה' }));

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/customers/c-7'));
    const post = requests.find((r) => r.method === 'POST' && r.url === '/api/tasks')!;
    expect(post.body).toEqual({
      customerId: 'c-7',
      title: 'לחזור עם הצעה',
      dueAt: '2026-03-27T09:00:00+03:00',
      notes: 'מחיר מיוחד',
      remindBefore: 15,
    });
  });

  it('shows the API field errors beside their fields, whatever name the API used', async () => {
    tasksServer({
      route: (request, url) => {
        if (url.pathname === '/api/crm/customers' && url.searchParams.get('q') === 'דנה')
          return json(200, pageOf([dana as never]));
        if (url.pathname === '/api/tasks' && request.method === 'POST')
          return problem(400, {
            title: 'The task is not valid.',
            errors: { dueAt: ['dueAt must be an ISO 8601 date-time with an offset.'], remind_before: ['Too long.'], body: ['Other.'] },
          });
        return undefined;
      },
    });
    renderApp('/tasks/new');
    await userEvent.type(await screen.findByLabelText('כותרת'), 'משימה');

    await userEvent.click(screen.getByRole('button', { name: 'יצירת משימה' }));
    expect(await screen.findByText('יש לבחור לקוח')).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText('לקוח'), 'דנה');
    await userEvent.click(await screen.findByRole('button', { name: /דנה לוי/ }));
    expect(screen.getByTestId('task-customer')).toHaveTextContent('דנה לוי');
    await userEvent.click(screen.getByRole('button', { name: 'יצירת משימה' }));

    expect(await screen.findByText(/dueAt must be an ISO 8601/)).toBeInTheDocument();
    expect(screen.getByLabelText('מועד')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('מועד')).toHaveFocus();
    expect(screen.getByLabelText('תזכורת')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Other.')).toBeInTheDocument();
  });

  it('edits a task, sending only what changed', async () => {
    const existing = task(4, { title: 'ישנה', dueAt: '2026-07-01T06:00:00Z', remindBeforeMinutes: 5 });
    const { requests } = tasksServer({
      route: (request, url) => {
        if (url.pathname === '/api/tasks/t-4' && request.method === 'GET') return json(200, existing);
        if (url.pathname === '/api/tasks/t-4' && request.method === 'PATCH') return json(200, { ...existing, title: 'חדשה' });
        return undefined;
      },
    });
    renderApp('/tasks/t-4/edit');
    const title = await screen.findByLabelText('כותרת');
    expectDateValue(screen.getByLabelText('מועד'), '2026-07-01T09:00');
    expect(screen.getByLabelText('תזכורת')).toHaveValue('5');
    await userEvent.clear(title);
    await userEvent.type(title, 'חדשה');
    await userEvent.click(screen.getByRole('button', { name: 'שמירה' }));

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/tasks'));
    expect(requests.find((r) => r.method === 'PATCH')!.body).toEqual({ title: 'חדשה' });
  });
});
