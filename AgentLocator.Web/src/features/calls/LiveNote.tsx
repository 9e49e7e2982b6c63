import type { HubSubscriptionStatus } from '../../realtime';
import { CALLS_LIST_TEXT } from './strings';

/**
 * Says when a calls page is not being kept current. While connecting, or when the whole connection is down (the
 * header already says so), there is nothing to add.
 */
export function LiveNote({ status }: { status: HubSubscriptionStatus }) {
  const message =
    status === 'refused' || status === 'feature-disabled' || status === 'failed'
      ? CALLS_LIST_TEXT.liveUnavailable
      : null;
  return (
    <p className="calls-live-note muted" role="status" aria-live="polite">
      {status === 'active' && (
        <>
          <span className="calls-live-note__dot" aria-hidden="true" />
          {CALLS_LIST_TEXT.live}
        </>
      )}
      {message}
    </p>
  );
}
