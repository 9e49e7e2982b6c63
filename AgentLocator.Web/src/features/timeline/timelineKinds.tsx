// The one place a timeline kind is registered: its filter label, the plan feature that covers it, its colour token
// (src/styles/tokens.css) and the component that draws its card's body. A module that adds a kind adds a line here.

import type { ComponentType } from 'react';
import type { FeatureKey } from '../../api/contracts';
import type { TimelineItem, TimelineKind } from './timelineApi';
import { CallCardBody } from './cards/CallCardBody';
import { TaskCardBody } from './cards/TaskCardBody';
import { NoteCardBody } from './cards/NoteCardBody';
import { CustomerChangeBody } from './cards/CustomerChangeBody';
import { SummaryBody } from './cards/SummaryBody';

export interface CardBodyProps {
  item: TimelineItem;
}

export interface KindDefinition {
  /** The filter chip's label (plural). */
  label: string;
  /** Undefined: every user with the CRM sees it. */
  feature?: FeatureKey;
  /** A CSS custom property from tokens.css. */
  colour: string;
  Body: ComponentType<CardBodyProps>;
}

export const TIMELINE_KINDS: Record<TimelineKind, KindDefinition> = {
  call: { label: 'שיחות', feature: 'calls', colour: 'var(--color-kind-call)', Body: CallCardBody },
  task: { label: 'משימות', colour: 'var(--color-kind-task)', Body: TaskCardBody },
  note: { label: 'הערות', colour: 'var(--color-kind-note)', Body: NoteCardBody },
  customer: { label: 'פרטי לקוח', colour: 'var(--color-kind-customer)', Body: CustomerChangeBody },
  whatsapp: { label: 'וואטסאפ', feature: 'whatsapp', colour: 'var(--color-kind-whatsapp)', Body: SummaryBody },
  contract: { label: 'חוזים', feature: 'contracts', colour: 'var(--color-kind-contract)', Body: SummaryBody },
  invoice: { label: 'חשבוניות', feature: 'invoices', colour: 'var(--color-kind-invoice)', Body: SummaryBody },
  signature: { label: 'חתימות', feature: 'signatures', colour: 'var(--color-kind-signature)', Body: SummaryBody },
};

const ORDER = Object.keys(TIMELINE_KINDS) as TimelineKind[];

export function isTimelineKind(value: string): value is TimelineKind {
  return (ORDER as string[]).includes(value);
}

/** The kinds this user may filter by: the server leaves the others out anyway. */
export function visibleKinds(features: readonly FeatureKey[]): TimelineKind[] {
  return ORDER.filter((kind) => {
    const feature = TIMELINE_KINDS[kind].feature;
    return feature === undefined || features.includes(feature);
  });
}
