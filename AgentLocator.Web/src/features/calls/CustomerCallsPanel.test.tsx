import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { resetSessionForTests } from '../auth/session';
import { renderApp } from '../../test/renderApp';
import { json } from '../../test/http';
import { customer } from '../../test/testCustomers';
import { callItem, callsPage, callsServer, listRequests } from '../../test/testCalls';

afterEach(() => {
  resetSessionForTests();
  vi.unstubAllGlobals();
});

const dana = customer(7, { name: 'דנה לוי' });
const danaCalls = [
  callItem(1, { customer: { id: 'c-7', name: 'דנה לוי', phone: dana.phone } }),
  callItem(2, { customer: { id: 'c-7', name: 'דנה לוי', phone: dana.phone }, disposition: 'missed', status: 'busy' }),
];

function customerServer(options: { features?: ('crm' | 'calls')[]; calls?: typeof danaCalls } = {}) {
  return callsServer(
    (request, url) => {
      if (url.pathname === '/api/crm/customers/c-7' && request.method === 'GET') return json(200, dana);
      if (url.pathname === '/api/crm/customers/c-7/notes')
        return json(200, { items: [], page: { page: 1, limit: 25, total: 0, totalPages: 0, hasNext: false } });
      if (url.pathname === '/api/tasks')
        return json(200, { items: [], page: { page: 1, limit: 25, total: 0, totalPages: 0, hasNext: false } });
      if (url.pathname === '/api/calls') return json(200, callsPage(options.calls ?? danaCalls));
      return undefined;
    },
    { features: options.features },
  );
}

describe('customer page Calls tab', () => {
  it('lists the customer’s calls, each opening its call page', async () => {
    const { requests } = customerServer();
    renderApp('/customers/c-7');
    await screen.findByRole('heading', { level: 1, name: 'דנה לוי' });

    await userEvent.click(screen.getByRole('tab', { name: 'שיחות' }));

    const panel = screen.getByRole('tabpanel');
    await within(panel).findByTestId('call-row-call-1');
    const table = within(panel).getByRole('table', { name: 'שיחות הלקוח' });
    const [sent] = listRequests(requests);
    expect(Object.fromEntries(sent.searchParams)).toEqual({ page: '1', limit: '25', customerId: 'c-7' });

    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    // The caller is this customer on every row, so that column is left out.
    expect(within(table).queryByRole('columnheader', { name: 'מתקשר' })).not.toBeInTheDocument();
    expect(within(rows[1]).getByTestId('disposition-chip')).toHaveTextContent('שיחה שלא נענתה');

    await userEvent.click(within(rows[0]).getByRole('link'));
    expect(screen.getByTestId('location')).toHaveTextContent('/calls/call-1');
  });

  it('says when the customer has no calls', async () => {
    customerServer({ calls: [] });
    renderApp('/customers/c-7');
    await screen.findByRole('heading', { level: 1, name: 'דנה לוי' });

    await userEvent.click(screen.getByRole('tab', { name: 'שיחות' }));

    expect(await screen.findByText('אין שיחות מלקוח זה.')).toBeInTheDocument();
  });

  it('is hidden for users without the calls feature, and asks for no calls', async () => {
    const { requests } = customerServer({ features: ['crm'] });
    renderApp('/customers/c-7');
    await screen.findByRole('heading', { level: 1, name: 'דנה לוי' });

    await waitFor(() => expect(screen.getAllByRole('tab').length).toBeGreaterThan(0));
    expect(screen.queryByRole('tab', { name: 'שיחות' })).not.toBeInTheDocument();
    expect(listRequests(requests)).toHaveLength(0);
  });
});
