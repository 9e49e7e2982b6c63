// An in-memory RealtimeClient for page tests: the test pushes server events and drives the connection state.

import {
  RealtimeUnavailableError,
  type ConnectionState,
  type HubEventHandler,
  type RealtimeClient,
} from '../realtime/realtimeClient';

type HubMethod = (...args: unknown[]) => unknown;

export interface FakeRealtime extends RealtimeClient {
  /** Hub methods by name; an unlisted method answers undefined. */
  methods: Record<string, HubMethod>;
  invocations: { method: string; args: unknown[] }[];
  /** Pushes `event` to the registered handlers, as the server would. */
  emit(event: string, ...args: unknown[]): void;
  setState(state: ConnectionState): void;
  /** A drop and recovery: reconnecting, then connected, running the reconnection callbacks. */
  reconnect(): void;
}

export function createFakeRealtime(methods: Record<string, HubMethod> = {}): FakeRealtime {
  let state: ConnectionState = 'stopped';
  const stateListeners = new Set<() => void>();
  const handlers = new Map<string, Set<HubEventHandler>>();
  const reconnected = new Set<() => void>();
  const connected = new Set<() => void>();

  const fake: FakeRealtime = {
    methods,
    invocations: [],
    getState: () => state,
    subscribeToState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    setState(next) {
      const wasConnected = state === 'connected';
      state = next;
      stateListeners.forEach((listener) => listener());
      if (next === 'connected' && !wasConnected) connected.forEach((callback) => callback());
    },
    async start() {
      if (state === 'stopped') fake.setState('connected');
    },
    async stop() {
      fake.setState('stopped');
    },
    on(event, handler) {
      if (!handlers.has(event)) handlers.set(event, new Set());
      handlers.get(event)!.add(handler);
      return () => handlers.get(event)?.delete(handler);
    },
    onReconnected(callback) {
      reconnected.add(callback);
      return () => reconnected.delete(callback);
    },
    whenConnected(callback) {
      connected.add(callback);
      if (state === 'connected') callback();
      return () => connected.delete(callback);
    },
    async invoke<T>(method: string, ...args: unknown[]) {
      if (state !== 'connected') throw new RealtimeUnavailableError(method);
      fake.invocations.push({ method, args });
      return (await fake.methods[method]?.(...args)) as T;
    },
    emit(event, ...args) {
      handlers.get(event)?.forEach((handler) => handler(...args));
    },
    reconnect() {
      fake.setState('reconnecting');
      reconnected.forEach((callback) => callback());
      fake.setState('connected');
    },
  };
  return fake;
}
