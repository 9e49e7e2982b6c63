// A grid's column visibility and page size, remembered per user on the server under the grid's own key
// (e.g. "customers-grid"), so they follow the user to another browser.

import { useCallback } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Preference } from '../../api/contracts';

export const PAGE_SIZES = [25, 50, 100] as const;

export interface GridPreferences {
  hiddenColumns: string[];
  limit: number;
}

export const DEFAULT_GRID_PREFERENCES: GridPreferences = { hiddenColumns: [], limit: 25 };

const queryKeyFor = (key: string) => ['preferences', key] as const;

/** The stored value is whatever JSON was last saved; trust only the parts that still make sense. */
export function readGridPreferences(value: unknown): GridPreferences {
  const record = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const hidden = Array.isArray(record.hiddenColumns)
    ? record.hiddenColumns.filter((c): c is string => typeof c === 'string')
    : [];
  const limit = PAGE_SIZES.find((size) => size === record.limit) ?? DEFAULT_GRID_PREFERENCES.limit;
  return { hiddenColumns: hidden, limit };
}

export function useGridPreferences(key: string) {
  return useQuery({
    queryKey: queryKeyFor(key),
    queryFn: async ({ signal }) => {
      // A preference never saved comes back as { value: null }, which reads as the defaults.
      const body = await api.get<Preference<unknown>>(`/api/me/preferences/${key}`, signal);
      return readGridPreferences(body?.value);
    },
    staleTime: Infinity,
    retry: false,
  });
}

/**
 * Saves optimistically: the grid reacts at once, and a failed save puts the previous value back. The cache is set
 * here, synchronously, not in the mutation's onMutate (which runs a tick later): a checkbox driven by it would
 * otherwise spring back for a moment after each click.
 */
export function useSaveGridPreferences(key: string) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: ({ value }: { value: GridPreferences; previous?: GridPreferences }) =>
      api.put<void>(`/api/me/preferences/${key}`, { value }),
    onError: (_error, { previous }) => {
      if (previous) queryClient.setQueryData(queryKeyFor(key), previous);
    },
  });
  const { mutate } = mutation;
  const save = useCallback(
    (value: GridPreferences) => {
      void queryClient.cancelQueries({ queryKey: queryKeyFor(key) });
      const previous = queryClient.getQueryData<GridPreferences>(queryKeyFor(key));
      queryClient.setQueryData(queryKeyFor(key), value);
      mutate({ value, previous });
    },
    [queryClient, mutate, key],
  );
  return { save, isError: mutation.isError };
}
