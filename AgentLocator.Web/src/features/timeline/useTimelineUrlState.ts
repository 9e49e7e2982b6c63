// The timeline's filters live in the address bar (repeated `kind`, `from`, `to`, `q`), so a reload, the back button
// and a shared link reopen the same view. Defaults are left out, so a plain address stays plain.

import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { TimelineFilters, TimelineKind } from './timelineApi';
import { isTimelineKind } from './timelineKinds';

const TIMELINE_PARAMS = ['kind', 'from', 'to', 'q'];

const isDay = (value: string | null): value is string => value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value);

export function parseTimelineFilters(params: URLSearchParams, allowed: readonly TimelineKind[]): TimelineFilters {
  const kinds = [...new Set(params.getAll('kind'))].filter(
    (kind): kind is TimelineKind => isTimelineKind(kind) && allowed.includes(kind),
  );
  const from = params.get('from');
  const to = params.get('to');
  return {
    // In the registry's order, so the same selection is always the same query key.
    kinds: allowed.filter((kind) => kinds.includes(kind)),
    from: isDay(from) ? from : '',
    to: isDay(to) ? to : '',
    q: params.get('q') ?? '',
  };
}

export function useTimelineUrlState(allowed: readonly TimelineKind[]) {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  const allowedKey = allowed.join(',');
  // Parsed once per address, so the query key and effects see a stable object.
  const filters = useMemo(() => parseTimelineFilters(new URLSearchParams(key), allowed), [key, allowedKey]);

  const setFilters = useCallback(
    (patch: Partial<TimelineFilters>) => {
      setParams(
        (current) => {
          const merged = { ...parseTimelineFilters(current, allowed), ...patch };
          // Other parameters stay; the timeline's are written in one order, so one view has one address.
          const next = new URLSearchParams([...current].filter(([name]) => !TIMELINE_PARAMS.includes(name)));
          merged.kinds.forEach((kind) => next.append('kind', kind));
          for (const field of ['from', 'to', 'q'] as const) {
            if (merged[field]) next.set(field, merged[field]);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams, allowedKey],
  );

  return { filters, setFilters };
}
