import { useConnectionState } from './hooks';
import type { ConnectionState } from './realtimeClient';
import './Realtime.css';

/** Only trouble is worth a word: nothing is shown while connected, connecting for the first time, or signed out. */
const MESSAGES: Partial<Record<ConnectionState, string>> = {
  reconnecting: 'מתחבר מחדש…',
  disconnected: 'אין חיבור לעדכונים חיים. מנסה שוב…',
};

/** A small note in the shell header; the live region is always there so screen readers hear the change. */
export function ConnectionStatus() {
  const message = MESSAGES[useConnectionState()];
  return (
    <span className="connection-status" role="status" aria-live="polite" data-testid="connection-status">
      {message && (
        <>
          <span className="connection-status__dot" aria-hidden="true" />
          {message}
        </>
      )}
    </span>
  );
}
