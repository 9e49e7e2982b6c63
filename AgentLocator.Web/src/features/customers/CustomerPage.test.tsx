import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { resetSessionForTests } from '../auth/session';
import { renderApp } from '../../test/renderApp';
import { json, problem } from '../../test/http';
import { customer, customersServer } from '../../test/testCustomers';

afterEach(() => {
  resetSessionForTests();
  vi.unstubAllGlobals();
});

const dana = customer(7, { name: 'דנה לוי', phone: '+972541234567', phoneDisplay: '054-123-4567' });

function customerServer(extra: Parameters<typeof customersServer>[0] = () => undefined, features = ['crm'] as const) {
  return customersServer(
    (request, url) => {
      const answer = extra(request, url);
      if (answer) return answer;
      if (url.pathname === '/api/crm/customers/c-7' && request.method === 'GET') return json(200, dana);
      return undefined;
    },
    { features: [...features] },
  );
}

describe('customer page', () => {
  it('shows contact details and quick actions', async () => {
    customerServer();
    renderApp('/customers/c-7');

    expect(await screen.findByRole('heading', { level: 1, name: 'דנה לוי' })).toBeInTheDocument();
    const details = screen.getByTestId('customer-details');
    expect(within(details).getByText('054-123-4567')).toHaveAttribute('dir', 'ltr');
    expect(screen.getByRole('link', { name: 'התקשרות' })).toHaveAttribute('href', 'tel:+972541234567');
    expect(screen.getByRole('link', { name: 'הודעת וואטסאפ' })).toHaveAttribute('href', 'https://wa.me/972541234567');
  });

  it('hides the tabs of features the user does not have', async () => {
    customerServer(undefined, ['crm', 'signatures'] as never);
    renderApp('/customers/c-7');

    const tabs = await screen.findByRole('tablist');
    // No calls, WhatsApp, contracts or invoices: their tabs are gone; signature requests have a tab of their own.
    expect(within(tabs).getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['ציר זמן', 'משימות', 'חתימות']);
    expect(within(tabs).getByRole('tab', { name: 'ציר זמן' })).toHaveAttribute('aria-selected', 'true');
  });

  it('shows every tab when every feature is on', async () => {
    customerServer(undefined, ['crm', 'calls', 'whatsapp', 'contracts'] as never);
    renderApp('/customers/c-7');

    const tabs = await screen.findByRole('tablist');
    expect(within(tabs).getAllByRole('tab').map((tab) => tab.textContent)).toEqual([
      'ציר זמן',
      'שיחות',
      'וואטסאפ',
      'משימות',
      'מסמכים',
    ]);
  });

  it('says a missing (or another business’s) customer was not found', async () => {
    customersServer(() => problem(404, { title: 'Not Found' }));
    renderApp('/customers/nope');

    expect(await screen.findByRole('heading', { name: 'הלקוח לא נמצא' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'חזרה לרשימת הלקוחות' })).toHaveAttribute('href', '/customers');
  });

  it('shows the API’s validation messages next to each field when editing', async () => {
    const { requests } = customerServer((request, url) =>
      url.pathname === '/api/crm/customers/c-7' && request.method === 'PATCH'
        ? problem(400, {
            title: 'One or more validation errors occurred.',
            errors: { Email: ['כתובת האימייל אינה תקינה'], phone: ['מספר הטלפון אינו תקין'] },
          })
        : undefined,
    );
    renderApp('/customers/c-7');
    await userEvent.click(await screen.findByRole('button', { name: 'עריכה' }));
    await userEvent.clear(screen.getByLabelText('אימייל'));
    await userEvent.type(screen.getByLabelText('אימייל'), 'not-an-email');
    await userEvent.click(screen.getByRole('button', { name: 'שמירה' }));

    const email = screen.getByLabelText('אימייל');
    expect(await screen.findByText('כתובת האימייל אינה תקינה')).toBeInTheDocument();
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription('כתובת האימייל אינה תקינה');
    expect(screen.getByLabelText('טלפון')).toHaveAccessibleDescription('מספר הטלפון אינו תקין');
    expect(screen.getByLabelText('שם')).not.toHaveAttribute('aria-invalid');
    expect(requests.find((r) => r.method === 'PATCH')?.body).toMatchObject({ email: 'not-an-email' });
  });

  it('shows a refused tax id (422) next to its field', async () => {
    customerServer((request, url) =>
      url.pathname === '/api/crm/customers/c-7' && request.method === 'PATCH'
        ? problem(422, { title: 'The changes are not valid.', errors: { taxId: ['מספר העוסק אינו תקין'] } })
        : undefined,
    );
    renderApp('/customers/c-7');
    await userEvent.click(await screen.findByRole('button', { name: 'עריכה' }));
    await userEvent.type(screen.getByLabelText(/מספר עוסק/), '123456789');
    await userEvent.click(screen.getByRole('button', { name: 'שמירה' }));

    expect(await screen.findByText('מספר העוסק אינו תקין')).toBeInTheDocument();
    expect(screen.getByLabelText(/מספר עוסק/)).toHaveAttribute('aria-invalid', 'true');
  });

  it('saves an edit and shows the updated details', async () => {
    customerServer((request, url) =>
      url.pathname === '/api/crm/customers/c-7' && request.method === 'PATCH'
        ? json(200, { ...dana, city: 'חיפה' })
        : undefined,
    );
    renderApp('/customers/c-7');
    await userEvent.click(await screen.findByRole('button', { name: 'עריכה' }));
    await userEvent.clear(screen.getByLabelText('עיר'));
    await userEvent.type(screen.getByLabelText('עיר'), 'חיפה');
    await userEvent.click(screen.getByRole('button', { name: 'שמירה' }));

    expect(await screen.findByTestId('customer-details')).toHaveTextContent('חיפה');
  });
});

