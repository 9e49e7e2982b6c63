import type { CardBodyProps } from '../timelineKinds';
import { isCustomerStatus, STATUS_LABELS } from '../../customers/customerLabels';

/** The server records a status change by its code ("lead"); the reader sees its Hebrew name. */
function shownValue(field: string, value: string): string {
  return field === 'status' && isCustomerStatus(value) ? STATUS_LABELS[value] : value;
}

/** Which fields changed, old → new; a field with no old value was filled in, one with no new value was cleared. */
export function CustomerChangeBody({ item }: CardBodyProps) {
  const fields = item.customerChange?.fields ?? [];
  return (
    <>
      {item.summary && <p className="timeline-card__summary">{item.summary}</p>}
      {fields.length > 0 && (
        <dl className="timeline-card__changes">
          {fields.map((field) => (
            <div key={field.field} className="timeline-card__change">
              <dt>{field.label}</dt>
              <dd>
                {field.old !== null && (
                  <>
                    <del>
                      <bdi>{shownValue(field.field, field.old)}</bdi>
                    </del>
                    <span aria-hidden="true"> ← </span>
                    <span className="visually-hidden"> שונה ל־</span>
                  </>
                )}
                {field.new !== null ? <bdi>{shownValue(field.field, field.new)}</bdi> : <span className="muted">נמחק</span>}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </>
  );
}
