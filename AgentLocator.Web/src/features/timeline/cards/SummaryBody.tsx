import type { CardBodyProps } from '../timelineKinds';

/** The body of a kind with no card of its own yet: its short summary. */
export function SummaryBody({ item }: CardBodyProps) {
  return item.summary ? <p className="timeline-card__summary">{item.summary}</p> : null;
}
