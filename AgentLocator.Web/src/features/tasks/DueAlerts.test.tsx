import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Task } from '../../api/contracts';
import { resetSessionForTests } from '../auth/session';
import { renderApp } from '../../test/renderApp';
import { json, problem } from '../../test/http';
import { task } from '../../test/testTasks';
import { tasksServer } from '../../test/tasksServer';

afterEach(() => {
  resetSessionForTests();
  vi.unstubAllGlobals();
});

/** Rang a minute ago, so every client-side "is it still ringing?" check agrees. */
function ringing(index: number, overrides: Partial<Task> = {}): Task {
  const minuteAgo = new Date(Date.now() - 60_000).toISOString();
  return task(index, { remindAt: minuteAgo, dueAt: minuteAgo, updatedAt: minuteAgo, ...overrides });
}
const due = (t: Task) => ({ reminderAt: t.remindAt, task: t });
const modal = () => screen.findByRole('dialog');

describe('due-task alerts', () => {
  it('shows what the catch-up finds on start, in a Hebrew modal dialog with the customer and contact links', async () => {
    const first = ringing(1, { notes: 'להתקשר לגבי החוזה', customer: { id: 'c-1', name: 'דנה לוי', phone: '+972541234567', phoneDisplay: '054-123-4567' } });
    tasksServer({ due: () => [first] });
    renderApp('/');

    const dialog = await modal();
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    // Focus moves in an effect after the dialog mounts.
    await waitFor(() => expect(within(dialog).getByRole('heading', { name: 'משימה 1' })).toHaveFocus());
    expect(dialog).toHaveTextContent('להתקשר לגבי החוזה');
    expect(dialog).toHaveTextContent('דנה לוי');
    expect(within(dialog).getByText('054-123-4567').tagName).toBe('BDI');
    expect(within(dialog).getByRole('link', { name: 'התקשר' })).toHaveAttribute('href', 'tel:+972541234567');
    const whatsApp = within(dialog).getByRole('link', { name: 'וואטסאפ' });
    expect(whatsApp).toHaveAttribute('href', 'https://wa.me/972541234567');
    expect(whatsApp).toHaveAttribute('target', '_blank');
    expect(whatsApp.getAttribute('rel')).toContain('noopener');
    // The rest of the app is inert while the alert is up.
    expect(document.querySelector('.due-alerts__background')).toHaveAttribute('inert');
  });

  it('names a new caller once: the number the server put in the name is not repeated beside it', async () => {
    const first = ringing(1, {
      customer: { id: 'c-1', name: 'מתקשר חדש 050-123-4567', phone: '+972501234567', phoneDisplay: '050-123-4567' },
    });
    tasksServer({ due: () => [first] });
    renderApp('/');

    const dialog = await modal();
    const customer = within(dialog).getByText('לקוח').nextElementSibling!;
    expect(customer.textContent).toBe('מתקשר חדש 050-123-4567');
    // The number is one isolated left-to-right run, so it neither breaks nor reorders inside the Hebrew.
    expect(within(customer as HTMLElement).getByText('050-123-4567')).toHaveAttribute('dir', 'ltr');
  });

  it('queues alerts, dedupes one arriving live and by catch-up, and shows the next after done and snooze', async () => {
    const [one, two, three] = [ringing(1), ringing(2), ringing(3)];
    let dueNow = [one];
    const { requests } = tasksServer({
      due: () => dueNow,
      route: (request, url) => {
        const match = /^\/api\/tasks\/(t-\d)\/(done|snooze)$/.exec(url.pathname);
        if (match && request.method === 'POST') {
          const updated = match[2] === 'done' ? { status: 'done' as const } : { remindAt: new Date(Date.now() + 900_000).toISOString() };
          return json(200, ringing(Number(match[1].slice(2)), updated));
        }
        return undefined;
      },
    });
    const { realtime } = renderApp('/');
    await modal();
    act(() => {
      realtime.emit('task:due', due(one)); // the same alert, live
      realtime.emit('task:due', due(two));
    });
    dueNow = [one, two, three];
    act(() => realtime.reconnect()); // catch-up after a drop adds only what is missing
    expect(await screen.findByText('עוד 2 משימות ממתינות')).toBeInTheDocument();
    expect(screen.getAllByRole('dialog')).toHaveLength(1);
    expect(requests.filter((r) => r.url === '/api/tasks/due')).toHaveLength(2);

    await userEvent.click(screen.getByRole('button', { name: 'בוצע' }));
    const next = await screen.findByRole('heading', { name: 'משימה 2' });
    await waitFor(() => expect(next).toHaveFocus());
    expect(screen.getByText('משימה נוספת ממתינה')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'נודניק 15 דק׳' }));
    expect(await screen.findByRole('heading', { name: 'משימה 3' })).toBeInTheDocument();
    expect(screen.queryByTestId('due-modal-waiting')).not.toBeInTheDocument();

    const posts = requests.filter((r) => r.method === 'POST' && r.url.startsWith('/api/tasks/'));
    expect(posts.map((r) => [r.url, r.body, r.authorization])).toEqual([
      ['/api/tasks/t-1/done', undefined, 'Bearer token-1'],
      ['/api/tasks/t-2/snooze', { minutes: 15 }, 'Bearer token-1'],
    ]);
  });

  it('closes when task:updated says the task no longer rings (done in another tab, snoozed, deleted)', async () => {
    const [one, two] = [ringing(1), ringing(2)];
    tasksServer({ due: () => [one, two] });
    const { realtime } = renderApp('/');
    await modal();
    const later = new Date().toISOString();

    act(() => realtime.emit('task:updated', { ...one, title: 'שם חדש', updatedAt: later }));
    expect(await screen.findByRole('heading', { name: 'שם חדש' })).toBeInTheDocument();

    act(() => realtime.emit('task:updated', { ...one, status: 'done', updatedAt: later }));
    expect(await screen.findByRole('heading', { name: 'משימה 2' })).toBeInTheDocument();

    act(() => realtime.emit('task:updated', { ...two, remindAt: new Date(Date.now() + 900_000).toISOString(), updatedAt: later }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(document.querySelector('.due-alerts__background')).not.toHaveAttribute('inert');
  });

  it("opens the customer's WhatsApp thread in the app (a snooze, like opening the call) when the business has a sender", async () => {
    const first = ringing(1, { customer: { id: 'c-1', name: 'דנה לוי', phone: '+972541234567', phoneDisplay: '054-123-4567' } });
    const { requests } = tasksServer({
      due: () => [first],
      features: ['crm', 'whatsapp'],
      route: (_request, url) => {
        if (url.pathname === '/api/whatsapp/sender') return json(200, { hasSender: true });
        if (url.pathname === '/api/tasks/t-1/snooze') return json(200, { ...first, remindAt: new Date(Date.now() + 900_000).toISOString() });
        return undefined;
      },
    });
    renderApp('/');
    const dialog = await modal();

    const whatsApp = await within(dialog).findByRole('button', { name: 'וואטסאפ' });
    expect(within(dialog).queryByRole('link', { name: 'וואטסאפ' })).not.toBeInTheDocument();
    await userEvent.click(whatsApp);
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/whatsapp/c-1'));
    expect(requests.some((r) => r.method === 'POST' && r.url.endsWith('/api/tasks/t-1/snooze'))).toBe(true);
  });

  it('shows an API error inline and keeps the task; Escape does not dismiss it', async () => {
    tasksServer({
      due: () => [ringing(1)],
      route: (_request, url) =>
        url.pathname === '/api/tasks/t-1/done' ? problem(500, { title: 'Internal Server Error' }) : undefined,
    });
    renderApp('/');
    await modal();

    await userEvent.keyboard('{Escape}');
    expect(screen.getByRole('dialog')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'בוצע' }));
    expect(await screen.findByText('הפעולה נכשלה. נסו שוב.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'משימה 1' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'בוצע' })).toBeEnabled();
  });

  it('keeps Tab inside the dialog', async () => {
    tasksServer({ due: () => [ringing(1)] });
    renderApp('/');
    const dialog = await modal();
    for (let i = 0; i < 6; i++) {
      await userEvent.tab();
      expect(dialog).toContainElement(document.activeElement as HTMLElement);
    }
    await userEvent.tab({ shift: true });
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
  });

  it('hides call and WhatsApp when the customer has no phone', async () => {
    tasksServer({ due: () => [ringing(1, { customer: { id: 'c-1', name: 'בלי טלפון', phone: null, phoneDisplay: null } })] });
    renderApp('/');
    const dialog = await modal();
    expect(within(dialog).queryByRole('link')).not.toBeInTheDocument();
    expect(within(dialog).getAllByRole('button').map((b) => b.textContent)).toEqual(['נודניק 15 דק׳', 'בוצע']);
  });
});
