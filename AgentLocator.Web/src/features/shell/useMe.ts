import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { retryUnlessClientError } from '../../api/retry';
import type { MeResponse } from '../../api/contracts';
import { useAuth } from '../auth/AuthProvider';
import { DEFAULT_TIME_ZONE } from '../../time/zonedTime';

export const meQueryKey = (userId: string | undefined) => ['me', userId] as const;

/** The signed-in user, their business and the effective feature set (GET /api/me). */
export function useMe() {
  const { user } = useAuth();
  return useQuery({
    queryKey: meQueryKey(user?.id),
    queryFn: ({ signal }) => api.get<MeResponse>('/api/me', signal),
    enabled: Boolean(user),
    staleTime: 5 * 60_000,
    // An admin may switch a feature off (or on) at any time; coming back to the tab picks that up.
    refetchOnWindowFocus: 'always',
    retry: retryUnlessClientError,
  });
}

/** The business's time zone, in which every date and time is shown (Israel's until /api/me has answered). */
export function useBusinessTimeZone(): string {
  return useMe().data?.business.timeZone || DEFAULT_TIME_ZONE;
}
