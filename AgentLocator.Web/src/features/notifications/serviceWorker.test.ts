// Runs public/sw.js against a fake worker scope: its push and notificationclick handlers, end to end.

import { afterEach, describe, expect, it, vi } from 'vitest';
import swSource from '../../../public/sw.js?raw';
import { json, mockFetch, problem } from '../../test/http';
import { task, withheldMessageTask } from '../../test/testTasks';

type Listener = (event: Record<string, unknown>) => void;

interface FakeWindow {
  visibilityState: 'visible' | 'hidden';
  focused?: boolean;
  postMessage: ReturnType<typeof vi.fn>;
  focus: ReturnType<typeof vi.fn>;
}

/** A tab that answers the worker's "do you show this task?" with `showing` (or never, if undefined). */
function tab(visibilityState: 'visible' | 'hidden', showing?: boolean): FakeWindow {
  return {
    visibilityState,
    postMessage: vi.fn((message: { type: string }, ports?: MessagePort[]) => {
      if (message.type === 'alerts:query' && showing !== undefined) ports?.[0].postMessage({ showing });
    }),
    focus: vi.fn(async () => undefined),
  };
}

function loadWorker({ windows = [] as FakeWindow[], config = null as Record<string, string | boolean> | null } = {}) {
  const listeners: Record<string, Listener> = {};
  const scope = {
    addEventListener: (type: string, listener: Listener) => (listeners[type] = listener),
    skipWaiting: vi.fn(),
    registration: { showNotification: vi.fn(async () => undefined) },
    clients: { matchAll: vi.fn(async () => windows), openWindow: vi.fn(async () => null), claim: vi.fn() },
    caches: {
      open: async () => ({
        match: async () => (config ? new Response(JSON.stringify(config)) : undefined),
        put: vi.fn(),
      }),
    },
  };
  new Function('self', swSource)(scope);
  async function dispatch(type: string, event: Record<string, unknown>) {
    const pending: Promise<unknown>[] = [];
    listeners[type]({ ...event, waitUntil: (promise: Promise<unknown>) => pending.push(promise) });
    await Promise.all(pending);
  }
  return { scope, dispatch };
}

const dueTask = task(1, {
  title: 'לחזור לדנה',
  dueAt: '2026-07-15T06:30:00Z',
  customer: { id: 'c-1', name: 'דנה לוי', phone: '+972541234567', phoneDisplay: '054-123-4567' },
});
const payload = { type: 'task:due', reminderAt: '2026-07-15T06:30:00Z', task: dueTask };
const pushEvent = (body: unknown) => ({ data: { json: () => (typeof body === 'string' ? JSON.parse(body) : body) } });

afterEach(() => vi.unstubAllGlobals());

