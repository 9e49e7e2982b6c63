import type { ReactNode } from 'react';
import type { FeatureKey } from '../../api/contracts';
import { useMe } from './useMe';
import { isFeatureEnabled } from './navigation';
import { FeatureDisabledNotice } from '../../ui/FeatureDisabledNotice';

/**
 * Hiding a nav item is not enough: a bookmarked or typed URL must also say the feature is off,
 * rather than render a page whose API calls would all answer 403.
 */
export function FeatureRoute({ feature, children }: { feature?: FeatureKey; children: ReactNode }) {
  const { data } = useMe();
  if (!data) return null;

  if (!isFeatureEnabled(feature, data.features)) {
    return <FeatureDisabledNotice />;
  }
  return <>{children}</>;
}
