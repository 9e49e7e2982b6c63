import type { ReactNode } from 'react';
import type { FeatureKey } from '../../api/contracts';
import { useMe } from './useMe';
import { isFeatureEnabled } from './navigation';

/**
 * Hiding a nav item is not enough: a bookmarked or typed URL must also say the feature is off,
 * rather than render a page whose API calls would all answer 403.
 */
export function FeatureRoute({ feature, children }: { feature?: FeatureKey; children: ReactNode }) {
  const { data } = useMe();
  if (!data) return null;

  if (!isFeatureEnabled(feature, data.features)) {
    return (
      <section className="page" aria-labelledby="feature-off-title">
        <h1 id="feature-off-title">התכונה אינה זמינה בחבילה שלך</h1>
        <p className="page__lead">כדי להשתמש בה, פנו למנהל החשבון בעסק לשדרוג החבילה או להרשאה מתאימה.</p>
      </section>
    );
  }
  return <>{children}</>;
}