describe('service worker: push', () => {
  it('shows a notification with the task, its customer and due time, and the four actions', async () => {
    const worker = loadWorker({ windows: [tab('hidden', false)] });
    await worker.dispatch('push', pushEvent(payload));

    expect(worker.scope.registration.showNotification).toHaveBeenCalledTimes(1);
    const [title, options] = worker.scope.registration.showNotification.mock.calls[0] as unknown as [string, NotificationOptions & { actions: { action: string }[]; renotify: boolean }];
    expect(title).toBe('לחזור לדנה');
    expect(options.body).toMatch(/^דנה לוי · .*09:30/);
    expect(options).toMatchObject({ tag: 'task-t-1', renotify: true, requireInteraction: true, dir: 'rtl', data: { task: dueTask, reminderAt: payload.reminderAt } });
    expect(options.actions.map((a) => a.action)).toEqual(['call', 'wa', 'snooze_15', 'done']);
  });

  it('names the withheld caller for a task without a customer, and offers no call or WhatsApp', async () => {
    const worker = loadWorker({ windows: [tab('hidden', false)] });
    const message = withheldMessageTask(2, { dueAt: '2026-07-15T06:30:00Z' });
    await worker.dispatch('push', pushEvent({ ...payload, task: message }));

    const [title, options] = worker.scope.registration.showNotification.mock.calls[0] as unknown as [string, NotificationOptions & { actions: { action: string }[] }];
    expect(title).toBe('הודעה ממספר חסוי');
    expect(options.body).toMatch(/^מספר חסוי · ללא לקוח · .*09:30/);
    expect(options.actions.map((a) => a.action)).toEqual(['snooze_15', 'done']);
  });

  it('uses the business time zone a tab told it', async () => {
    const worker = loadWorker({ config: { timeZone: 'UTC' } });
    await worker.dispatch('push', pushEvent(payload));
    const [, options] = worker.scope.registration.showNotification.mock.calls[0] as unknown as [string, NotificationOptions];
    expect(options.body).toContain('06:30');
  });

  it('stays quiet when a visible tab already shows the task, but not for a hidden or silent one', async () => {
    const shownHere = loadWorker({ windows: [tab('hidden', true), tab('visible', true)] });
    await shownHere.dispatch('push', pushEvent(payload));
    expect(shownHere.scope.registration.showNotification).not.toHaveBeenCalled();

    const hidden = tab('hidden', true);
    const silent = tab('visible'); // frozen: never answers, so the alert is shown after a short wait
    const elsewhere = loadWorker({ windows: [hidden, silent] });
    await elsewhere.dispatch('push', pushEvent(payload));
    expect(elsewhere.scope.registration.showNotification).toHaveBeenCalledTimes(1);
    expect(hidden.postMessage).not.toHaveBeenCalled();
  });

  it('ignores payloads that are not task alerts', async () => {
    const worker = loadWorker();
    await worker.dispatch('push', pushEvent({ type: 'something-else' }));
    await worker.dispatch('push', { data: { json: () => JSON.parse('not json') } });
    await worker.dispatch('push', { data: null });
    expect(worker.scope.registration.showNotification).not.toHaveBeenCalled();
  });

  it('omits call and WhatsApp for a customer without a phone', async () => {
    const worker = loadWorker();
    const noPhone = { ...payload, task: { ...dueTask, customer: { ...dueTask.customer!, phone: null } } };
    await worker.dispatch('push', pushEvent(noPhone));
    const [, options] = worker.scope.registration.showNotification.mock.calls[0] as unknown as [string, { actions: { action: string }[] }];
    expect(options.actions.map((a) => a.action)).toEqual(['snooze_15', 'done']);
  });
});

describe('service worker: WhatsApp messages', () => {
  const message = {
    type: 'whatsapp:message',
    customerId: 'c-7',
    messageId: 'm-1',
    from: 'יעל',
    body: 'אפשר פרטים על הדירה?',
    url: '/whatsapp/c-7',
    receivedAt: '2026-07-15T06:30:00Z',
  };

  it('shows the sender and text, one notification per conversation, when no window of the app has focus', async () => {
    const worker = loadWorker({ windows: [{ ...tab('visible'), focused: false }] });
    await worker.dispatch('push', pushEvent(message));

    const [title, options] = worker.scope.registration.showNotification.mock.calls[0] as unknown as [string, NotificationOptions & { renotify: boolean }];
    expect(title).toBe('יעל · WhatsApp');
    expect(options).toMatchObject({ body: 'אפשר פרטים על הדירה?', tag: 'wa-c-7', renotify: true, dir: 'rtl', data: { whatsapp: message } });
  });

  it('stays quiet when a window of the app has focus, which shows the message live', async () => {
    const worker = loadWorker({ windows: [{ ...tab('hidden'), focused: false }, { ...tab('visible'), focused: true }] });
    await worker.dispatch('push', pushEvent(message));
    expect(worker.scope.registration.showNotification).not.toHaveBeenCalled();
  });

  it('ignores a message whose url leaves the app', async () => {
    const worker = loadWorker();
    await worker.dispatch('push', pushEvent({ ...message, url: 'https://elsewhere.example/' }));
    await worker.dispatch('push', pushEvent({ ...message, url: '//elsewhere.example/' }));
    expect(worker.scope.registration.showNotification).not.toHaveBeenCalled();
  });

  it('a click opens the conversation in an open tab, or in a new one', async () => {
    const open = tab('hidden');
    const withTab = loadWorker({ windows: [open] });
    await withTab.dispatch('notificationclick', { action: '', notification: { close: vi.fn(), data: { whatsapp: message } } });
    expect(open.postMessage).toHaveBeenCalledWith({ type: 'alerts:navigate', path: '/whatsapp/c-7' });

    const noTab = loadWorker();
    await noTab.dispatch('notificationclick', { action: '', notification: { close: vi.fn(), data: { whatsapp: message } } });
    expect(noTab.scope.clients.openWindow).toHaveBeenCalledWith('/whatsapp/c-7');
  });
});

