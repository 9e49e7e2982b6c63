import { Link } from 'react-router-dom';
import { Money } from './Money';
import { formatHistoryTime, historyLabel, relatedName, type DocumentHistoryEvent } from './documentHistory';

/** The document's steps, oldest first, each with its time in the business's zone; an empty state before the first. */
export function DocumentHistoryList({ events, timeZone }: { events: readonly DocumentHistoryEvent[]; timeZone: string }) {
  if (events.length === 0) {
    return <p className="muted">אין עדיין אירועים למסמך זה: הוא יופיע כאן לאחר הפקה, שליחה או תשלום.</p>;
  }
  return (
    <ol className="document-history" aria-label="היסטוריית המסמך">
      {events.map((event, index) => {
        const related = relatedName(event);
        return (
          <li key={`${event.kind}-${event.at}-${index}`}>
            <time dateTime={event.at}>
              <bdi dir="ltr">{formatHistoryTime(event.at, timeZone)}</bdi>
            </time>{' '}
            <strong>{historyLabel(event.kind)}</strong>
            {event.detail && <> {event.detail}</>}
            {related && event.relatedDocumentId && (
              <>
                {' '}
                · <Link to={`/invoices/${event.relatedDocumentId}`}>{related}</Link>
              </>
            )}
            {event.amountAgorot != null && (
              <>
                {' '}
                <Money agorot={event.amountAgorot} />
              </>
            )}
            {event.actor && <span className="muted"> · {event.actor}</span>}
          </li>
        );
      })}
    </ol>
  );
}
