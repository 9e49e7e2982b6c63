import { TIMELINE_KINDS } from './timelineKinds';
import type { TimelineKind } from './timelineApi';

/** Grey cards in the shape of the real ones while the first page loads; the status line says so to screen readers. */
export function TimelineSkeleton() {
  return (
    <div className="timeline-skeleton" data-testid="timeline-skeleton">
      <p className="visually-hidden" role="status">
        טוען את ציר הזמן…
      </p>
      {[0, 1, 2].map((index) => (
        <div key={index} className="timeline-skeleton__card" aria-hidden="true">
          <span className="timeline-skeleton__icon" />
          <span className="timeline-skeleton__lines">
            <span />
            <span />
          </span>
        </div>
      ))}
    </div>
  );
}

/** Says what will appear here, in the words of the kinds this user can see; or that the filters found nothing. */
export function TimelineEmpty({
  kinds,
  filtered,
  business,
  onClear,
}: {
  kinds: readonly TimelineKind[];
  filtered: boolean;
  business: boolean;
  onClear: () => void;
}) {
  if (filtered) {
    return (
      <div className="timeline-empty">
        <p>לא נמצאו פריטים שמתאימים לסינון.</p>
        <button type="button" className="button" onClick={onClear}>
          ניקוי הסינון
        </button>
      </div>
    );
  }
  const words = kinds.map((kind) => TIMELINE_KINDS[kind].label);
  const list = words.length > 1 ? `${words.slice(0, -1).join(', ')} ו${words.at(-1)}` : (words[0] ?? '');
  return (
    <div className="timeline-empty">
      <p className="timeline-empty__title">{business ? 'עדיין אין פעילות בעסק.' : 'עדיין אין פעילות ללקוח הזה.'}</p>
      <p className="muted">
        {list} {business ? 'של כל הלקוחות' : 'של הלקוח'} יופיעו כאן ברגע שיקרו, מהחדש לישן.
      </p>
    </div>
  );
}
