import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { resetSessionForTests } from '../auth/session';
import { renderApp } from '../../test/renderApp';
import { json } from '../../test/http';
import { tasksServer } from '../../test/tasksServer';
import { base64UrlToBytes } from './pushSubscription';
import { resetServiceWorkerForTests } from './registerServiceWorker';

/** A browser with Notification, PushManager and a service worker, in the given permission state. */
function fakePushBrowser(permission: NotificationPermission, { subscribed = false, answer = permission } = {}) {
  const subscription = {
    endpoint: 'https://push.example/abc',
    toJSON: () => ({ endpoint: 'https://push.example/abc', expirationTime: null, keys: { p256dh: 'p', auth: 'a' } }),
    unsubscribe: vi.fn(async () => true),
  };
  let current = subscribed ? subscription : null;
  const pushManager = {
    getSubscription: vi.fn(async () => current),
    subscribe: vi.fn(async () => (current = subscription)),
  };
  const registration = { pushManager };
  const Notification = Object.assign(function Notification() {}, {
    permission,
    requestPermission: vi.fn(async () => {
      Notification.permission = answer;
      return answer;
    }),
  });
  vi.stubGlobal('Notification', Notification);
  vi.stubGlobal('PushManager', function PushManager() {});
  vi.stubGlobal('isSecureContext', true);
  Object.defineProperty(navigator, 'serviceWorker', {
    configurable: true,
    value: {
      register: vi.fn(async () => registration),
      getRegistration: vi.fn(async () => registration),
      ready: Promise.resolve(registration),
      addEventListener: vi.fn(),
      removeEventListener: vi.fn(),
    },
  });
  return { Notification, pushManager, subscription };
}

beforeEach(() => resetServiceWorkerForTests());

afterEach(() => {
  resetSessionForTests();
  vi.unstubAllGlobals();
  delete (navigator as { serviceWorker?: unknown }).serviceWorker;
});

const settings = () => screen.findByRole('heading', { level: 1, name: 'התראות' });

describe('notification settings', () => {
  it('says when the browser cannot do push (no PushManager or not a secure context)', async () => {
    tasksServer();
    renderApp('/settings/notifications');
    await settings();
    expect(await screen.findByRole('heading', { name: 'הדפדפן אינו תומך בהתראות' })).toBeInTheDocument();
  });

  it('explains how to re-enable notifications the user blocked', async () => {
    fakePushBrowser('denied');
    tasksServer();
    renderApp('/settings/notifications');
    expect(await screen.findByRole('heading', { name: 'ההתראות חסומות בדפדפן' })).toBeInTheDocument();
    expect(screen.getByText(/סמל המנעול/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'הפעלת התראות' })).not.toBeInTheDocument();
  });

  it('asks permission only from the button, subscribes with the VAPID key and tells the API', async () => {
    const browser = fakePushBrowser('default', { answer: 'granted' });
    const { requests } = tasksServer({
      route: (_request, url) => {
        if (url.pathname === '/api/notifications/vapid-public-key') return json(200, { publicKey: 'AQID_-8' });
        if (url.pathname === '/api/notifications/subscribe') return json(201, { id: 's-1' });
        return undefined;
      },
    });
    renderApp('/settings/notifications');
    const button = await screen.findByRole('button', { name: 'הפעלת התראות' });
    expect(browser.Notification.requestPermission).not.toHaveBeenCalled();

    await userEvent.click(button);

    expect(await screen.findByRole('heading', { name: 'ההתראות פעילות בדפדפן זה' })).toBeInTheDocument();
    expect(browser.Notification.requestPermission).toHaveBeenCalledTimes(1);
    expect(browser.pushManager.subscribe).toHaveBeenCalledWith({
      userVisibleOnly: true,
      applicationServerKey: base64UrlToBytes('AQID_-8'),
    });
    expect(requests.find((r) => r.url === '/api/notifications/subscribe')).toMatchObject({
      method: 'POST',
      body: { endpoint: 'https://push.example/abc', expirationTime: null, keys: { p256dh: 'p', auth: 'a' } },
    });
  });

  it('shows a subscribed browser and unsubscribes it', async () => {
    const browser = fakePushBrowser('granted', { subscribed: true });
    const { requests } = tasksServer({
      route: (request, url) =>
        url.pathname === '/api/notifications/subscribe' && request.method === 'DELETE'
          ? new Response(null, { status: 204 })
          : undefined,
    });
    renderApp('/settings/notifications');
    await userEvent.click(await screen.findByRole('button', { name: 'ביטול התראות' }));

    expect(await screen.findByRole('heading', { name: 'ההתראות כבויות בדפדפן זה' })).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'DELETE')?.body).toEqual({ endpoint: 'https://push.example/abc' });
    expect(browser.subscription.unsubscribe).toHaveBeenCalled();
  });

  it('offers a dismissible banner in the shell while permission was never asked', async () => {
    fakePushBrowser('default');
    tasksServer();
    renderApp('/');
    const banner = await screen.findByRole('complementary', { name: 'התראות דפדפן' });
    await userEvent.click(screen.getByRole('button', { name: 'לא עכשיו' }));
    await waitFor(() => expect(banner).not.toBeInTheDocument());
    expect(localStorage.getItem('al-notifications-banner-dismissed')).toBe('1');
    localStorage.clear();
  });

  it('decodes a base64url VAPID key', () => {
    expect([...base64UrlToBytes('AQID_-8')]).toEqual([1, 2, 3, 255, 239]);
  });
});
