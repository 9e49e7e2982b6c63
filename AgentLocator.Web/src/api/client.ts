// The one module that talks HTTP to AgentLocator.Api. Every feature goes through `api` so that
// auth headers, problem+json errors and the 401 → refresh → retry rule live in a single place.

import { apiUrl, endpoints } from './endpoints';

/** Field name → messages, as ASP.NET Core's ValidationProblemDetails sends them. */
export type FieldErrors = Record<string, string[]>;

export class ApiError extends Error {
  readonly status: number;
  /** The problem's type URI, when the API names one (e.g. WhatsApp's "needs a template"). */
  readonly type?: string;
  readonly title: string;
  readonly detail?: string;
  readonly errors?: FieldErrors;
  /** Seconds to wait, from a 429's Retry-After header. */
  readonly retryAfterSeconds?: number;
  /** Problem members beyond the standard ones, e.g. `customerId` on a 409 or `feature` on a plan 403. */
  readonly extensions: Record<string, unknown>;

  constructor(init: {
    status: number;
    type?: string;
    title: string;
    detail?: string;
    errors?: FieldErrors;
    retryAfterSeconds?: number;
    extensions?: Record<string, unknown>;
  }) {
    super(init.detail ? `${init.title}: ${init.detail}` : init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.type = init.type;
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.extensions = init.extensions ?? {};
  }

  /** Status 0 means the request never got an HTTP answer (offline, server down, CORS). */
  get isNetworkError(): boolean {
    return this.status === 0;
  }

  /** The plan feature a 403 says is switched off for this business or user, if that is why it failed. */
  get disabledFeature(): string | undefined {
    const feature = this.extensions.feature;
    return this.status === 403 && typeof feature === 'string' ? feature : undefined;
  }
}

/**
 * How the client reaches the session without importing it (the session module itself uses this
 * client for login/refresh, so a direct import would be circular).
 */
export interface AuthBinding {
  getAccessToken(): string | null;
  /** Resolves true when a new access token is available. */
  refresh(): Promise<boolean>;
  /** Called when the server rejected us even after a refresh attempt. */
  onUnauthorized(): void;
}

const anonymous: AuthBinding = {
  getAccessToken: () => null,
  refresh: async () => false,
  onUnauthorized: () => {},
};

let auth: AuthBinding = anonymous;

export function bindAuth(binding: AuthBinding): void {
  auth = binding;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Sent as multipart/form-data instead of `body` (file uploads); the browser sets the boundary header. */
  form?: FormData;
  /** false for the auth endpoints themselves, which must never recurse into a refresh. */
  authenticated?: boolean;
  signal?: AbortSignal;
  /** Extra request headers, e.g. an Idempotency-Key that makes a retried POST act once. */
  headers?: Record<string, string>;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await sendWithAuth(path, options);
  return (await readBody(response)) as T;
}

/** For files (CSV exports): the same auth and error rules, but the body is returned as a Blob. */
export async function requestBlob(path: string, signal?: AbortSignal, options: RequestOptions = {}): Promise<Blob> {
  const response = await sendWithAuth(path, { ...options, signal });
  return response.blob();
}

async function sendWithAuth(path: string, options: RequestOptions): Promise<Response> {
  const authenticated = options.authenticated ?? true;
  let response = await send(path, options, authenticated);

  if (response.status === 401 && authenticated) {
    const refreshed = await auth.refresh().catch(() => false);
    if (refreshed) {
      response = await send(path, options, authenticated);
    }
    if (!refreshed || response.status === 401) {
      auth.onUnauthorized();
    }
  }

  if (!response.ok) {
    throw await toApiError(response);
  }
  return response;
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>(path, { signal }),
  post: <T>(path: string, body?: unknown) => request<T>(path, { method: 'POST', body }),
  put: <T>(path: string, body?: unknown) => request<T>(path, { method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown) => request<T>(path, { method: 'PATCH', body }),
  delete: <T = void>(path: string) => request<T>(path, { method: 'DELETE' }),
  getBlob: (path: string, signal?: AbortSignal) => requestBlob(path, signal),
  /** A POST whose answer is a file (a PDF preview). */
  postBlob: (path: string, body?: unknown) => requestBlob(path, undefined, { method: 'POST', body }),
  /** Multipart upload (e.g. a CSV file), with the same auth, refresh and error rules as JSON calls. */
  postForm: <T>(path: string, form: FormData, signal?: AbortSignal) =>
    request<T>(path, { method: 'POST', form, signal }),
  /** Multipart replacement of a single resource (e.g. the greeting recording). */
  putForm: <T>(path: string, form: FormData, signal?: AbortSignal) =>
    request<T>(path, { method: 'PUT', form, signal }),
};

async function send(path: string, options: RequestOptions, authenticated: boolean): Promise<Response> {
  const headers = new Headers({ ...options.headers, Accept: 'application/json, application/problem+json' });
  // A FormData body gets its Content-Type (with the multipart boundary) from fetch itself.
  if (options.body !== undefined && !options.form) {
    headers.set('Content-Type', 'application/json');
  }
  const token = authenticated ? auth.getAccessToken() : null;
  if (token) {
    headers.set('Authorization', `Bearer ${token}`);
  }

  try {
    return await fetch(apiUrl(path), {
      method: options.method ?? 'GET',
      headers,
      body: options.form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      // The refresh token is an HttpOnly cookie on the API's origin; it must travel with auth calls.
      credentials: endpoints.crossOrigin ? 'include' : 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') {
      throw error;
    }
    throw new ApiError({ status: 0, title: 'Network error', detail: String(error) });
  }
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) {
    return undefined;
  }
  const text = await response.text();
  if (!text) {
    return undefined;
  }
  return isJson(response) ? JSON.parse(text) : text;
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = Number(response.headers.get('Retry-After'));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;

  let problem: Partial<{ type: string; title: string; detail: string; errors: FieldErrors }> & Record<string, unknown> = {};
  if (isJson(response)) {
    try {
      problem = (await response.json()) ?? {};
    } catch {
      // A malformed body must not hide the status code, which is what callers branch on.
    }
  }

  const { title, detail, errors, type, status: _status, instance: _instance, ...extensions } = problem;
  return new ApiError({
    status: response.status,
    type: typeof type === 'string' ? type : undefined,
    title: title ?? (response.statusText || `HTTP ${response.status}`),
    detail,
    errors,
    retryAfterSeconds,
    extensions,
  });
}

function isJson(response: Response): boolean {
  const type = response.headers.get('Content-Type') ?? '';
  return type.includes('application/json') || type.includes('+json');
}
