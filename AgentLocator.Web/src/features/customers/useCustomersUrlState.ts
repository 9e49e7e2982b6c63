// The grid's view (search, filters, sort, page) lives in the address bar, so reload, back and a shared
// link all reopen the same view. Page size is not here: it is a per-user preference on the server.

import { useGridUrlState } from '../../ui/grid/useGridUrlState';
import type { CustomerStatus } from '../../api/contracts';
import { CUSTOMER_SORTS, DEFAULT_SORT, type CustomerFilters, type CustomerSort } from './customersApi';
import { isCustomerStatus } from './customerLabels';

export interface CustomersUrlState extends CustomerFilters {
  page: number;
}

export function parseCustomersUrl(params: URLSearchParams): CustomersUrlState {
  const page = Number(params.get('page'));
  const sort = params.get('sort');
  const status = params.get('status');
  return {
    q: params.get('q') ?? '',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    sort: CUSTOMER_SORTS.includes(sort as CustomerSort) ? (sort as CustomerSort) : DEFAULT_SORT,
    status: isCustomerStatus(status) ? status : '',
    tag: params.get('tag') ?? '',
  };
}

/** Defaults are left out so the plain /customers address stays plain. */
function toSearchParams(state: CustomersUrlState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.page > 1) params.set('page', String(state.page));
  if (state.sort !== DEFAULT_SORT) params.set('sort', state.sort);
  if (state.status) params.set('status', state.status);
  if (state.tag) params.set('tag', state.tag);
  return params;
}

export type CustomersUrlPatch = Partial<CustomersUrlState> & { status?: CustomerStatus | '' };

export const useCustomersUrlState = () => useGridUrlState(parseCustomersUrl, toSearchParams);
