import { request } from '../../api/client';
import { api } from '../../api/client';
import type { AccountLink, AuthResponse, SessionsEnded } from '../../api/contracts';

const link = (token: string) => `/api/account-links/${encodeURIComponent(token)}`;

export const fetchAccountLink = (token: string, signal?: AbortSignal) =>
  request<AccountLink>(link(token), { signal, authenticated: false });

export const acceptAccountLink = (token: string, body: { displayName?: string; password: string; email?: string }) =>
  request<AuthResponse>(link(token), { method: 'POST', body, authenticated: false });

export const changePassword = (currentPassword: string, newPassword: string) =>
  api.put<SessionsEnded>('/api/me/password', { currentPassword, newPassword });

export const signOutOtherSessions = () => api.post<SessionsEnded>('/api/me/sign-out-others');

/** The server's rule too (and it also refuses common passwords); checked here first for a quick answer. */
export const MIN_PASSWORD_LENGTH = 10;
