// What a tab tells the service worker, so a push for an alert already on screen is not shown twice.
// The worker asks each visible window when a push arrives (it may have been asleep and forgotten any state
// it was told earlier), and this tab answers from its current queue.

import { useEffect, useRef } from 'react';

export const ALERTS_QUERY = 'alerts:query';
export const ALERTS_CONFIG = 'alerts:config';
export const ALERTS_NAVIGATE = 'alerts:navigate';

interface AlertsQuery {
  type: typeof ALERTS_QUERY;
  taskId: string;
}

interface AlertsNavigate {
  type: typeof ALERTS_NAVIGATE;
  path: string;
}

function isMessage<T extends { type: string }>(data: unknown, type: T['type']): data is T {
  return typeof data === 'object' && data !== null && (data as T).type === type;
}

function serviceWorkerContainer(): ServiceWorkerContainer | null {
  return typeof navigator !== 'undefined' && 'serviceWorker' in navigator ? navigator.serviceWorker : null;
}

/**
 * Answers the worker's "is this task on your screen?", follows its "open this path" (a click on a notification
 * focuses this tab) and tells it the business time zone for its texts and whether its WhatsApp action opens the
 * customer's thread in the app (the business has a WhatsApp sender) or wa.me.
 */
export function useServiceWorkerAlertsBridge(
  shownTaskIds: readonly string[],
  timeZone: string,
  navigate: (path: string) => void,
  whatsAppInApp = false,
): void {
  const shown = useRef(new Set<string>());
  const navigateTo = useRef(navigate);
  useEffect(() => {
    shown.current = new Set(shownTaskIds);
    navigateTo.current = navigate;
  });

  useEffect(() => {
    const container = serviceWorkerContainer();
    if (!container) return;
    function onMessage(event: MessageEvent) {
      if (isMessage<AlertsNavigate>(event.data, ALERTS_NAVIGATE) && event.data.path.startsWith('/')) {
        navigateTo.current(event.data.path);
        return;
      }
      if (!isMessage<AlertsQuery>(event.data, ALERTS_QUERY)) return;
      const showing = document.visibilityState === 'visible' && shown.current.has(event.data.taskId);
      event.ports[0]?.postMessage({ showing });
    }
    container.addEventListener('message', onMessage);
    // Messages from the worker wait in a queue until the page says it is listening.
    container.startMessages?.();
    return () => container.removeEventListener('message', onMessage);
  }, []);

  useEffect(() => {
    serviceWorkerContainer()
      ?.ready.then((registration) => registration.active?.postMessage({ type: ALERTS_CONFIG, timeZone, whatsAppInApp }))
      .catch(() => {});
  }, [timeZone, whatsAppInApp]);
}

/** Once an alert is handled (here or anywhere), its system notification on this device is stale. */
export async function closeSystemNotifications(taskIds: readonly string[]): Promise<void> {
  const container = serviceWorkerContainer();
  if (!container || taskIds.length === 0) return;
  try {
    const registration = await container.getRegistration();
    if (!registration?.getNotifications) return;
    for (const id of taskIds) {
      (await registration.getNotifications({ tag: `task-${id}` })).forEach((notification) => notification.close());
    }
  } catch {
    // Best effort: a leftover notification still leads to the task, whose actions the API validates.
  }
}
