// React hooks over the RealtimeClient. Pages use these, never the connection itself.

import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useRealtime } from './RealtimeProvider';
import { isFeatureDisabledHubError, type ConnectionState, type HubEventHandler } from './realtimeClient';

export function useConnectionState(): ConnectionState {
  const realtime = useRealtime();
  return useSyncExternalStore(realtime.subscribeToState, realtime.getState);
}

/** Keeps the latest callback in a ref, so a new closure every render does not re-register with the server. */
function useLatest<T>(value: T) {
  const ref = useRef(value);
  useEffect(() => {
    ref.current = value;
  });
  return ref;
}

/** Calls `handler` for each `event` the server pushes while the component is mounted. */
export function useHubEvent<Args extends unknown[]>(event: string, handler: (...args: Args) => void): void {
  const realtime = useRealtime();
  const latest = useLatest(handler);
  useEffect(() => {
    const dispatch: HubEventHandler = (...args) => latest.current(...(args as Args));
    return realtime.on(event, dispatch);
  }, [realtime, event, latest]);
}

/** Calls `callback` each time the connection comes back after a drop (not on the first connection). */
export function useOnReconnected(callback: () => void): void {
  const realtime = useRealtime();
  const latest = useLatest(callback);
  useEffect(() => realtime.onReconnected(() => latest.current()), [realtime, latest]);
}

/** `invoke` from the app's connection; rejects at once when not connected. */
export function useHubInvoke(): <T = unknown>(method: string, ...args: unknown[]) => Promise<T> {
  return useRealtime().invoke;
}

/**
 * - `pending`: not subscribed yet (not connected, or the call is in flight).
 * - `active`: the server accepted the subscription.
 * - `refused`: the server answered false (e.g. the caller cannot see the item).
 * - `feature-disabled`: the hub method belongs to a feature switched off for this user.
 * - `failed`: the call failed otherwise; it is tried again on the next reconnection.
 */
export type HubSubscriptionStatus = 'pending' | 'active' | 'refused' | 'feature-disabled' | 'failed';

/**
 * A server-side subscription for as long as the component is mounted: `subscribe(...args)` once connected
 * and again after every reconnection (the server's groups are per connection), `unsubscribe(...args)` on
 * unmount or when `args` change. The subscribe method may return false to refuse.
 */
export function useHubSubscription(
  subscribe: string,
  unsubscribe: string,
  args: readonly unknown[],
  { enabled = true }: { enabled?: boolean } = {},
): HubSubscriptionStatus {
  const realtime = useRealtime();
  const [status, setStatus] = useState<HubSubscriptionStatus>('pending');
  // Arguments compared by value, so callers may pass a fresh array each render.
  const key = JSON.stringify(args);

  useEffect(() => {
    if (!enabled) return;
    const values = JSON.parse(key) as unknown[];
    let mounted = true;
    setStatus('pending');
    const stopWatching = realtime.whenConnected(() => {
      realtime.invoke<unknown>(subscribe, ...values).then(
        (answer) => mounted && setStatus(answer === false ? 'refused' : 'active'),
        (error: unknown) => mounted && setStatus(isFeatureDisabledHubError(error) ? 'feature-disabled' : 'failed'),
      );
    });
    return () => {
      mounted = false;
      stopWatching();
      // A closed connection has no subscriptions left to remove.
      if (realtime.getState() === 'connected') realtime.invoke(unsubscribe, ...values).catch(() => {});
    };
  }, [realtime, subscribe, unsubscribe, key, enabled]);

  return enabled ? status : 'pending';
}
