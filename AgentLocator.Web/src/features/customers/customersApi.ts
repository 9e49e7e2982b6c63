// Calls to /api/crm/*, and the query keys that cache them, so pages never build these URLs by hand.

import { api } from '../../api/client';
import type { Customer, CustomerInput, CustomerStatus, Paged } from '../../api/contracts';

export type CustomerSort = 'name' | '-name' | 'createdAt' | '-createdAt' | 'lastActivityAt' | '-lastActivityAt';
export const CUSTOMER_SORTS: readonly CustomerSort[] = [
  'name',
  '-name',
  'createdAt',
  '-createdAt',
  'lastActivityAt',
  '-lastActivityAt',
];
export const DEFAULT_SORT: CustomerSort = '-createdAt';

/** What narrows and orders the list; shared by the grid request and the CSV export of the same view. */
export interface CustomerFilters {
  q: string;
  sort: CustomerSort;
  status: CustomerStatus | '';
  tag: string;
}

export interface CustomerListQuery extends CustomerFilters {
  page: number;
  limit: number;
}

export const customerKeys = {
  all: ['customers'] as const,
  list: (query: CustomerListQuery) => ['customers', 'list', query] as const,
  detail: (id: string) => ['customers', 'detail', id] as const,
  tags: ['crm-tags'] as const,
};

/** Only set filters go on the wire, so the server applies its own defaults for the rest. */
export function filterParams(filters: CustomerFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set('q', filters.q.trim());
  params.set('sort', filters.sort);
  if (filters.status) params.set('status', filters.status);
  if (filters.tag) params.set('tag', filters.tag);
  return params;
}

export function customersListUrl(query: CustomerListQuery): string {
  const params = new URLSearchParams({ page: String(query.page), limit: String(query.limit) });
  filterParams(query).forEach((value, key) => params.set(key, value));
  return `/api/crm/customers?${params}`;
}

export function customersExportUrl(filters: CustomerFilters, columns: readonly string[]): string {
  const params = filterParams(filters);
  params.set('columns', columns.join(','));
  return `/api/crm/customers/export.csv?${params}`;
}

export const fetchCustomers = (query: CustomerListQuery, signal?: AbortSignal) =>
  api.get<Paged<Customer>>(customersListUrl(query), signal);

export const fetchCustomer = (id: string, includeDeleted: boolean, signal?: AbortSignal) =>
  api.get<Customer>(
    `/api/crm/customers/${encodeURIComponent(id)}${includeDeleted ? '?includeDeleted=true' : ''}`,
    signal,
  );

export const createCustomer = (input: CustomerInput) => api.post<Customer>('/api/crm/customers', input);

export const updateCustomer = (id: string, input: Partial<CustomerInput>) =>
  api.patch<Customer>(`/api/crm/customers/${encodeURIComponent(id)}`, input);

export const deleteCustomer = (id: string) => api.delete(`/api/crm/customers/${encodeURIComponent(id)}`);

export const restoreCustomer = (id: string) =>
  api.post<Customer>(`/api/crm/customers/${encodeURIComponent(id)}/restore`);

export const fetchTags = (signal?: AbortSignal) => api.get<string[]>('/api/crm/tags', signal);
