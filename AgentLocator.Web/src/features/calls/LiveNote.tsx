import type { HubSubscriptionStatus } from '../../realtime';

/**
 * Says when a calls page is not being kept current. While connecting, or when the whole connection is down (the
 * header already says so), there is nothing to add.
 */
export function LiveNote({ status }: { status: HubSubscriptionStatus }) {
  const message =
    status === 'refused' || status === 'feature-disabled' || status === 'failed'
      ? 'עדכונים חיים אינם זמינים כרגע; רעננו את הדף כדי לראות שינויים.'
      : null;
  return (
    <p className="calls-live-note muted" role="status" aria-live="polite">
      {status === 'active' && (
        <>
          <span className="calls-live-note__dot" aria-hidden="true" />
          מתעדכן בזמן אמת
        </>
      )}
      {message}
    </p>
  );
}
