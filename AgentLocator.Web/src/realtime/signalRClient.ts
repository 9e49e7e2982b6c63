// The real RealtimeClient: one SignalR connection to the API's hub (/ws unless configured) for the signed-in session.

import {
  HttpTransportType,
  HubConnectionBuilder,
  HubConnectionState,
  LogLevel,
  type HubConnection,
  type ILogger,
} from '@microsoft/signalr';
import { hubUrl } from '../api/endpoints';
import { getFreshAccessToken } from '../features/auth/session';
import {
  RealtimeUnavailableError,
  type ConnectionState,
  type HubEventHandler,
  type RealtimeClient,
} from './realtimeClient';

/** Waits between attempts: quick at first (a blip), then every 30 s for as long as the session lasts. */
const RETRY_DELAYS_MS = [0, 2_000, 5_000, 10_000, 30_000];
const retryDelay = (attempt: number) => RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)];

/**
 * A dropped connection is expected (server restart, network change) and shown in the header, so SignalR's
 * messages are warnings, not console errors; the e2e suite treats a console error as a bug.
 */
const warningsLogger: ILogger = {
  log(level, message) {
    if (level >= LogLevel.Warning && level !== LogLevel.None) console.warn(`[realtime] ${message}`);
  },
};

function buildConnection(): HubConnection {
  return (
    new HubConnectionBuilder()
      .withUrl(hubUrl(), {
        // The hub is WebSockets-only and reads the JWT from ?access_token=, so negotiation is skipped.
        transport: HttpTransportType.WebSockets,
        skipNegotiation: true,
        accessTokenFactory: async () => (await getFreshAccessToken()) ?? '',
      })
      // Never give up while signed in: a custom policy instead of the default four tries.
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ({ previousRetryCount }) => retryDelay(previousRetryCount) })
      .configureLogging(warningsLogger)
      .build()
  );
}

export function createSignalRClient(build: () => HubConnection = buildConnection): RealtimeClient {
  let state: ConnectionState = 'stopped';
  let connection: HubConnection | null = null;
  let starting: Promise<void> | null = null;
  /** Whether this session has been connected before, so the next connection is a *re*connection. */
  let wasConnected = false;
  let restartAttempt = 0;
  let restartTimer: ReturnType<typeof setTimeout> | undefined;

  const stateListeners = new Set<() => void>();
  const handlers = new Map<string, Set<HubEventHandler>>();
  const reconnectedCallbacks = new Set<() => void>();
  const connectedCallbacks = new Set<() => void>();

  function setState(next: ConnectionState) {
    if (next === state) return;
    state = next;
    stateListeners.forEach((listener) => listener());
  }

  function runAll(callbacks: Set<() => void>) {
    // One failing subscriber must not stop the others from re-subscribing.
    [...callbacks].forEach((callback) => {
      try {
        callback();
      } catch (error) {
        console.warn('[realtime] a connection callback failed', error);
      }
    });
  }

  function connected() {
    const reconnected = wasConnected;
    wasConnected = true;
    restartAttempt = 0;
    setState('connected');
    if (reconnected) runAll(reconnectedCallbacks);
    runAll(connectedCallbacks);
  }

  function open(): Promise<void> {
    const current = build();
    connection = current;
    handlers.forEach((set, event) => set.forEach((handler) => current.on(event, handler)));
    current.onreconnecting(() => {
      if (connection === current) setState('reconnecting');
    });
    current.onreconnected(() => {
      if (connection === current) connected();
    });
    current.onclose(() => {
      // SignalR gave up or the server closed the connection: open a new one (a stop() cleared `connection`).
      if (connection === current) scheduleRestart();
    });
    setState(wasConnected ? 'reconnecting' : 'connecting');
    starting = current
      .start()
      .then(() => {
        if (connection === current) connected();
      })
      .catch(() => {
        if (connection === current) scheduleRestart();
      })
      .finally(() => {
        starting = null;
      });
    return starting;
  }

  function scheduleRestart() {
    connection = null;
    setState('disconnected');
    clearTimeout(restartTimer);
    restartTimer = setTimeout(() => void open(), retryDelay(++restartAttempt));
  }

  return {
    getState: () => state,
    subscribeToState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },

    start() {
      if (connection || state === 'disconnected') return starting ?? Promise.resolve();
      return open();
    },

    async stop() {
      clearTimeout(restartTimer);
      const current = connection;
      connection = null;
      wasConnected = false;
      restartAttempt = 0;
      setState('stopped');
      await current?.stop().catch(() => {});
    },

    on(event, handler) {
      let set = handlers.get(event);
      if (!set) handlers.set(event, (set = new Set()));
      set.add(handler);
      connection?.on(event, handler);
      return () => {
        set.delete(handler);
        if (set.size === 0) handlers.delete(event);
        connection?.off(event, handler);
      };
    },

    onReconnected(callback) {
      reconnectedCallbacks.add(callback);
      return () => reconnectedCallbacks.delete(callback);
    },

    whenConnected(callback) {
      connectedCallbacks.add(callback);
      if (state === 'connected') callback();
      return () => connectedCallbacks.delete(callback);
    },

    invoke<T>(method: string, ...args: unknown[]) {
      if (!connection || connection.state !== HubConnectionState.Connected || state !== 'connected') {
        return Promise.reject(new RealtimeUnavailableError(method));
      }
      return connection.invoke<T>(method, ...args);
    },
  };
}
