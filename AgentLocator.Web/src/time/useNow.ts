import { useEffect, useReducer } from 'react';

/**
 * The current time, read at every render (a list refetched after a task fell due must regroup it at once),
 * and re-rendering every `intervalMs` so "overdue" and "today" move on while the page stays open.
 */
export function useNow(intervalMs = 60_000): number {
  const [, tick] = useReducer((count: number) => count + 1, 0);
  useEffect(() => {
    const timer = setInterval(tick, intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return Date.now();
}
