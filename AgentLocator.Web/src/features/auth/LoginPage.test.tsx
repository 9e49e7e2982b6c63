import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { resetSessionForTests } from './session';
import { renderApp } from '../../test/renderApp';
import { authResponse, deferred, json, meResponse, mockFetch, problem, unauthorized } from '../../test/http';

afterEach(() => {
  resetSessionForTests();
  vi.unstubAllGlobals();
});

async function fillAndSubmit(password = 'Passw0rd!') {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('אימייל'), 'agent@demo.local');
  await user.type(screen.getByLabelText('סיסמה'), password);
  await user.click(screen.getByRole('button', { name: 'כניסה' }));
}

describe('LoginPage', () => {
  it('shows the Hebrew error on 401 and lets the user try again', async () => {
    mockFetch(({ url }) =>
      url === '/api/auth/login'
        ? problem(401, { title: 'Invalid credentials', detail: 'Email or password is incorrect.' })
        : unauthorized(),
    );
    renderApp('/login');

    await fillAndSubmit('wrong');

    expect(await screen.findByRole('alert')).toHaveTextContent('האימייל או הסיסמה שגויים.');
    expect(screen.getByRole('button', { name: 'כניסה' })).toBeEnabled();
    expect(screen.getByTestId('location')).toHaveTextContent('/login');
  });

  it('tells the user how long to wait after too many attempts', async () => {
    mockFetch(({ url }) =>
      url === '/api/auth/login'
        ? problem(429, { title: 'Too many attempts' }, { 'Retry-After': '300' })
        : unauthorized(),
    );
    renderApp('/login');

    await fillAndSubmit();

    expect(await screen.findByRole('alert')).toHaveTextContent('נסו שוב בעוד 5 דקות');
  });

  it('disables the button while the login request is in flight', async () => {
    const loginAnswer = deferred<Response>();
    mockFetch(({ url }) => (url === '/api/auth/login' ? loginAnswer.promise : unauthorized()));
    renderApp('/login');

    await fillAndSubmit();

    const busy = screen.getByRole('button', { name: 'מתחבר…' });
    expect(busy).toBeDisabled();

    loginAnswer.resolve(unauthorized());
    await waitFor(() => expect(screen.getByRole('button', { name: 'כניסה' })).toBeEnabled());
  });

  it('signs in, sends the credentials and returns to the page the user first asked for', async () => {
    const { requests } = mockFetch(({ url }) => {
      if (url === '/api/auth/login') return json(200, authResponse('token-1'));
      if (url === '/api/me') return json(200, meResponse(['crm', 'calls']));
      // The tasks page and the shell's due-alerts catch-up, once signed in.
      if (url === '/api/tasks/due') return json(200, []);
      if (url.startsWith('/api/tasks?'))
        return json(200, { items: [], page: { page: 1, limit: 50, total: 0, totalPages: 0, hasNext: false } });
      return unauthorized();
    });
    renderApp('/tasks');

    // No session cookie yet, so the guard sends us to the login page first.
    await screen.findByRole('heading', { name: 'כניסה ל-AgentLocator' });
    await fillAndSubmit();

    expect(await screen.findByRole('heading', { name: 'משימות' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/tasks');
    expect(requests.find((r) => r.url === '/api/auth/login')?.body).toEqual({
      email: 'agent@demo.local',
      password: 'Passw0rd!',
    });
    expect(requests.find((r) => r.url === '/api/me')?.authorization).toBe('Bearer token-1');
  });

  it('labels its inputs and announces errors politely to assistive technology', async () => {
    mockFetch(() => unauthorized());
    renderApp('/login');

    expect(await screen.findByLabelText('אימייל')).toHaveAttribute('type', 'email');
    expect(screen.getByLabelText('סיסמה')).toHaveAttribute('type', 'password');
    expect(screen.getByRole('alert')).toHaveAttribute('aria-live');
  });
});
