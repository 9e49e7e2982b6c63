import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { resetSessionForTests } from '../auth/session';
import { renderApp } from '../../test/renderApp';
import { deferred, json, problem } from '../../test/http';
import { customer, customersServer, listRequests, page } from '../../test/testCustomers';

afterEach(() => {
  resetSessionForTests();
  vi.unstubAllGlobals();
});

const thirty = Array.from({ length: 30 }, (_, i) => customer(i + 1));

/** A list endpoint that pages `all` the way the API does. */
function pagedList(all = thirty) {
  return (url: URL) => {
    const pageNo = Number(url.searchParams.get('page'));
    const limit = Number(url.searchParams.get('limit'));
    return json(200, page(all.slice((pageNo - 1) * limit, pageNo * limit), { page: pageNo, limit, total: all.length }));
  };
}

function columnHeaders() {
  return screen.getAllByRole('columnheader').map((th) => th.textContent?.replace(/[▲▼↕]/g, ''));
}

describe('customers grid', () => {
  it('says "more than" for a broad search the server counted only up to its bound', async () => {
    customersServer((_, url) =>
      url.pathname === '/api/crm/customers'
        ? json(200, page(thirty.slice(0, 25), { page: 1, limit: 25, total: 1000, totalPages: 40, hasNext: true, totalIsLowerBound: true }))
        : undefined,
    );
    renderApp('/customers?q=' + encodeURIComponent('כהן'));

    expect(await screen.findByTestId('page-status')).toHaveTextContent('עמוד 1 · יותר מ-1,000 לקוחות');
    expect(screen.getByRole('button', { name: 'הבא' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'אחרון' })).toBeDisabled();
  });

  it('renders the rows and page metadata from the server', async () => {
    customersServer((_, url) => (url.pathname === '/api/crm/customers' ? pagedList()(url) : undefined));
    renderApp('/customers');

    expect(await screen.findByRole('link', { name: 'לקוח 1' })).toHaveAttribute('href', '/customers/c-1');
    expect(screen.getAllByRole('row')).toHaveLength(26); // header + 25
    expect(screen.getByTestId('page-status')).toHaveTextContent('עמוד 1 מתוך 2 · 30 לקוחות');
    expect(columnHeaders()).toEqual(['שם', 'טלפון', 'אימייל', 'עיר', 'סטטוס', 'תגיות', 'נוצר', 'פעילות אחרונה']);
    // Phone numbers read left to right inside the Hebrew table.
    const phone = within(screen.getAllByRole('row')[1]).getByText('054-000-0001');
    expect(phone.tagName).toBe('BDI');
    expect(phone).toHaveAttribute('dir', 'ltr');
  });

  it('asks the server for the next page and keeps it in the address', async () => {
    const { requests } = customersServer((_, url) =>
      url.pathname === '/api/crm/customers' ? pagedList()(url) : undefined,
    );
    renderApp('/customers');
    await screen.findByRole('link', { name: 'לקוח 1' });

    await userEvent.click(screen.getByRole('button', { name: 'הבא' }));

    expect(await screen.findByRole('link', { name: 'לקוח 26' })).toBeInTheDocument();
    expect(screen.getByTestId('page-status')).toHaveTextContent('עמוד 2 מתוך 2');
    expect(listRequests(requests).at(-1)?.searchParams.get('page')).toBe('2');
    expect(screen.getByRole('button', { name: 'הבא' })).toBeDisabled();
  });

  it('sorts on the server when a header is clicked, and marks the header with aria-sort', async () => {
    const { requests } = customersServer((_, url) =>
      url.pathname === '/api/crm/customers' ? pagedList()(url) : undefined,
    );
    renderApp('/customers?page=2');
    await screen.findByRole('link', { name: 'לקוח 26' });
    expect(listRequests(requests).at(-1)?.searchParams.get('sort')).toBe('-createdAt');
    const nameHeader = screen.getByRole('columnheader', { name: /שם/ });
    expect(nameHeader).toHaveAttribute('aria-sort', 'none');
    expect(screen.getByRole('columnheader', { name: /נוצר/ })).toHaveAttribute('aria-sort', 'descending');

    await userEvent.click(within(nameHeader).getByRole('button'));

    await waitFor(() => expect(listRequests(requests).at(-1)?.searchParams.get('sort')).toBe('name'));
    // A new order starts from the first page.
    expect(listRequests(requests).at(-1)?.searchParams.get('page')).toBe('1');
    expect(screen.getByRole('columnheader', { name: /שם/ })).toHaveAttribute('aria-sort', 'ascending');

    await userEvent.click(within(screen.getByRole('columnheader', { name: /שם/ })).getByRole('button'));
    await waitFor(() => expect(listRequests(requests).at(-1)?.searchParams.get('sort')).toBe('-name'));
  });

  it('debounces the search and starts it from page 1', async () => {
    const { requests } = customersServer((_, url) =>
      url.pathname === '/api/crm/customers' ? pagedList()(url) : undefined,
    );
    renderApp('/customers?page=2&status=active');
    await screen.findByRole('link', { name: 'לקוח 26' });

    await userEvent.type(screen.getByLabelText('חיפוש'), '054');

    await waitFor(() => expect(listRequests(requests).at(-1)?.searchParams.get('q')).toBe('054'));
    const searches = listRequests(requests).filter((url) => url.searchParams.has('q'));
    // One request for the whole word, not one per keystroke.
    expect(searches.map((url) => url.searchParams.get('q'))).toEqual(['054']);
    expect(searches[0].searchParams.get('page')).toBe('1');
    expect(searches[0].searchParams.get('status')).toBe('active');
  });

  it('hides a column and saves the choice as a user preference', async () => {
    const { requests } = customersServer((request, url) => {
      if (url.pathname === '/api/crm/customers') return pagedList()(url);
      if (url.pathname === '/api/me/preferences/customers-grid' && request.method === 'PUT')
        return new Response(null, { status: 204 });
      return undefined;
    });
    renderApp('/customers');
    await screen.findByRole('link', { name: 'לקוח 1' });

    await userEvent.click(screen.getByRole('button', { name: 'עמודות' }));
    expect(screen.getByRole('checkbox', { name: 'שם' })).toBeDisabled();
    await userEvent.click(screen.getByRole('checkbox', { name: 'עיר' }));

    expect(columnHeaders()).not.toContain('עיר');
    await waitFor(() =>
      expect(requests.find((r) => r.method === 'PUT')).toMatchObject({
        url: '/api/me/preferences/customers-grid',
        body: { value: { hiddenColumns: ['city'], limit: 25 } },
      }),
    );
  });

  it('applies saved preferences: hidden columns and page size', async () => {
    const { requests } = customersServer((_, url) => {
      if (url.pathname === '/api/me/preferences/customers-grid')
        return json(200, { value: { hiddenColumns: ['email', 'tags'], limit: 50 } });
      if (url.pathname === '/api/crm/customers') return pagedList()(url);
      return undefined;
    });
    renderApp('/customers');
    await screen.findByRole('link', { name: 'לקוח 30' });

    expect(columnHeaders()).toEqual(['שם', 'טלפון', 'עיר', 'סטטוס', 'נוצר', 'פעילות אחרונה']);
    // The saved page size is known before the first request, so there is exactly one.
    expect(listRequests(requests).map((url) => url.searchParams.get('limit'))).toEqual(['50']);
  });

  it('exports the current view as CSV with the visible columns, using the token', async () => {
    const createObjectURL = vi.fn(() => 'blob:customers');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const { requests } = customersServer((_, url) => {
      if (url.pathname === '/api/me/preferences/customers-grid')
        return json(200, { value: { hiddenColumns: ['email'], limit: 25 } });
      if (url.pathname === '/api/crm/customers/export.csv')
        return new Response('\uFEFFname\r\n', { headers: { 'Content-Type': 'text/csv' } });
      if (url.pathname === '/api/crm/customers') return pagedList()(url);
      return undefined;
    });
    renderApp('/customers?q=דנה&sort=name&status=lead&tag=vip');
    await screen.findByRole('link', { name: 'לקוח 1' });

    await userEvent.click(screen.getByRole('button', { name: 'ייצוא ל-CSV' }));

    await waitFor(() => expect(click).toHaveBeenCalled());
    const exportRequest = requests.find((r) => r.url.includes('export.csv'))!;
    const url = new URL(exportRequest.url, 'http://app.test');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      q: 'דנה',
      sort: 'name',
      status: 'lead',
      tag: 'vip',
      columns: 'name,phone,city,status,tags,createdAt,lastActivityAt',
    });
    expect(exportRequest.authorization).toBe('Bearer token-1');
    const link = click.mock.contexts[0] as HTMLAnchorElement;
    expect(link.download).toMatch(/^customers-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(link.href).toBe('blob:customers');
  });
});

