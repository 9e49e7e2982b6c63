import type { CSSProperties } from 'react';
import { Link } from 'react-router-dom';
import type { TimelineItem } from './timelineApi';
import { TIMELINE_KINDS } from './timelineKinds';
import { KindIcon } from './kindIcons';
import { formatTime } from './dayGroups';
import { useTimelineContext } from './TimelineContext';
import { formatDueAt } from '../../time/zonedTime';
import { TextWithNumbers } from '../../ui/Ltr';

const kindStyle = (item: TimelineItem) => ({ '--kind-colour': TIMELINE_KINDS[item.kind].colour }) as CSSProperties;

/** Who did it, when shown: an agent's or caller's name; the system goes unnamed. */
function actorName(item: TimelineItem): string | null {
  if (item.actor.type === 'system') return 'המערכת';
  return item.actor.name;
}

/** A snoozed task is a small line, not a card: it moved an alert, nothing else changed. */
export function isTimelineLine(item: TimelineItem): boolean {
  return item.kind === 'task' && item.task?.change === 'snoozed';
}

export function TimelineLine({ item }: { item: TimelineItem }) {
  const { timeZone } = useTimelineContext();
  const until = item.task?.snoozedUntil;
  return (
    <div className="timeline-line" style={kindStyle(item)}>
      <span className="timeline-line__icon">
        <KindIcon kind={item.kind} />
      </span>
      <span>
        {item.link ? <Link to={item.link}>{item.title}</Link> : item.title}
        {until && <> · עד {formatDueAt(until, timeZone)}</>}
      </span>
      <time dateTime={item.occurredAt} className="timeline-card__time">
        {formatTime(item.occurredAt, timeZone)}
      </time>
    </div>
  );
}

/** The frame every kind shares: icon and colour, title linking to the source, time, actor; the kind draws the body. */
export function TimelineCard({ item }: { item: TimelineItem }) {
  const { scope, timeZone } = useTimelineContext();
  const { Body } = TIMELINE_KINDS[item.kind] ?? TIMELINE_KINDS.note;
  const actor = actorName(item);
  const inCustomer = 'customerId' in scope;
  const showCustomer = item.customer && !inCustomer;
  // Pinning heads one customer's timeline; the business feed shows the note at its time like any other.
  const pinned = item.pinned && inCustomer;
  // A note's or a customer change's source is the customer page itself: no link to where the reader already is.
  const link = inCustomer && item.link?.toLowerCase() === `/customers/${scope.customerId}`.toLowerCase() ? null : item.link;

  return (
    <article className={`timeline-card${pinned ? ' timeline-card--pinned' : ''}`} style={kindStyle(item)} data-kind={item.kind}>
      <span className="timeline-card__icon">
        <KindIcon kind={item.kind} />
      </span>
      <div className="timeline-card__main">
        <div className="timeline-card__head">
          <p className="timeline-card__title">{link ? <Link to={link}>{item.title}</Link> : item.title}</p>
          <time dateTime={item.occurredAt} className="timeline-card__time">
            {formatTime(item.occurredAt, timeZone)}
          </time>
        </div>
        {(actor || showCustomer || pinned) && (
          <p className="timeline-card__meta">
            {pinned && <span className="timeline-card__pin">מוצמדת</span>}
            {showCustomer && (
              <Link to={`/customers/${item.customer!.id}`}>
                <TextWithNumbers text={item.customer!.name} />
              </Link>
            )}
            {actor && <span>{actor}</span>}
          </p>
        )}
        <Body item={item} />
      </div>
    </article>
  );
}
