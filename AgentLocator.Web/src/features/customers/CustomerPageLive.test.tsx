import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
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

function customerServer() {
  return customersServer((request, url) => {
    if (url.pathname === '/api/crm/customers/c-7' && request.method === 'GET') return json(200, dana);
    return undefined;
  });
}

describe('live customer page', () => {
  it('watches the customer, shows pushed updates, re-watches after a reconnect and unwatches on leave', async () => {
    customerServer();
    const realtime = createFakeRealtime({ WatchCustomer: () => true });
    renderApp('/customers/c-7', { realtime });
    await screen.findByRole('heading', { level: 1, name: 'דנה לוי' });
    // The page's timeline has its own watch (see the timeline's tests); these are the customer's.
    const customerCalls = () => realtime.invocations.filter((i) => i.method.endsWith('Customer'));
    await waitFor(() => expect(customerCalls()).toEqual([{ method: 'WatchCustomer', args: ['c-7'] }]));
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
    await waitFor(() => expect(customerCalls().at(-1)).toEqual({ method: 'UnwatchCustomer', args: ['c-7'] }));
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
