// The service worker (public/sw.js, served at the site root so its scope is the whole app) shows task alerts
// as system notifications when no tab is on screen. Registered at start-up; permission is asked only from a button.

let registration: Promise<ServiceWorkerRegistration | null> | null = null;

export function serviceWorkerSupported(): boolean {
  return typeof navigator !== 'undefined' && 'serviceWorker' in navigator;
}

/** Idempotent; resolves null when the browser has no service workers or registration failed. */
export function registerServiceWorker(): Promise<ServiceWorkerRegistration | null> {
  if (!serviceWorkerSupported()) return Promise.resolve(null);
  registration ??= navigator.serviceWorker.register('/sw.js').catch(() => null);
  return registration;
}

export function resetServiceWorkerForTests(): void {
  registration = null;
}
