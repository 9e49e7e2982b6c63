// Web Push for this browser: permission, the PushManager subscription, and telling the API about it.

import { api, request } from '../../api/client';
import { registerServiceWorker } from './registerServiceWorker';

/**
 * - `unsupported`: no Notification/PushManager/service worker, or not a secure context (http on a LAN address).
 * - `denied`: the user blocked notifications; only the browser's site settings can undo that.
 * - `default`: never asked.
 * - `granted`: allowed, but this browser has no subscription with us (yet, or any more).
 * - `subscribed`: allowed and subscribed: alerts arrive even with every tab closed.
 */
export type PushState = 'unsupported' | 'denied' | 'default' | 'granted' | 'subscribed';

export function pushSupported(): boolean {
  return (
    typeof window !== 'undefined' &&
    window.isSecureContext &&
    'Notification' in window &&
    'PushManager' in window &&
    'serviceWorker' in navigator
  );
}

export function notificationPermission(): NotificationPermission | 'unsupported' {
  return pushSupported() ? Notification.permission : 'unsupported';
}

async function currentRegistration(): Promise<ServiceWorkerRegistration> {
  const registration = (await registerServiceWorker()) ?? (await navigator.serviceWorker.getRegistration());
  if (!registration) throw new Error('The service worker is not registered.');
  return registration;
}

export async function readPushState(): Promise<PushState> {
  const permission = notificationPermission();
  if (permission !== 'granted') return permission;
  const registration = await currentRegistration();
  return (await registration.pushManager.getSubscription()) ? 'subscribed' : 'granted';
}

/** The VAPID key arrives base64url-encoded; pushManager.subscribe wants its bytes. */
export function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(value.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Must run from a click: browsers ignore (or penalise) permission prompts nobody asked for. */
export async function enablePush(): Promise<PushState> {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') return permission;
  const registration = await currentRegistration();
  let subscription = await registration.pushManager.getSubscription();
  if (!subscription) {
    const { publicKey } = await api.get<{ publicKey: string }>('/api/notifications/vapid-public-key');
    subscription = await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: base64UrlToBytes(publicKey),
    });
  }
  // Posted again even when it existed: the API may have dropped it, or another user signed in on this browser.
  await api.post('/api/notifications/subscribe', subscription.toJSON());
  return 'subscribed';
}

export async function disablePush(): Promise<PushState> {
  const registration = await currentRegistration();
  const subscription = await registration.pushManager.getSubscription();
  if (subscription) {
    await request<void>('/api/notifications/subscribe', { method: 'DELETE', body: { endpoint: subscription.endpoint } });
    await subscription.unsubscribe();
  }
  return 'granted';
}
