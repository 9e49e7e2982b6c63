import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useAuth } from '../features/auth/AuthProvider';
import { endSession } from '../features/auth/session';
import { HubEvents } from './events';
import type { RealtimeClient } from './realtimeClient';
import { createSignalRClient } from './signalRClient';

const RealtimeContext = createContext<RealtimeClient | null>(null);

/**
 * Owns the app's one real-time connection: opened once a session exists (login or restore), closed when
 * it ends (logout, or a refresh the server refused). Tests pass a fake `client`.
 */
export function RealtimeProvider({ client, children }: { client?: RealtimeClient; children: ReactNode }) {
  const [realtime] = useState(() => client ?? createSignalRClient());
  const { status } = useAuth();

  // No cleanup: StrictMode's unmount/remount would otherwise close and reopen the connection at start-up.
  useEffect(() => {
    if (status === 'authenticated') void realtime.start();
    if (status === 'anonymous') void realtime.stop();
  }, [status, realtime]);

  // The server ended this session (the user was disabled, the business suspended, or "sign out other sessions"):
  // it closes the connection itself, and the tab goes to the login page rather than retrying.
  useEffect(() => realtime.on(HubEvents.sessionEnded, () => endSession()), [realtime]);

  return <RealtimeContext.Provider value={realtime}>{children}</RealtimeContext.Provider>;
}

export function useRealtime(): RealtimeClient {
  const value = useContext(RealtimeContext);
  if (!value) throw new Error('useRealtime must be used inside <RealtimeProvider>');
  return value;
}
