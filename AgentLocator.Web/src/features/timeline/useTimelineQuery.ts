import { useInfiniteQuery } from '@tanstack/react-query';
import { retryUnlessClientError } from '../../api/retry';
import { fetchTimeline, timelineKeys, type TimelineFilters, type TimelineScope } from './timelineApi';

/** One timeline, page by page through the API's cursor (stable while new events arrive). */
export function useTimelineQuery(scope: TimelineScope, filters: TimelineFilters) {
  return useInfiniteQuery({
    queryKey: timelineKeys.list(scope, filters),
    queryFn: ({ pageParam, signal }) => fetchTimeline(scope, filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    retry: retryUnlessClientError,
  });
}
