import { vi } from 'vitest';
import type { AuthResponse, MeResponse, User } from '../api/contracts';

export interface RecordedRequest {
  method: string;
  url: string;
  authorization: string | null;
  credentials: RequestCredentials | undefined;
  body: unknown;
  /** The multipart body, when the request was an upload. */
  form?: FormData;
  contentType: string | null;
}

type Handler = (request: RecordedRequest) => Response | Promise<Response>;

/** Replaces global fetch with `handler` and records every request the app makes. */
export function mockFetch(handler: Handler) {
  const requests: RecordedRequest[] = [];
  const spy = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    const request: RecordedRequest = {
      method: init.method ?? 'GET',
      url: String(input),
      authorization: headers.get('Authorization'),
      credentials: init.credentials,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      form: init.body instanceof FormData ? init.body : undefined,
      contentType: headers.get('Content-Type'),
    };
    requests.push(request);
    return handler(request);
  });
  vi.stubGlobal('fetch', spy);
  return { requests, spy };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });
}

export function problem(
  status: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ status, ...body }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}

export const unauthorized = () =>
  problem(401, { title: 'Unauthorized', detail: 'The access token is missing or expired.' });

export const demoUser: User = {
  id: '6f1c2a8e-3b6d-4c1e-9a57-0d2f1e4b7c11',
  email: 'agent@demo.local',
  displayName: 'דנה כהן',
  role: 'agent',
  businessId: 'b3a1f0c2-7d4e-4f9a-8c21-5e6d7f8a9b01',
};

export function authResponse(accessToken: string, expiresInMs = 15 * 60_000): AuthResponse {
  return { accessToken, expiresAt: new Date(Date.now() + expiresInMs).toISOString(), user: demoUser };
}

export function meResponse(features: MeResponse['features']): MeResponse {
  return {
    user: demoUser,
    business: {
      id: demoUser.businessId,
      name: 'סוכנות הדגמה',
      timeZone: 'Asia/Jerusalem',
      twilioNumber: '+972-3-555-0100',
    },
    features,
  };
}

/** A promise whose settlement the test controls, to observe in-between UI states. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
