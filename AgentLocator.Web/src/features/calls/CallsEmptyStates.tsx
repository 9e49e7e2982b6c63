import { PhoneNumber } from '../../ui/Ltr';

/** The business has had no calls at all: say what will appear here. */
export function NoCallsYet({ twilioNumber }: { twilioNumber: string | null }) {
  return (
    <div className="card card--muted empty-state" role="status">
      <h2>אין שיחות עדיין</h2>
      <p>
        כאן יופיעו השיחות שהמענה הטלפוני קיבל: מי התקשר, מה אמר, מה ענינו לו ואיזו משימה נוצרה בעקבות השיחה.
        {twilioNumber && (
          <>
            {' '}
            מספר המענה: <PhoneNumber value={twilioNumber} />.
          </>
        )}
      </p>
    </div>
  );
}

/** There are calls, but the filters matched none of them. */
export function NoMatchingCalls({ onClear }: { onClear: () => void }) {
  return (
    <div className="card card--muted empty-state" role="status">
      <h2>לא נמצאו שיחות</h2>
      <p>אין שיחות שמתאימות לסינון שנבחר.</p>
      <button type="button" className="button" onClick={onClear}>
        נקה סינון
      </button>
    </div>
  );
}
