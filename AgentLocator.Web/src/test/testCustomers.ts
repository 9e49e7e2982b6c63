// Test data and a fake /api for the customers tests.

import type { Customer, FeatureKey } from '../api/contracts';
import { paged } from './paging';
import { authResponse, json, meResponse, mockFetch, problem, type RecordedRequest } from './http';

export function customer(index: number, overrides: Partial<Customer> = {}): Customer {
  const digits = String(10_000_000 + index).slice(-7);
  return {
    id: `c-${index}`,
    name: `לקוח ${index}`,
    phone: `+97254${digits}`,
    phoneDisplay: `054-${digits.slice(0, 3)}-${digits.slice(3)}`,
    email: `customer${index}@example.com`,
    city: 'תל אביב',
    status: 'active',
    tags: ['vip'],
    createdAt: '2026-03-01T10:00:00Z',
    updatedAt: '2026-03-01T10:00:00Z',
    lastActivityAt: null,
    openTasks: 2,
    calls: 5,
    deletedAt: null,
    taxId: null,
    ...overrides,
  };
}

export const page = paged<Customer>;

type Route = (request: RecordedRequest, url: URL) => Response | Promise<Response> | undefined;

/**
 * Signed in (via the refresh cookie) with `features`; `route` answers everything else, and whatever it
 * leaves unanswered is a 404 so an unexpected call shows up as a failure, not a hang.
 */
export function customersServer(route: Route, options: { features?: FeatureKey[]; role?: 'admin' | 'agent' } = {}) {
  const features = options.features ?? ['crm'];
  return mockFetch(async (request) => {
    const url = new URL(request.url, 'http://app.test');
    if (url.pathname === '/api/auth/refresh') return json(200, authResponse('token-1'));
    if (url.pathname === '/api/me') {
      const me = meResponse(features);
      return json(200, { ...me, user: { ...me.user, role: options.role ?? 'agent' } });
    }
    const answer = await route(request, url);
    if (answer) return answer;
    if (url.pathname === '/api/me/preferences/customers-grid' && request.method === 'GET')
      return json(200, { value: null });
    if (url.pathname === '/api/crm/tags') return json(200, ['vip', 'צפון']);
    return problem(404, { title: 'Not Found' });
  });
}

export const listRequests = (requests: RecordedRequest[]) =>
  requests
    .map((r) => new URL(r.url, 'http://app.test'))
    .filter((url) => url.pathname === '/api/crm/customers');
