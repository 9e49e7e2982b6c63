import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError } from './client';
import {
  getAccessToken,
  getSessionState,
  login,
  resetSessionForTests,
} from '../features/auth/session';
import { authResponse, json, mockFetch, problem, unauthorized } from '../test/http';

afterEach(() => {
  resetSessionForTests();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

async function signIn(token = 'token-1') {
  mockFetch(() => json(200, authResponse(token)));
  await login('agent@demo.local', 'Passw0rd!');
}

describe('API client errors', () => {
  it('parses problem+json into an ApiError with status, title, detail and field errors', async () => {
    mockFetch(() =>
      problem(400, {
        title: 'One or more validation errors occurred.',
        detail: 'Check the highlighted fields.',
        errors: { email: ['The email field is required.'] },
      }),
    );

    const error = await api.post('/api/customers', {}).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      title: 'One or more validation errors occurred.',
      detail: 'Check the highlighted fields.',
      errors: { email: ['The email field is required.'] },
    });
  });

  it('reads Retry-After from a 429', async () => {
    mockFetch(() => problem(429, { title: 'Too many requests' }, { 'Retry-After': '120' }));

    const error = await api.post('/api/auth/login', {}).catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 429, retryAfterSeconds: 120 });
  });

  it('keeps the status when the error body is not JSON', async () => {
    mockFetch(() => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));

    const error = await api.get('/api/me').catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 502, title: 'Bad Gateway', detail: undefined });
  });

  it('reports an unreachable server as a network error (status 0)', async () => {
    mockFetch(() => Promise.reject(new TypeError('Failed to fetch')));

    const error = (await api.get('/api/me').catch((e: unknown) => e)) as ApiError;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.isNetworkError).toBe(true);
  });
});

describe('API client requests', () => {
  it('sends JSON with the bearer token and same-origin credentials', async () => {
    await signIn('token-abc');
    const { requests } = mockFetch(() => json(200, { ok: true }));

    const result = await api.post<{ ok: boolean }>('/api/tasks', { title: 'להתקשר' });

    expect(result).toEqual({ ok: true });
    expect(requests[0]).toMatchObject({
      method: 'POST',
      url: '/api/tasks',
      authorization: 'Bearer token-abc',
      credentials: 'same-origin',
      body: { title: 'להתקשר' },
    });
  });

  it('returns undefined for 204 No Content', async () => {
    mockFetch(() => new Response(null, { status: 204 }));
    await expect(api.delete('/api/tasks/1')).resolves.toBeUndefined();
  });
});

describe('API client 401 handling', () => {
  it('refreshes once on a 401 and retries with the new token', async () => {
    await signIn('expired-token');
    const { requests } = mockFetch(({ url, authorization }) => {
      if (url === '/api/auth/refresh') return json(200, authResponse('fresh-token'));
      return authorization === 'Bearer fresh-token' ? json(200, { hello: 'world' }) : unauthorized();
    });

    await expect(api.get('/api/me')).resolves.toEqual({ hello: 'world' });

    expect(requests.map((r) => `${r.method} ${r.url} ${r.authorization}`)).toEqual([
      'GET /api/me Bearer expired-token',
      'POST /api/auth/refresh null',
      'GET /api/me Bearer fresh-token',
    ]);
    expect(requests[1].credentials).toBe('same-origin');
    expect(getAccessToken()).toBe('fresh-token');
  });

  it('logs out when the retry after a successful refresh is still 401', async () => {
    await signIn();
    const { requests } = mockFetch(({ url }) =>
      url === '/api/auth/refresh' ? json(200, authResponse('token-2')) : unauthorized(),
    );

    const error = await api.get('/api/me').catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 401 });
    expect(requests.filter((r) => r.url === '/api/auth/refresh')).toHaveLength(1);
    expect(requests.filter((r) => r.url === '/api/me')).toHaveLength(2);
    expect(getAccessToken()).toBeNull();
    expect(getSessionState()).toEqual({ status: 'anonymous', user: null });
  });

  it('logs out without retrying when the refresh itself is rejected', async () => {
    await signIn();
    const { requests } = mockFetch(() => unauthorized());

    await expect(api.get('/api/me')).rejects.toMatchObject({ status: 401 });

    expect(requests.map((r) => r.url)).toEqual(['/api/me', '/api/auth/refresh']);
    expect(getSessionState().status).toBe('anonymous');
  });

  it('shares one refresh between concurrent 401s, since the server rotates the cookie', async () => {
    await signIn('old');
    const { requests } = mockFetch(({ url, authorization }) => {
      if (url === '/api/auth/refresh') return json(200, authResponse('new'));
      return authorization === 'Bearer new' ? json(200, url) : unauthorized();
    });

    await expect(Promise.all([api.get('/api/a'), api.get('/api/b')])).resolves.toEqual(['/api/a', '/api/b']);
    expect(requests.filter((r) => r.url === '/api/auth/refresh')).toHaveLength(1);
  });

  it('never tries to refresh for the auth endpoints themselves', async () => {
    const { requests } = mockFetch(() => unauthorized());

    await expect(login('agent@demo.local', 'wrong')).rejects.toMatchObject({ status: 401 });
    expect(requests.map((r) => r.url)).toEqual(['/api/auth/login']);
  });
});

describe('session expiry', () => {
  it('refreshes shortly before the access token expires', async () => {
    vi.useFakeTimers();
    const { requests } = mockFetch(({ url }) =>
      json(200, authResponse(url === '/api/auth/login' ? 'first' : 'second', 10 * 60_000)),
    );
    await login('agent@demo.local', 'Passw0rd!');

    await vi.advanceTimersByTimeAsync(8 * 60_000);
    expect(requests.map((r) => r.url)).toEqual(['/api/auth/login']);

    await vi.advanceTimersByTimeAsync(60_000 + 1);
    expect(requests.map((r) => r.url)).toEqual(['/api/auth/login', '/api/auth/refresh']);
    expect(getAccessToken()).toBe('second');
  });
});
