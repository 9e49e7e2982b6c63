import { useMe } from './useMe';
import { visibleNavItems } from './navigation';

/** Dashboard placeholder: greets the user and states plainly what is and isn't built yet. */
export function HomePage() {
  const { data } = useMe();
  if (!data) return null;
  const { user, business, features } = data;

  return (
    <section className="page" aria-labelledby="home-title">
      <h1 id="home-title">ברוך הבא, {user.displayName}</h1>
      <p className="page__lead">
        לוח הבקרה עדיין בבנייה. בהמשך יוצגו כאן המשימות להיום, השיחות האחרונות וההתראות של העסק.
      </p>

      <div className="card">
        <h2>פרטי העסק</h2>
        <dl className="details">
          <dt>שם העסק</dt>
          <dd>{business.name}</dd>
          <dt>מספר הטלפון של המענה</dt>
          <dd>{business.twilioNumber ? <bdi dir="ltr">{business.twilioNumber}</bdi> : 'עדיין לא הוגדר'}</dd>
          <dt>אזור זמן</dt>
          <dd>
            <bdi dir="ltr">{business.timeZone}</bdi>
          </dd>
          <dt>אזורים זמינים בחבילה</dt>
          <dd>{visibleNavItems(features).map((item) => item.label).join(', ')}</dd>
        </dl>
      </div>
    </section>
  );
}