describe('customers grid states', () => {
  it('shows skeleton rows while the first page loads', async () => {
    const answer = deferred<Response>();
    customersServer((_, url) => (url.pathname === '/api/crm/customers' ? answer.promise : undefined));
    renderApp('/customers');

    expect(await screen.findByText('טוען לקוחות…')).toBeInTheDocument();
    expect(screen.getAllByTestId('skeleton-row').length).toBeGreaterThan(0);

    answer.resolve(json(200, page([customer(1)])));
    expect(await screen.findByRole('link', { name: 'לקוח 1' })).toBeInTheDocument();
    expect(screen.queryByTestId('skeleton-row')).not.toBeInTheDocument();
  });

  it('explains an empty customer list and offers to add the first one', async () => {
    customersServer((_, url) => (url.pathname === '/api/crm/customers' ? json(200, page([])) : undefined));
    renderApp('/customers');

    expect(await screen.findByRole('heading', { name: 'עדיין אין לקוחות' })).toBeInTheDocument();
    const main = screen.getByRole('main');
    expect(within(main).getAllByRole('link', { name: 'לקוח חדש' }).length).toBe(2);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says the search matched nothing, shows the query, and clears the filters', async () => {
    const { requests } = customersServer((_, url) => {
      if (url.pathname !== '/api/crm/customers') return undefined;
      return url.searchParams.has('q') ? json(200, page([])) : json(200, page([customer(1)]));
    });
    renderApp('/customers?q=אין כזה&status=lead');

    expect(await screen.findByRole('heading', { name: 'לא נמצאו לקוחות' })).toBeInTheDocument();
    expect(screen.getByText('אין כזה')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'נקה סינון' }));

    expect(await screen.findByRole('link', { name: 'לקוח 1' })).toBeInTheDocument();
    const last = listRequests(requests).at(-1)!;
    expect(last.searchParams.has('q')).toBe(false);
    expect(last.searchParams.has('status')).toBe(false);
    expect(screen.getByLabelText('חיפוש')).toHaveValue('');
  });

  it('shows an error with a retry that loads the list again', async () => {
    let fail = true;
    customersServer((_, url) => {
      if (url.pathname !== '/api/crm/customers') return undefined;
      return fail ? problem(400, { title: 'Bad Request' }) : json(200, page([customer(1)]));
    });
    renderApp('/customers');

    expect(await screen.findByRole('heading', { name: 'לא הצלחנו לטעון את רשימת הלקוחות' })).toBeInTheDocument();
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'נסו שוב' }));

    expect(await screen.findByRole('link', { name: 'לקוח 1' })).toBeInTheDocument();
  });

  it('says the feature is off when the API answers with the plan 403', async () => {
    customersServer((_, url) =>
      url.pathname === '/api/crm/customers'
        ? problem(403, { title: 'Feature disabled', detail: 'crm is off', feature: 'crm' })
        : undefined,
    );
    renderApp('/customers');

    expect(await screen.findByRole('heading', { name: 'התכונה אינה זמינה בחבילה שלך' })).toBeInTheDocument();
  });
});
