// One small line icon per timeline kind, drawn on a 24 × 24 grid in the current colour. Decorative: the card's
// title says what happened, so the icons are hidden from assistive technology.

import type { ReactNode } from 'react';
import type { TimelineKind } from './timelineApi';

const shapes: Record<TimelineKind, ReactNode> = {
  call: <path d="M6 3h3l2 5-2.5 1.5a11 11 0 0 0 6 6L16 13l5 2v3a2 2 0 0 1-2 2A16 16 0 0 1 4 5a2 2 0 0 1 2-2z" />,
  task: (
    <>
      <rect x="4" y="4" width="16" height="16" rx="2" />
      <path d="M8 12l3 3 5-6" />
    </>
  ),
  note: (
    <>
      <path d="M5 4h10l4 4v12H5z" />
      <path d="M8 11h8M8 15h6" />
    </>
  ),
  customer: (
    <>
      <circle cx="12" cy="8" r="4" />
      <path d="M4 20c1-4 4-6 8-6s7 2 8 6" />
    </>
  ),
  whatsapp: <path d="M4 20l1.5-4A8 8 0 1 1 9 19.5z" />,
  contract: (
    <>
      <path d="M6 3h9l3 3v15H6z" />
      <path d="M9 9h6M9 13h6M9 17h3" />
    </>
  ),
  invoice: (
    <>
      <path d="M6 3h12v18l-3-2-3 2-3-2-3 2z" />
      <path d="M9 8h6M9 12h6" />
    </>
  ),
  signature: (
    <>
      <path d="M3 17c3-6 5-9 6-7s-2 7 1 6 3-4 5-4 1 3 6 3" />
      <path d="M3 21h18" />
    </>
  ),
};

export function KindIcon({ kind }: { kind: TimelineKind }) {
  return (
    <svg
      className="timeline-icon__svg"
      viewBox="0 0 24 24"
      width="20"
      height="20"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {shapes[kind]}
    </svg>
  );
}
