import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CustomerNote } from '../../api/contracts';
import { resetSessionForTests } from '../auth/session';
import { renderApp } from '../../test/renderApp';
import { createFakeRealtime } from '../../test/fakeRealtime';
import { json } from '../../test/http';
import { customer, customersServer } from '../../test/testCustomers';

afterEach(() => {
  resetSessionForTests();
  vi.unstubAllGlobals();
});

const dana = customer(7, { name: 'דנה לוי' });

/** `count` notes, newest first, as the API sends them. */
const allNotes: CustomerNote[] = Array.from({ length: 30 }, (_, i) => ({
  id: `n${30 - i}`,
  text: `הערה ${30 - i}`,
  authorName: 'דנה כהן',
  createdAt: new Date(Date.UTC(2026, 0, 30 - i, 8)).toISOString(),
}));

function customerServer() {
  return customersServer((request, url) => {
    if (url.pathname === '/api/crm/customers/c-7' && request.method === 'GET') return json(200, dana);
    if (url.pathname === '/api/crm/customers/c-7/notes' && request.method === 'GET') {
      const page = Number(url.searchParams.get('page'));
      const limit = Number(url.searchParams.get('limit'));
      const totalPages = Math.ceil(allNotes.length / limit);
      return json(200, {
        items: allNotes.slice((page - 1) * limit, page * limit),
        page: { page, limit, total: allNotes.length, totalPages, hasNext: page < totalPages },
      });
    }
    return undefined;
  });
}

describe('customer notes paging', () => {
  it('loads the next page with "הצג עוד" and moves focus to the first new note', async () => {
    const { requests } = customerServer();
    renderApp('/customers/c-7');
    const list = await screen.findByRole('list', { name: /הערות/ });
    expect(within(list).getAllByRole('listitem')).toHaveLength(25);
    expect(screen.getByText('מוצגות 25 מתוך 30 הערות')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'הצג עוד' }));

    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(30));
    const noteUrls = requests.map((r) => r.url).filter((url) => url.includes('/notes'));
    expect(noteUrls).toEqual([
      '/api/crm/customers/c-7/notes?page=1&limit=25',
      '/api/crm/customers/c-7/notes?page=2&limit=25',
    ]);
    expect(within(list).getAllByRole('listitem')[25]).toHaveFocus();
    expect(within(list).getAllByRole('listitem')[25]).toHaveTextContent('הערה 5');
    expect(screen.queryByRole('button', { name: 'הצג עוד' })).not.toBeInTheDocument();
    expect(screen.getByText('מוצגות 30 מתוך 30 הערות')).toBeInTheDocument();
  });
});

describe('live customer page', () => {
  it('watches the customer, shows pushed updates, re-watches after a reconnect and unwatches on leave', async () => {
    customerServer();
    const realtime = createFakeRealtime({ WatchCustomer: () => true });
    renderApp('/customers/c-7', { realtime });
    await screen.findByRole('heading', { level: 1, name: 'דנה לוי' });
    await waitFor(() => expect(realtime.invocations).toEqual([{ method: 'WatchCustomer', args: ['c-7'] }]));
    await waitFor(() => expect(document.querySelector('.customer-page')).toHaveAttribute('data-live', 'active'));

    act(() => realtime.emit('customer:updated', { ...dana, name: 'דנה לוי-כהן', city: 'אילת' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'דנה לוי-כהן' })).toBeInTheDocument();
    expect(screen.getByTestId('customer-details')).toHaveTextContent('אילת');

    // A change to another customer (this tab watches others elsewhere) is not this page's business.
    act(() => realtime.emit('customer:updated', { ...customer(8), name: 'מישהו אחר' }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('דנה לוי-כהן');

    act(() => realtime.reconnect());
    await waitFor(() => expect(realtime.invocations.filter((i) => i.method === 'WatchCustomer')).toHaveLength(2));

    await userEvent.click(screen.getAllByRole('link', { name: 'לקוחות' }).at(-1)!);
    await waitFor(() => expect(realtime.invocations.at(-1)).toEqual({ method: 'UnwatchCustomer', args: ['c-7'] }));
  });

  it('shows the reconnecting note in the header only while the connection is down', async () => {
    customerServer();
    const { realtime } = renderApp('/customers/c-7');
    await screen.findByRole('heading', { level: 1, name: 'דנה לוי' });
    const note = screen.getByTestId('connection-status');
    expect(note).toBeEmptyDOMElement();

    act(() => realtime.setState('reconnecting'));
    expect(note).toHaveTextContent('מתחבר מחדש…');
    act(() => realtime.setState('connected'));
    expect(note).toBeEmptyDOMElement();
  });
});
