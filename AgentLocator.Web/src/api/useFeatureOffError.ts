import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from './client';

/**
 * True when `error` is the API's "feature not in your plan" 403. The cached /api/me is then out of date
 * (the feature was switched off after it loaded), so it is refetched and the nav catches up.
 */
export function useFeatureOffError(error: unknown): boolean {
  const queryClient = useQueryClient();
  const featureOff = error instanceof ApiError && error.disabledFeature !== undefined;
  useEffect(() => {
    if (featureOff) void queryClient.invalidateQueries({ queryKey: ['me'] });
  }, [featureOff, queryClient]);
  return featureOff;
}