describe('service worker: notification click', () => {
  const click = (action: string) => ({ action, notification: { close: vi.fn(), data: payload } });

  it('snoozes through the API with a token from the refresh cookie, then closes', async () => {
    const { requests } = mockFetch(({ url }) =>
      url === '/api/auth/refresh' ? json(200, { accessToken: 'sw-token' }) : json(200, dueTask),
    );
    const worker = loadWorker();
    const event = click('snooze_15');
    await worker.dispatch('notificationclick', event);

    expect(event.notification.close).toHaveBeenCalled();
    expect(requests.map((r) => [r.method, r.url, r.credentials, r.authorization, r.body])).toEqual([
      ['POST', '/api/auth/refresh', 'same-origin', null, undefined],
      ['POST', '/api/tasks/t-1/snooze', 'same-origin', 'Bearer sw-token', { minutes: 15 }],
    ]);
    expect(worker.scope.clients.openWindow).not.toHaveBeenCalled();
  });

  it('marks done through the API', async () => {
    const { requests } = mockFetch(({ url }) =>
      url === '/api/auth/refresh' ? json(200, { accessToken: 'sw-token' }) : json(200, dueTask),
    );
    await loadWorker().dispatch('notificationclick', click('done'));
    expect(requests[1]).toMatchObject({ method: 'POST', url: '/api/tasks/t-1/done', authorization: 'Bearer sw-token' });
  });

  it('opens the task in the app when the user is signed out', async () => {
    mockFetch(() => problem(401, { title: 'Unauthorized' }));
    const worker = loadWorker();
    await worker.dispatch('notificationclick', click('done'));
    expect(worker.scope.clients.openWindow).toHaveBeenCalledWith('/tasks?focus=t-1');
  });

  it('opens tel: and wa.me links for call and WhatsApp', async () => {
    const worker = loadWorker();
    await worker.dispatch('notificationclick', click('call'));
    await worker.dispatch('notificationclick', click('wa'));
    expect(worker.scope.clients.openWindow.mock.calls).toEqual([['tel:+972541234567'], ['https://wa.me/972541234567']]);
  });

  it("opens the customer's WhatsApp thread in the app when a tab said the business has a WhatsApp sender", async () => {
    const open = tab('hidden');
    const withTab = loadWorker({ windows: [open], config: { timeZone: 'Asia/Jerusalem', whatsAppInApp: true } });
    await withTab.dispatch('notificationclick', click('wa'));
    expect(open.postMessage).toHaveBeenCalledWith({ type: 'alerts:navigate', path: '/whatsapp/c-1' });
    expect(withTab.scope.clients.openWindow).not.toHaveBeenCalled();

    const noTab = loadWorker({ config: { timeZone: 'Asia/Jerusalem', whatsAppInApp: true } });
    await noTab.dispatch('notificationclick', click('wa'));
    expect(noTab.scope.clients.openWindow).toHaveBeenCalledWith('/whatsapp/c-1');

    // Without a sender the action stays wa.me.
    const noSender = loadWorker({ config: { timeZone: 'Asia/Jerusalem', whatsAppInApp: false } });
    await noSender.dispatch('notificationclick', click('wa'));
    expect(noSender.scope.clients.openWindow).toHaveBeenCalledWith('https://wa.me/972541234567');
  });

  it('a plain click focuses an open tab and routes it to the task, or opens a new tab', async () => {
    const open = tab('hidden');
    const withTab = loadWorker({ windows: [open] });
    await withTab.dispatch('notificationclick', click(''));
    expect(open.postMessage).toHaveBeenCalledWith({ type: 'alerts:navigate', path: '/tasks?focus=t-1' });
    expect(open.focus).toHaveBeenCalled();

    const noTab = loadWorker();
    await noTab.dispatch('notificationclick', click(''));
    expect(noTab.scope.clients.openWindow).toHaveBeenCalledWith('/tasks?focus=t-1');
  });
});
