import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { AuthProvider } from '../features/auth/AuthProvider';
import { login, logout, resetSessionForTests } from '../features/auth/session';
import { authResponse, json, mockFetch } from '../test/http';
import { createSignalRClient } from './signalRClient';
import { RealtimeProvider } from './RealtimeProvider';
import { ConnectionStatus } from './ConnectionStatus';
import { useConnectionState, useHubEvent, useHubSubscription, useOnReconnected } from './hooks';
import type { RealtimeClient } from './realtimeClient';

// A stand-in for SignalR's HubConnection that records what the client does and lets the test play the server.
const signalr = vi.hoisted(() => {
  type Handler = (...args: unknown[]) => void;
  class FakeHubConnection {
    state = 'Disconnected';
    handlers = new Map<string, Handler[]>();
    reconnecting: Handler[] = [];
    reconnected: Handler[] = [];
    closed: Handler[] = [];
    invoke = vi.fn(async (method: string, ...args: unknown[]): Promise<unknown> => hub.answer(method, ...args));
    start = vi.fn(async () => {
      this.state = 'Connected';
    });
    stop = vi.fn(async () => {
      this.state = 'Disconnected';
    });
    on = vi.fn((event: string, handler: Handler) => {
      this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    });
    off = vi.fn((event: string, handler: Handler) => {
      this.handlers.set(event, (this.handlers.get(event) ?? []).filter((h) => h !== handler));
    });
    onreconnecting = (callback: Handler) => this.reconnecting.push(callback);
    onreconnected = (callback: Handler) => this.reconnected.push(callback);
    onclose = (callback: Handler) => this.closed.push(callback);

    /** The server pushes `event`. */
    push(event: string, ...args: unknown[]) {
      this.handlers.get(event)?.forEach((handler) => handler(...args));
    }
    dropAndRecover() {
      this.state = 'Reconnecting';
      this.reconnecting.forEach((callback) => callback(new Error('network')));
      this.state = 'Connected';
      this.reconnected.forEach((callback) => callback('new-connection-id'));
    }
  }
  /** How the fake server answers hub method calls; a test may replace it before connecting. */
  const hub = { answer: (_method: string, ..._args: unknown[]): unknown => true };
  const built: FakeHubConnection[] = [];
  const withUrl = vi.fn();
  const withAutomaticReconnect = vi.fn();
  class HubConnectionBuilder {
    withUrl(...args: unknown[]) {
      withUrl(...args);
      return this;
    }
    withAutomaticReconnect(...args: unknown[]) {
      withAutomaticReconnect(...args);
      return this;
    }
    configureLogging() {
      return this;
    }
    build() {
      const connection = new FakeHubConnection();
      built.push(connection);
      return connection;
    }
  }
  return { hub, built, withUrl, withAutomaticReconnect, HubConnectionBuilder };
});

vi.mock('@microsoft/signalr', () => ({
  HubConnectionBuilder: signalr.HubConnectionBuilder,
  HubConnectionState: { Connected: 'Connected', Disconnected: 'Disconnected', Reconnecting: 'Reconnecting' },
  HttpTransportType: { WebSockets: 1 },
  LogLevel: { Trace: 0, Debug: 1, Information: 2, Warning: 3, Error: 4, Critical: 5, None: 6 },
}));

const connection = () => signalr.built.at(-1)!;

let client: RealtimeClient;

beforeEach(() => {
  signalr.built.length = 0;
  signalr.hub.answer = () => true;
  client = createSignalRClient();
});

afterEach(async () => {
  await client.stop();
  resetSessionForTests();
  vi.unstubAllGlobals();
});

function wrapper({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={new QueryClient()}>
      <AuthProvider>
        <RealtimeProvider client={client}>{children}</RealtimeProvider>
      </AuthProvider>
    </QueryClientProvider>
  );
}

async function signIn(expiresInMs?: number) {
  mockFetch((request) =>
    request.url.endsWith('/api/auth/refresh')
      ? json(200, authResponse('token-refreshed'))
      : json(200, authResponse('token-1', expiresInMs)),
  );
  await login('agent@demo.local', 'Passw0rd!');
}

