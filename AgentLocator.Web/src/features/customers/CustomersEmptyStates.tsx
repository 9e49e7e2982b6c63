import { Link } from 'react-router-dom';

/** The business has no customers at all: say what this page is for and how to start. */
export function NoCustomersYet() {
  return (
    <div className="card card--muted empty-state" role="status">
      <h2>עדיין אין לקוחות</h2>
      <p>כאן יופיעו כל הלקוחות של העסק: פרטי קשר, סטטוס, תגיות ופעילות אחרונה. הוסיפו את הלקוח הראשון כדי להתחיל.</p>
      <Link className="button button--primary" to="/customers/new">
        לקוח חדש
      </Link>
    </div>
  );
}

/** There are customers, but the search or filters matched none of them. */
export function NoMatchingCustomers({ query, onClear }: { query: string; onClear: () => void }) {
  return (
    <div className="card card--muted empty-state" role="status">
      <h2>לא נמצאו לקוחות</h2>
      <p>
        {query ? (
          <>
            אין לקוחות שמתאימים לחיפוש „<bdi>{query}</bdi>” ולסינון שנבחר.
          </>
        ) : (
          'אין לקוחות שמתאימים לסינון שנבחר.'
        )}
      </p>
      <button type="button" className="button" onClick={onClear}>
        נקה סינון
      </button>
    </div>
  );
}
