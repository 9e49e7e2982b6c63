import { PhoneNumber } from '../../ui/Ltr';
import { CALLS_LIST_TEXT } from './strings';

/** The business has had no calls at all: say what will appear here. */
export function NoCallsYet({ twilioNumber }: { twilioNumber: string | null }) {
  return (
    <div className="card card--muted empty-state" role="status">
      <h2>{CALLS_LIST_TEXT.none}</h2>
      <p>
        {CALLS_LIST_TEXT.noneHint}
        {twilioNumber && (
          <>
            {' '}
            {CALLS_LIST_TEXT.answeringNumber} <PhoneNumber value={twilioNumber} />.
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
      <h2>{CALLS_LIST_TEXT.noMatch}</h2>
      <p>{CALLS_LIST_TEXT.noMatchHint}</p>
      <button type="button" className="button" onClick={onClear}>
        {CALLS_LIST_TEXT.clearFilters}
      </button>
    </div>
  );
}