describe('realtime connection', () => {
  it('opens one WebSocket connection to /ws once signed in, and closes it on logout', async () => {
    await signIn();
    const { result } = renderHook(() => useConnectionState(), { wrapper });

    await waitFor(() => expect(result.current).toBe('connected'));
    expect(signalr.built).toHaveLength(1);
    expect(connection().start).toHaveBeenCalledTimes(1);
    expect(signalr.withUrl).toHaveBeenCalledWith('/ws', expect.objectContaining({ skipNegotiation: true }));
    expect(signalr.withAutomaticReconnect).toHaveBeenCalled();

    await act(() => client.start()); // a second start (StrictMode, restore after login) is a no-op
    expect(signalr.built).toHaveLength(1);

    await act(() => logout());
    await waitFor(() => expect(result.current).toBe('stopped'));
    expect(connection().stop).toHaveBeenCalled();
  });

  it('gives the hub the session token, refreshing it first when it is about to expire', async () => {
    await signIn();
    const factory = () => (signalr.withUrl.mock.lastCall![1] as { accessTokenFactory: () => Promise<string> }).accessTokenFactory();
    await client.start();
    expect(await factory()).toBe('token-1');

    resetSessionForTests();
    await signIn(10_000); // expires in 10 s: too soon for a connection that keeps it
    expect(await factory()).toBe('token-refreshed');
  });

  it('registers a useHubEvent handler while mounted and unregisters it on unmount', async () => {
    await signIn();
    const received: unknown[] = [];
    const { unmount } = renderHook(() => useHubEvent('task:due', (task: unknown) => received.push(task)), { wrapper });
    await waitFor(() => expect(connection().on).toHaveBeenCalledWith('task:due', expect.any(Function)));

    act(() => connection().push('task:due', { id: 't1' }));
    expect(received).toEqual([{ id: 't1' }]);

    // The provider registers its own session:ended handler too; this test is about the hook's.
    const registered = connection().on.mock.calls.filter(([event]) => event === 'task:due').at(-1)![1];
    unmount();
    expect(connection().off).toHaveBeenCalledWith('task:due', registered);
    connection().push('task:due', { id: 't2' });
    expect(received).toHaveLength(1);
  });

  it('uses the latest handler without registering again on every render', async () => {
    await signIn();
    const seen: string[] = [];
    const { rerender } = renderHook(({ tag }) => useHubEvent('ping', () => seen.push(tag)), {
      wrapper,
      initialProps: { tag: 'first' },
    });
    const pingRegistrations = () => connection().on.mock.calls.filter(([event]) => event === 'ping').length;
    await waitFor(() => expect(pingRegistrations()).toBe(1));
    rerender({ tag: 'second' });
    act(() => connection().push('ping'));

    expect(seen).toEqual(['second']);
    expect(pingRegistrations()).toBe(1);
  });

  it('re-subscribes after a reconnect, since the server forgets a dropped connection’s groups', async () => {
    await signIn();
    const onReconnected = vi.fn();
    const { result, unmount } = renderHook(
      () => {
        useOnReconnected(onReconnected);
        return { subscription: useHubSubscription('WatchCustomer', 'UnwatchCustomer', ['c-1']), state: useConnectionState() };
      },
      { wrapper },
    );
    await waitFor(() => expect(result.current.subscription).toBe('active'));
    expect(connection().invoke).toHaveBeenCalledWith('WatchCustomer', 'c-1');
    expect(onReconnected).not.toHaveBeenCalled();

    act(() => connection().dropAndRecover());

    expect(onReconnected).toHaveBeenCalledTimes(1);
    await waitFor(() =>
      expect(connection().invoke.mock.calls.filter(([method]) => method === 'WatchCustomer')).toHaveLength(2),
    );
    expect(result.current.state).toBe('connected');

    unmount();
    expect(connection().invoke).toHaveBeenLastCalledWith('UnwatchCustomer', 'c-1');
  });

  it('reports a refused subscription and a feature switched off', async () => {
    signalr.hub.answer = (method) => {
      if (method === 'WatchCalls') throw new Error("feature-disabled: The 'calls' feature is not enabled for your account.");
      return false;
    };
    await signIn();
    const { result } = renderHook(
      () => ({
        hidden: useHubSubscription('WatchCustomer', 'UnwatchCustomer', ['not-mine']),
        off: useHubSubscription('WatchCalls', 'UnwatchCalls', []),
      }),
      { wrapper },
    );

    await waitFor(() => expect(result.current).toEqual({ hidden: 'refused', off: 'feature-disabled' }));
  });

  it('shows "מתחבר מחדש…" in the header only while the connection is down', async () => {
    await signIn();
    render(<ConnectionStatus />, { wrapper });
    const status = screen.getByRole('status');
    await waitFor(() => expect(connection()?.state).toBe('Connected'));
    expect(status).toBeEmptyDOMElement();

    act(() => connection().reconnecting.forEach((callback) => callback(new Error('network'))));
    expect(status).toHaveTextContent('מתחבר מחדש…');

    act(() => connection().reconnected.forEach((callback) => callback('id')));
    expect(status).toBeEmptyDOMElement();
  });

  it('opens a new connection when SignalR gives up, and counts it as a reconnection', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      await signIn();
      const onReconnected = vi.fn();
      client.onReconnected(onReconnected);
      await client.start();
      const first = connection();

      act(() => first.closed.forEach((callback) => callback(new Error('gave up'))));
      expect(client.getState()).toBe('disconnected');

      await act(() => vi.advanceTimersByTimeAsync(3_000));
      expect(signalr.built).toHaveLength(2);
      expect(client.getState()).toBe('connected');
      expect(onReconnected).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
