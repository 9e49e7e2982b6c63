import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { resetSessionForTests } from '../auth/session';
import { renderApp } from '../../test/renderApp';
import { authResponse, json, meResponse, mockFetch, problem, unauthorized } from '../../test/http';

const TOKEN = 'A'.repeat(43);

afterEach(() => {
  resetSessionForTests();
  vi.unstubAllGlobals();
});

const invitation = {
  kind: 'invitation',
  businessName: 'סוכנות לדוגמה',
  email: 'new@demo.local',
  phone: null,
  role: 'agent',
  displayName: null,
  expiresAt: '2026-12-13T09:00:00Z',
  needsEmail: false,
};

describe('AccountLinkPage', () => {
  it('lets the invitee choose a name and password, shows the server’s refusal, and lands signed in', async () => {
    let attempts = 0;
    const { requests } = mockFetch(({ url, method }) => {
      if (url === `/api/account-links/${TOKEN}` && method === 'GET') return json(200, invitation);
      if (url === `/api/account-links/${TOKEN}` && method === 'POST') {
        attempts += 1;
        return attempts === 1
          ? problem(400, { title: 'לא ניתן להשלים את ההרשמה.', errors: { password: ['הסיסמה נפוצה מדי וקלה לניחוש. בחרו סיסמה אחרת.'] } })
          : json(200, authResponse('token-invited'));
      }
      if (url === '/api/me') return json(200, meResponse(['crm']));
      return unauthorized();
    });
    renderApp(`/invite/${TOKEN}`);
    const user = userEvent.setup();

    expect(await screen.findByRole('heading', { name: 'הצטרפות לסוכנות לדוגמה' })).toBeVisible();
    await user.type(screen.getByLabelText('שם לתצוגה'), 'דנה');
    await user.type(screen.getByLabelText(/^סיסמה/), 'short');
    await user.type(screen.getByLabelText('אימות סיסמה'), 'short');
    await user.click(screen.getByRole('button', { name: 'הצטרפות' }));
    expect(screen.getByRole('alert')).toHaveTextContent('לפחות 10 תווים');
    expect(requests.filter((r) => r.method === 'POST' && r.url.startsWith('/api/account-links/'))).toHaveLength(0);

    await user.clear(screen.getByLabelText(/^סיסמה/));
    await user.type(screen.getByLabelText(/^סיסמה/), 'password1234');
    await user.clear(screen.getByLabelText('אימות סיסמה'));
    await user.type(screen.getByLabelText('אימות סיסמה'), 'password1234');
    await user.click(screen.getByRole('button', { name: 'הצטרפות' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('נפוצה');

    await user.click(screen.getByRole('button', { name: 'הצטרפות' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/$/));
    expect(requests.find((r) => r.method === 'POST' && r.url.startsWith('/api/account-links/'))?.body).toEqual({ password: 'password1234', displayName: 'דנה' });
    // Typing every character is slow on a busy machine; nothing here measures time.
  }, 30_000);

  it('says the link is no longer valid when the server does not know it', async () => {
    mockFetch(({ url }) =>
      url.startsWith('/api/account-links/')
        ? problem(404, { title: 'הקישור אינו בתוקף.', detail: 'הקישור כבר שומש, בוטל או שפג תוקפו.' })
        : unauthorized(),
    );
    renderApp(`/reset-password/${TOKEN}`);

    expect(await screen.findByRole('heading', { name: 'הקישור אינו בתוקף' })).toBeVisible();
    expect(screen.getByText(/כבר שומש/)).toBeVisible();
  });
});
