// A grid's column visibility and page size, remembered per user on the server under the grid's own key
// (e.g. "customers-grid"), so they follow the user to another browser.

import { useCallback, useState } from 'react';
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
 * Saves optimistically: the grid reacts at once, and a failed save puts the previous value back. The value being
 * saved is also held in component state, set inside the click's own handler: the query cache notifies its readers a
 * tick later, and a controlled checkbox read from it alone springs back to its old state for that tick (a click in a
 * browser test can then see "no change").
 */
export function useSaveGridPreferences(key: string) {
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState<GridPreferences | null>(null);
  const mutation = useMutation({
    mutationFn: ({ value }: { value: GridPreferences; previous?: GridPreferences }) =>
      api.put<void>(`/api/me/preferences/${key}`, { value }),
    onError: (_error, { previous }) => {
      if (previous) queryClient.setQueryData(queryKeyFor(key), previous);
    },
    onSettled: (_data, _error, { value }) => setSaving((current) => (current === value ? null : current)),
  });
  const { mutate } = mutation;
  const save = useCallback(
    (value: GridPreferences) => {
      void queryClient.cancelQueries({ queryKey: queryKeyFor(key) });
      const previous = queryClient.getQueryData<GridPreferences>(queryKeyFor(key));
      queryClient.setQueryData(queryKeyFor(key), value);
      setSaving(value);
      mutate({ value, previous });
    },
    [queryClient, mutate, key],
  );
  return { save, saving, isError: mutation.isError };
}
