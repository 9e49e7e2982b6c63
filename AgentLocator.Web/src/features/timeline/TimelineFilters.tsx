import { useId, type CSSProperties } from 'react';
import { useDebouncedText } from '../../ui/useDebouncedText';
import type { TimelineFilters as Filters, TimelineKind } from './timelineApi';
import { TIMELINE_KINDS } from './timelineKinds';
import { KindIcon } from './kindIcons';
import { DateField } from '../../ui/forms/DateField';

export const TIMELINE_SEARCH_DEBOUNCE_MS = 300;

/** The timeline's text search (debounced: see useDebouncedText). */
function DebouncedSearch({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const id = useId();
  const [text, setText] = useDebouncedText(value, onSearch, TIMELINE_SEARCH_DEBOUNCE_MS);

  return (
    <div className="field timeline-filters__search">
      <label htmlFor={id}>חיפוש בציר הזמן</label>
      <input id={id} type="search" value={text} placeholder="כותרת, סיכום או הערה" onChange={(event) => setText(event.target.value)} />
    </div>
  );
}

/** Kind chips (toggle buttons; none pressed means all), a range of days in the business's zone, and text search. */
export function TimelineFilters({
  kinds,
  filters,
  onChange,
}: {
  kinds: readonly TimelineKind[];
  filters: Filters;
  onChange: (patch: Partial<Filters>) => void;
}) {
  const fromId = useId();
  const toId = useId();
  const rangeError = filters.from && filters.to && filters.from > filters.to ? 'תאריך ההתחלה מאוחר מתאריך הסיום.' : '';
  const active = filters.kinds.length > 0 || filters.from || filters.to || filters.q;

  function toggle(kind: TimelineKind) {
    const next = filters.kinds.includes(kind) ? filters.kinds.filter((k) => k !== kind) : [...filters.kinds, kind];
    onChange({ kinds: kinds.filter((k) => next.includes(k)) });
  }

  return (
    <div className="timeline-filters" role="search" aria-label="סינון ציר הזמן">
      <div className="timeline-filters__chips" role="group" aria-label="סוגי פריטים">
        {kinds.map((kind) => (
          <button
            key={kind}
            type="button"
            className="timeline-filter-chip"
            style={{ '--kind-colour': TIMELINE_KINDS[kind].colour } as CSSProperties}
            aria-pressed={filters.kinds.includes(kind)}
            onClick={() => toggle(kind)}
          >
            <KindIcon kind={kind} />
            {TIMELINE_KINDS[kind].label}
          </button>
        ))}
      </div>
      <div className="timeline-filters__fields">
        <div className="field">
          <label htmlFor={fromId}>מתאריך</label>
          <DateField
            id={fromId}
            value={filters.from}
            max={filters.to || undefined}
            onValue={(value) => onChange({ from: value })}
          />
        </div>
        <div className="field">
          <label htmlFor={toId}>עד תאריך</label>
          <DateField
            id={toId}
            value={filters.to}
            min={filters.from || undefined}
            aria-invalid={rangeError ? true : undefined}
            aria-describedby={rangeError ? `${toId}-error` : undefined}
            onValue={(value) => onChange({ to: value })}
          />
        </div>
        <DebouncedSearch value={filters.q} onSearch={(q) => onChange({ q })} />
        {active && (
          <button type="button" className="button-link timeline-filters__clear" onClick={() => onChange({ kinds: [], from: '', to: '', q: '' })}>
            ניקוי הסינון
          </button>
        )}
      </div>
      <p id={`${toId}-error`} className="form-error" role="alert">
        {rangeError}
      </p>
    </div>
  );
}
