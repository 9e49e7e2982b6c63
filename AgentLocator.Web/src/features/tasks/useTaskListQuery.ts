import { useInfiniteQuery } from '@tanstack/react-query';
import { retryUnlessClientError } from '../../api/retry';
import { fetchTasks, taskKeys, type TaskListQuery } from './tasksApi';

/** A task list read page by page ("הצג עוד"), sorted by due time by the API. */
export function useTaskListQuery(query: TaskListQuery) {
  const result = useInfiniteQuery({
    queryKey: taskKeys.list(query),
    queryFn: ({ pageParam, signal }) => fetchTasks(query, pageParam, signal),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page.hasNext ? last.page.page + 1 : undefined),
    retry: retryUnlessClientError,
  });
  const items = result.data?.pages.flatMap((page) => page.items) ?? [];
  const total = result.data?.pages[0]?.page.total ?? 0;
  return { ...result, items, total };
}
