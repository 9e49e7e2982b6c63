// The calls list's view (filters, page, page size) lives in the address bar, so reload, back and a shared link
// all reopen the same view, as on the customers list.

import { useGridUrlState } from '../../ui/grid/useGridUrlState';
import { PAGE_SIZES } from '../../ui/grid/gridPreferences';
import type { CallFilters } from './callsApi';
import { isDisposition } from './callLabels';

export interface CallsUrlState extends Required<Omit<CallFilters, 'customerId'>> {
  page: number;
  limit: number;
}

export const DEFAULT_CALLS_LIMIT = 25;

const isDay = (value: string | null): value is string => value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value);

export function parseCallsUrl(params: URLSearchParams): CallsUrlState {
  const page = Number(params.get('page'));
  const limit = Number(params.get('limit'));
  const disposition = params.get('disposition');
  const from = params.get('from');
  const to = params.get('to');
  return {
    disposition: isDisposition(disposition) ? disposition : '',
    from: isDay(from) ? from : '',
    to: isDay(to) ? to : '',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    limit: (PAGE_SIZES as readonly number[]).includes(limit) ? limit : DEFAULT_CALLS_LIMIT,
  };
}

/** Defaults are left out so the plain /calls address stays plain. */
function toSearchParams(state: CallsUrlState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.disposition) params.set('disposition', state.disposition);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.page > 1) params.set('page', String(state.page));
  if (state.limit !== DEFAULT_CALLS_LIMIT) params.set('limit', String(state.limit));
  return params;
}

export type CallsUrlPatch = Partial<CallsUrlState>;

export const useCallsUrlState = () => useGridUrlState(parseCallsUrl, toSearchParams);