describe('new customer form', () => {
  it('says the phone already belongs to another customer, with a link to them', async () => {
    customersServer((request, url) =>
      url.pathname === '/api/crm/customers' && request.method === 'POST'
        ? problem(409, { title: 'Conflict', detail: 'Duplicate phone', customerId: 'c-42' })
        : undefined,
    );
    renderApp('/customers/new');

    await userEvent.type(await screen.findByLabelText('שם'), 'יוסי');
    await userEvent.type(screen.getByLabelText('טלפון'), '054-123-4567');
    await userEvent.click(screen.getByRole('button', { name: 'יצירת לקוח' }));

    expect(await screen.findByText(/מספר הטלפון כבר שייך ללקוח אחר/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'לכרטיס הלקוח' })).toHaveAttribute('href', '/customers/c-42');
    expect(screen.getByLabelText('טלפון')).toHaveAttribute('aria-invalid', 'true');
  });

  it('creates the customer and opens their page', async () => {
    const { requests } = customerServer((request, url) =>
      url.pathname === '/api/crm/customers' && request.method === 'POST' ? json(201, dana) : undefined,
    );
    renderApp('/customers/new');

    await userEvent.type(await screen.findByLabelText('שם'), 'דנה לוי');
    await userEvent.type(screen.getByLabelText('טלפון'), '054-123-4567');
    await userEvent.type(screen.getByLabelText(/תגיות/), 'vip, צפון');
    await userEvent.type(screen.getByLabelText(/מספר עוסק/), '516179157');
    await userEvent.click(screen.getByRole('button', { name: 'יצירת לקוח' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'דנה לוי' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/customers/c-7'));
    expect(requests.find((r) => r.method === 'POST' && r.url === '/api/crm/customers')?.body).toEqual({
      name: 'דנה לוי',
      phone: '054-123-4567',
      email: null,
      city: null,
      taxId: '516179157',
      status: 'lead',
      tags: ['vip', 'צפון'],
    });
  });
});
