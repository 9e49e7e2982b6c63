import { ApiError } from './client';

/** A 4xx will not fix itself on retry; network blips and 5xx might. */
export function retryUnlessClientError(failureCount: number, error: unknown): boolean {
  return failureCount < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500);
}
