// What the app needs from the one real-time connection, independent of SignalR, so pages and their tests
// can use a fake (src/test/fakeRealtime.ts) and a later transport change stays in one module.

/**
 * - `stopped`: no session, so no connection is wanted.
 * - `connecting`: the first connection of this session is being opened.
 * - `connected`: events arrive and `invoke` works.
 * - `reconnecting`: the connection dropped and is being re-established; events may be missed meanwhile.
 * - `disconnected`: the connection is down and a new attempt is scheduled.
 */
export type ConnectionState = 'stopped' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

/** Arguments are whatever the server sends; each handler declares the shape it expects. */
export type HubEventHandler = (...args: any[]) => void;

export interface RealtimeClient {
  getState(): ConnectionState;
  /** For useSyncExternalStore: `listener` runs after every state change. */
  subscribeToState(listener: () => void): () => void;

  /** Opens the connection for the signed-in session; calling it again while started does nothing. */
  start(): Promise<void>;
  /** Closes the connection (logout); handlers stay registered for the next session. */
  stop(): Promise<void>;

  /** Runs `handler` for every `event` the server pushes; returns the unregister function. */
  on(event: string, handler: HubEventHandler): () => void;
  /**
   * Runs `callback` each time the connection comes back after having been connected: the server forgot
   * this connection's groups, so subscriptions must be made again. Returns the unregister function.
   */
  onReconnected(callback: () => void): () => void;
  /** Runs `callback` now if connected, and again on every later (re)connection. Returns the unregister function. */
  whenConnected(callback: () => void): () => void;

  /** Calls a hub method. Rejects at once with RealtimeUnavailableError when not connected. */
  invoke<T = unknown>(method: string, ...args: unknown[]): Promise<T>;
}

export class RealtimeUnavailableError extends Error {
  constructor(method: string) {
    super(`Cannot invoke '${method}': the real-time connection is not open.`);
    this.name = 'RealtimeUnavailableError';
  }
}

/** The hub's answer when a method belongs to a feature switched off for this user (a HubException). */
export const FEATURE_DISABLED_PREFIX = 'feature-disabled:';

export function isFeatureDisabledHubError(error: unknown): boolean {
  return error instanceof Error && error.message.includes(FEATURE_DISABLED_PREFIX);
}
