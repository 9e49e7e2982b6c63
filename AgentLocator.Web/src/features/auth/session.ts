// The signed-in session, outside React so the API client and (later) the SignalR client can read it.
// The access token lives only in memory: a reload restores it from the HttpOnly refresh cookie.

import { ApiError, bindAuth, request } from '../../api/client';
import type { AuthResponse, User } from '../../api/contracts';

export type SessionStatus = 'restoring' | 'authenticated' | 'anonymous';

export interface SessionState {
  status: SessionStatus;
  user: User | null;
}

/** Refresh this long before expiry so requests in flight never carry a just-expired token. */
const REFRESH_MARGIN_MS = 60_000;
const MIN_REFRESH_DELAY_MS = 5_000;
/** A connection that opens with a token must not open with one that expires before the handshake is done. */
const FRESH_TOKEN_MARGIN_MS = 30_000;

let accessToken: string | null = null;
let accessTokenExpiresAt = 0;
let state: SessionState = { status: 'restoring', user: null };
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshInFlight: Promise<boolean> | null = null;
let restoreInFlight: Promise<void> | null = null;
const listeners = new Set<() => void>();

/** For the SignalR client's accessTokenFactory (`/ws?access_token=`). */
export function getAccessToken(): string | null {
  return accessToken;
}

/**
 * The token for a connection that sends it only when it opens (SignalR's WebSocket, reconnects included):
 * after a sleeping laptop wakes, the scheduled refresh may not have run yet, so refresh first when the
 * token is missing or about to expire.
 */
export async function getFreshAccessToken(): Promise<string | null> {
  if (state.status !== 'authenticated') return accessToken;
  if (accessToken && accessTokenExpiresAt - Date.now() > FRESH_TOKEN_MARGIN_MS) return accessToken;
  try {
    if (!(await refreshSession())) endSession();
  } catch {
    // Server unreachable: the connection attempt will fail too and be retried; the session stays.
  }
  return accessToken;
}

export function getSessionState(): SessionState {
  return state;
}

export function subscribeToSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function login(email: string, password: string): Promise<User> {
  const response = await request<AuthResponse>('/api/auth/login', {
    method: 'POST',
    body: { email, password },
    authenticated: false,
  });
  startSession(response);
  return response.user;
}

export async function logout(): Promise<void> {
  try {
    await request<void>('/api/auth/logout', { method: 'POST', authenticated: true });
  } catch {
    // The user asked to leave: forget the session locally even if the server could not be told.
  } finally {
    endSession();
  }
}

/**
 * Exchanges the refresh cookie for a new access token. Concurrent callers in this tab share one request, and
 * tabs take turns (see `oneTabAtATime`), because the server rotates the cookie on every refresh.
 */
export function refreshSession(): Promise<boolean> {
  refreshInFlight ??= oneTabAtATime(doRefresh).finally(() => {
    refreshInFlight = null;
  });
  return refreshInFlight;
}

/** The Web Locks name every tab of this origin takes while it refreshes. */
export const REFRESH_LOCK_NAME = 'agentlocator-session-refresh';

/**
 * All tabs share one cookie jar. Holding a lock across the refresh means a tab never presents the cookie another
 * tab is rotating at that moment: the waiting tab sends the cookie the first one's answer stored. The lock is
 * released when its page goes away, so a reload never leaves it held. Without Web Locks (old browsers, unit tests)
 * the server still answers a concurrent duplicate with the session's current cookie.
 */
async function oneTabAtATime(refresh: () => Promise<boolean>): Promise<boolean> {
  const locks = typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : undefined;
  return locks ? await locks.request(REFRESH_LOCK_NAME, refresh) : refresh();
}

/**
 * Set while the page is being left (a reload, a navigation away). A restore that fails then failed because the
 * browser cancelled it, not because the session ended; the next page restores it from the same cookie.
 */
let pageClosing = false;
if (typeof window !== 'undefined') {
  window.addEventListener('pagehide', () => {
    pageClosing = true;
  });
  // Back from the back/forward cache: the page lives again.
  window.addEventListener('pageshow', () => {
    pageClosing = false;
  });
}

/**
 * The API sets this readable, secret-free cookie beside the HttpOnly refresh cookie. Without it there is no
 * session to restore, so a first visit makes no refresh call that could only answer 401.
 */
export const SESSION_MARKER_COOKIE = 'al_session';

export function mayHaveSession(): boolean {
  return document.cookie.split(';').some((cookie) => cookie.trim() === `${SESSION_MARKER_COOKIE}=1`);
}

/** Called once at start-up; safe to call again (React StrictMode runs effects twice). */
export function restoreSession(): Promise<void> {
  restoreInFlight ??= (mayHaveSession() ? refreshSession() : Promise.resolve(false))
    .catch(() => false)
    .then((restored) => {
      if (!restored && !pageClosing) endSession();
    });
  return restoreInFlight;
}

export function endSession(): void {
  clearTimeout(refreshTimer);
  accessToken = null;
  accessTokenExpiresAt = 0;
  setState({ status: 'anonymous', user: null });
}

async function doRefresh(): Promise<boolean> {
  try {
    const response = await request<AuthResponse>('/api/auth/refresh', {
      method: 'POST',
      authenticated: false,
    });
    startSession(response);
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      return false;
    }
    throw error;
  }
}

/** Starts the session a one-time link's answer carries (an accepted invitation or reset): same as a login. */
export function signInWith(response: AuthResponse): User {
  startSession(response);
  return response.user;
}

function startSession(response: AuthResponse): void {
  accessToken = response.accessToken;
  accessTokenExpiresAt = Date.parse(response.expiresAt) || 0;
  scheduleRefresh(response.expiresAt);
  setState({ status: 'authenticated', user: response.user });
}

function scheduleRefresh(expiresAt: string): void {
  clearTimeout(refreshTimer);
  const expiresInMs = Date.parse(expiresAt) - Date.now();
  if (Number.isNaN(expiresInMs)) return;
  const delay = Math.max(expiresInMs - REFRESH_MARGIN_MS, MIN_REFRESH_DELAY_MS);
  refreshTimer = setTimeout(() => {
    // A failed background refresh is not fatal: the next API call's 401 handling decides.
    refreshSession().catch(() => {});
  }, delay);
}

function setState(next: SessionState): void {
  state = next;
  listeners.forEach((listener) => listener());
}

bindAuth({
  getAccessToken,
  refresh: refreshSession,
  onUnauthorized: endSession,
});

/** Puts the module back to its start-up state between unit tests. */
export function resetSessionForTests(): void {
  clearTimeout(refreshTimer);
  accessToken = null;
  accessTokenExpiresAt = 0;
  refreshInFlight = null;
  restoreInFlight = null;
  pageClosing = false;
  state = { status: 'restoring', user: null };
  listeners.clear();
}
