import { useMemo } from 'react';
import { useMe } from '../shell/useMe';
import { DEFAULT_TIME_ZONE } from '../../time/zonedTime';
import { isFeatureEnabled } from '../shell/navigation';
import { Timeline } from '../timeline/Timeline';
import { TodayCounters } from './TodayCounters';
import './Home.css';

const BUSINESS_SCOPE = { business: true } as const;

/** The home page: today's counters and the business's live feed (both part of the CRM feature). */
export function HomePage() {
  const { data } = useMe();
  const features = useMemo(() => data?.features ?? [], [data?.features]);
  if (!data) return null;
  const { user, business } = data;
  const hasCrm = isFeatureEnabled('crm', features);

  return (
    <section className="page page--wide home" aria-labelledby="home-title">
      <h1 id="home-title">ברוך הבא, {user.displayName}</h1>
      {hasCrm ? (
        <>
          <section className="home__today" aria-labelledby="home-today-title">
            <h2 id="home-today-title">היום בעסק</h2>
            <TodayCounters />
          </section>
          <section className="card home__feed" aria-labelledby="home-feed-title">
            <h2 id="home-feed-title">פעילות אחרונה</h2>
            <Timeline scope={BUSINESS_SCOPE} timeZone={business.timeZone || DEFAULT_TIME_ZONE} features={features} title="פעילות אחרונה בעסק" />
          </section>
        </>
      ) : (
        <p className="page__lead">התמונה היומית של העסק והפעילות האחרונה הן חלק ממודול ניהול הלקוחות, שאינו בחבילה שלך.</p>
      )}
    </section>
  );
}
