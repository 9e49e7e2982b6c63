import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { FeatureKey } from '../../api/contracts';
import { getAccessToken, resetSessionForTests } from '../auth/session';
import { renderApp } from '../../test/renderApp';
import { authResponse, json, meResponse, mockFetch, problem } from '../../test/http';

afterEach(() => {
  resetSessionForTests();
  vi.unstubAllGlobals();
});

/** A returning user: the refresh cookie restores the session, then /api/me answers. */
function signedInWith(features: FeatureKey[]) {
  return mockFetch(({ url }) => {
    if (url === '/api/auth/refresh') return json(200, authResponse('token-1'));
    if (url === '/api/me') return json(200, meResponse(features));
    if (url === '/api/auth/logout') return new Response(null, { status: 204 });
    return problem(404, { title: 'Not Found' });
  });
}

async function openUserMenu() {
  await userEvent.click(await screen.findByRole('button', { name: /^תפריט המשתמש/ }));
}

async function navLabels() {
  const nav = await screen.findByRole('navigation', { name: 'ניווט ראשי' });
  return within(nav)
    .getAllByRole('link')
    .map((link) => link.textContent);
}

describe('AppShell', () => {
  it('shows only the nav items whose feature is enabled', async () => {
    signedInWith(['crm', 'invoices']);
    renderApp('/');

    expect(await navLabels()).toEqual(['ראשי', 'לקוחות', 'משימות', 'חשבוניות']);
  });

  it('shows every area when all features are enabled, in a fixed order', async () => {
    signedInWith(['signatures', 'invoices', 'contracts', 'whatsapp', 'calls', 'crm']);
    renderApp('/');

    expect(await navLabels()).toEqual([
      'ראשי',
      'לקוחות',
      'שיחות',
      'משימות',
      'וואטסאפ',
      'חוזים',
      'חשבוניות',
      'חתימות',
    ]);
  });

  it('counts unread WhatsApp messages beside its link, from the inbox’s read marks', async () => {
    const conversation = (customerId: string, unread: number) => ({ customerId, name: 'לקוח', unread });
    mockFetch(({ url }) => {
      if (url === '/api/auth/refresh') return json(200, authResponse('token-1'));
      if (url === '/api/me') return json(200, meResponse(['whatsapp', 'crm']));
      if (url === '/api/whatsapp/conversations') {
        return json(200, { items: [conversation('a', 2), conversation('b', 0), conversation('c', 1)], next: null });
      }
      return problem(404, { title: 'Not Found' });
    });
    renderApp('/');

    const link = await screen.findByRole('link', { name: /^וואטסאפ/ });
    expect(await within(link).findByTestId('nav-whatsapp-unread')).toHaveTextContent('3');
    expect(link).toHaveAccessibleName('וואטסאפ 3 הודעות שלא נקראו');
  });

  it('shows no WhatsApp count when nothing is unread', async () => {
    mockFetch(({ url }) => {
      if (url === '/api/auth/refresh') return json(200, authResponse('token-1'));
      if (url === '/api/me') return json(200, meResponse(['whatsapp']));
      if (url === '/api/whatsapp/conversations') return json(200, { items: [{ customerId: 'a', unread: 0 }], next: null });
      return problem(404, { title: 'Not Found' });
    });
    renderApp('/');
    await screen.findByRole('link', { name: 'וואטסאפ' });
    expect(screen.queryByTestId('nav-whatsapp-unread')).not.toBeInTheDocument();
  });

  it('shows the business, the user and a greeting restored from the refresh cookie', async () => {
    signedInWith(['crm']);
    renderApp('/');

    expect(await screen.findByRole('heading', { name: 'ברוך הבא, דנה כהן' })).toBeInTheDocument();
    expect(screen.getByTestId('business-name')).toHaveTextContent('סוכנות הדגמה');
    expect(screen.getByTestId('user-display-name')).toHaveTextContent('דנה כהן');
  });

  it('says a disabled feature is not in the plan instead of showing its page', async () => {
    signedInWith(['crm']);
    renderApp('/calls');

    expect(await screen.findByRole('heading', { name: 'התכונה אינה זמינה בחבילה שלך' })).toBeInTheDocument();
    expect(screen.queryByText('בקרוב')).not.toBeInTheDocument();
  });

  it('shows a Hebrew 404 page for an unknown address', async () => {
    signedInWith(['crm']);
    renderApp('/no-such-page');

    expect(await screen.findByRole('heading', { name: 'הדף לא נמצא' })).toBeInTheDocument();
  });

  it('shows an error with a retry button when /api/me fails', async () => {
    mockFetch(({ url }) =>
      url === '/api/auth/refresh'
        ? json(200, authResponse('token-1'))
        : problem(500, { title: 'Internal Server Error' }),
    );
    renderApp('/');

    expect(await screen.findByRole('heading', { name: 'לא הצלחנו לטעון את פרטי החשבון' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'נסו שוב' })).toBeInTheDocument();
  });

  it('logs out through the API and returns to the login page', async () => {
    const { requests } = signedInWith(['crm']);
    renderApp('/');

    await openUserMenu();
    await userEvent.click(await screen.findByRole('button', { name: 'יציאה' }));

    expect(await screen.findByRole('heading', { name: 'כניסה ל-AgentLocator' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/login');
    expect(requests.find((r) => r.url === '/api/auth/logout')).toMatchObject({
      method: 'POST',
      authorization: 'Bearer token-1',
    });
    expect(getAccessToken()).toBeNull();
  });

  it('sends an anonymous visitor to the login page', async () => {
    mockFetch(() => problem(401, { title: 'Unauthorized' }));
    renderApp('/tasks');

    expect(await screen.findByRole('heading', { name: 'כניסה ל-AgentLocator' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/login');
  });
});

describe('Orleans dashboard', () => {
  // It spans every business, so it is the operator's (the operator key), never a tenant admin's: no link in the shell.
  it.each(['admin', 'agent'] as const)('is not offered to a tenant %s', async (role) => {
    mockFetch(({ url }) => {
      if (url === '/api/auth/refresh') return json(200, authResponse('token-1'));
      if (url === '/api/me') {
        const me = meResponse(['crm']);
        return json(200, { ...me, user: { ...me.user, role } });
      }
      return problem(404, { title: 'Not Found' });
    });
    renderApp('/');

    await screen.findByRole('navigation', { name: 'ניווט ראשי' });
    await openUserMenu();
    if (role === 'admin') expect(await screen.findByRole('link', { name: 'הגדרות' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'לוח Orleans' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'לוח Orleans' })).not.toBeInTheDocument();
  });
});

describe('phone drawer and user menu', () => {
  function signedInAs(role: 'admin' | 'agent', features: FeatureKey[]) {
    mockFetch(({ url }) => {
      if (url === '/api/auth/refresh') return json(200, authResponse('token-1'));
      if (url === '/api/me') {
        const me = meResponse(features);
        return json(200, { ...me, user: { ...me.user, role } });
      }
      return problem(404, { title: 'Not Found' });
    });
  }

  it('opens the drawer from the menu button, keeps focus inside, and Escape closes it and gives focus back', async () => {
    signedInAs('agent', ['crm']);
    renderApp('/');

    const menuButton = await screen.findByRole('button', { name: 'פתיחת התפריט' });
    expect(menuButton).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(menuButton);

    expect(menuButton).toHaveAttribute('aria-expanded', 'true');
    const close = screen.getByRole('button', { name: 'סגירת התפריט' });
    expect(close).toHaveFocus();
    // Shift+Tab from the first control wraps to the last link: focus never leaves the drawer.
    await userEvent.tab({ shift: true });
    expect(screen.getByRole('link', { name: 'משימות' })).toHaveFocus();
    expect(document.querySelector('main')).toHaveAttribute('inert');

    await userEvent.keyboard('{Escape}');
    expect(menuButton).toHaveAttribute('aria-expanded', 'false');
    expect(menuButton).toHaveFocus();
    expect(document.querySelector('main')).not.toHaveAttribute('inert');
  });

  it('closes the drawer when a link in it is followed', async () => {
    signedInAs('agent', ['crm']);
    renderApp('/');

    await userEvent.click(await screen.findByRole('button', { name: 'פתיחת התפריט' }));
    await userEvent.click(screen.getByRole('link', { name: 'משימות' }));

    expect(screen.getByTestId('location')).toHaveTextContent('/tasks');
    expect(screen.getByRole('button', { name: 'פתיחת התפריט' })).toHaveAttribute('aria-expanded', 'false');
  });

  it('lists the admin tools in the user menu for an admin only, and not in the main navigation', async () => {
    signedInAs('admin', ['crm', 'calls']);
    renderApp('/');

    expect(await navLabels()).toEqual(['ראשי', 'לקוחות', 'שיחות', 'משימות']);
    await openUserMenu();
    const links = screen.getAllByRole('link').map((link) => link.textContent);
    expect(links).toEqual(expect.arrayContaining(['התראות', 'הגדרות', 'הגדרות מענה טלפוני']));

    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('link', { name: 'הגדרות' })).not.toBeInTheDocument();
  });

  it('gives an agent only their own settings and the way out', async () => {
    signedInAs('agent', ['crm', 'calls']);
    renderApp('/');

    await openUserMenu();
    expect(screen.getByRole('link', { name: 'התראות' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'יציאה' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'הגדרות' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'הגדרות מענה טלפוני' })).not.toBeInTheDocument();
  });

  it('searches customers from the header', async () => {
    signedInAs('agent', ['crm']);
    renderApp('/tasks');

    await userEvent.type(await screen.findByRole('searchbox', { name: 'מציאת לקוח' }), 'כהן{Enter}');

    expect(screen.getByTestId('location')).toHaveTextContent('/customers');
    expect(screen.getByTestId('location-search')).toHaveTextContent('?q=%D7%9B%D7%94%D7%9F');
  });
});

describe('first visit', () => {
  it('goes to the login page without asking for a refresh when no session marker is set', async () => {
    document.cookie = 'al_session=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
    const requests = mockFetch(() => problem(401, { title: 'No active session.' }));
    renderApp('/');

    expect(await screen.findByRole('button', { name: /כניסה/ })).toBeInTheDocument();
    expect(requests.requests.map((call) => call.url)).not.toContain('/api/auth/refresh');
  });
});
