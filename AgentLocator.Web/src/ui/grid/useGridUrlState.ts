// A grid's view (filters, sort, page…) lives in the address bar, so reload, back and a shared link all reopen the
// same view. Each grid brings its own reading (which drops what it does not understand) and writing of the address.

import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

export function useGridUrlState<State extends { page: number }>(
  parse: (params: URLSearchParams) => State,
  toSearchParams: (state: State) => URLSearchParams,
) {
  const [searchParams, setSearchParams] = useSearchParams();
  const state = useMemo(() => parse(searchParams), [parse, searchParams]);

  /** Any change to what is shown, other than the page itself, starts again from page 1. */
  const update = useCallback(
    (patch: Partial<State>, options: { replace?: boolean } = {}) => {
      setSearchParams(
        (current) => {
          const next = { ...parse(current), ...patch };
          if (patch.page === undefined) next.page = 1;
          return toSearchParams(next);
        },
        { replace: options.replace },
      );
    },
    [parse, toSearchParams, setSearchParams],
  );

  return [state, update] as const;
}
