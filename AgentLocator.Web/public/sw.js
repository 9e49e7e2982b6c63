/* AgentLocator service worker: task alerts as system notifications, for when no tab has the alert on screen, and
 * new WhatsApp messages, for when no window of the app has focus (an open app shows them live).
 * Plain script (not bundled) so it is served as-is at /sw.js, whose scope is then the whole site.
 * Unit tests run this file against a fake `self` (src/features/notifications/serviceWorker.test.ts). */

const ALERTS_QUERY = 'alerts:query';
const ALERTS_CONFIG = 'alerts:config';
const ALERTS_NAVIGATE = 'alerts:navigate';
const CONFIG_CACHE = 'agentlocator-sw-config';
const CONFIG_KEY = '/__sw-config';
const DEFAULT_TIME_ZONE = 'Asia/Jerusalem';
const SNOOZE_MINUTES = 15;
const NO_CUSTOMER = 'ללא לקוח';
const WHATSAPP_TITLE = 'הודעת WhatsApp';
const WHATSAPP_FILES_ONLY = 'קובץ מצורף';
/** How long a tab gets to say whether it shows the task; a frozen tab must not hold the alert back. */
const ASK_TIMEOUT_MS = 500;

// A new version takes over at once: alert handling must not wait for every old tab to close.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('message', (event) => {
  const data = event.data;
  if (data && data.type === ALERTS_CONFIG && typeof data.timeZone === 'string') {
    event.waitUntil(saveConfig({ timeZone: data.timeZone, whatsAppInApp: data.whatsAppInApp === true }));
  }
});

self.addEventListener('push', (event) => event.waitUntil(onPush(event)));

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(onNotificationClick(event.action, event.notification.data));
});

async function onPush(event) {
  const message = parseWhatsApp(event.data);
  if (message) return onWhatsAppPush(message);
  const signature = parseSignature(event.data);
  if (signature) return onSignaturePush(signature);
  const payload = parsePayload(event.data);
  if (!payload) return;
  if (await shownInVisibleTab(payload.task.id)) return;
  const { timeZone } = await readConfig();
  const { title, options } = notificationFor(payload, timeZone);
  await self.registration.showNotification(title, options);
}

/** `{ type: 'task:due', reminderAt, task }`, or null for anything else. */
function parsePayload(data) {
  if (!data) return null;
  let payload;
  try {
    payload = data.json();
  } catch {
    return null;
  }
  const task = payload && payload.task;
  return payload.type === 'task:due' && task && typeof task.id === 'string' && typeof task.title === 'string'
    ? payload
    : null;
}

/** `{ type: 'whatsapp:message', customerId, messageId, from, body, url }` with an in-app url, or null for anything else. */
function parseWhatsApp(data) {
  if (!data) return null;
  let payload;
  try {
    payload = data.json();
  } catch {
    return null;
  }
  return payload && payload.type === 'whatsapp:message' && typeof payload.customerId === 'string'
    && typeof payload.url === 'string' && payload.url.startsWith('/') && !payload.url.startsWith('//')
    ? payload
    : null;
}

/** `{ type: 'signature:update', requestId, title, body, url }` with an in-app url, or null for anything else. */
function parseSignature(data) {
  if (!data) return null;
  let payload;
  try {
    payload = data.json();
  } catch {
    return null;
  }
  return payload && payload.type === 'signature:update' && typeof payload.requestId === 'string' && typeof payload.title === 'string'
    && typeof payload.url === 'string' && payload.url.startsWith('/') && !payload.url.startsWith('//')
    ? payload
    : null;
}

/** A signer signed or declined: shown even with the app open elsewhere, one notification per request. */
async function onSignaturePush(message) {
  await self.registration.showNotification(message.title, {
    body: message.body || '',
    dir: 'rtl',
    lang: 'he',
    icon: '/favicon.svg',
    tag: `sig-${message.requestId}`,
    renotify: true,
    data: { signature: message },
  });
}

/**
 * The server pushes every new message to the business's agent; the worker shows it only when no window of the app has
 * focus, since a focused app already has it live. One notification per conversation: a newer message replaces it.
 */
async function onWhatsAppPush(message) {
  if ((await appWindows()).some((client) => client.focused)) return;
  const { title, options } = whatsAppNotificationFor(message);
  await self.registration.showNotification(title, options);
}

function whatsAppNotificationFor(message) {
  return {
    title: message.from ? `${message.from} · WhatsApp` : WHATSAPP_TITLE,
    options: {
      body: message.body || WHATSAPP_FILES_ONLY,
      dir: 'rtl',
      lang: 'he',
      icon: '/favicon.svg',
      tag: `wa-${message.customerId}`,
      renotify: true,
      data: { whatsapp: message },
    },
  };
}

function formatDue(iso, timeZone) {
  try {
    return new Intl.DateTimeFormat('he-IL', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(iso));
  } catch {
    return '';
  }
}

function notificationFor(payload, timeZone) {
  const { task, reminderAt } = payload;
  const customer = task.customer || null;
  // Without a customer (a withheld caller's message) the body names the caller as the call list does.
  const who = customer ? customer.name : task.call && task.call.fromDisplay ? `${task.call.fromDisplay} · ${NO_CUSTOMER}` : NO_CUSTOMER;
  const body = [who, formatDue(task.dueAt, timeZone || DEFAULT_TIME_ZONE)]
    .filter(Boolean)
    .join(' · ');
  const contact = customer && customer.phone
    ? [
        { action: 'call', title: 'התקשר' },
        { action: 'wa', title: 'וואטסאפ' },
      ]
    : [];
  return {
    title: task.title,
    options: {
      body,
      dir: 'rtl',
      lang: 'he',
      icon: '/favicon.svg',
      tag: `task-${task.id}`,
      renotify: true,
      requireInteraction: true,
      data: { task, reminderAt },
      // Browsers show as many as they support (Notification.maxActions); the rest stay reachable in the app.
      actions: [...contact, { action: 'snooze_15', title: 'נודניק 15 דק׳' }, { action: 'done', title: 'בוצע' }],
    },
  };
}

const focusPath = (taskId) => `/tasks?focus=${encodeURIComponent(taskId)}`;

/**
 * What a click on the notification (or one of its actions) does, without doing it. WhatsApp opens the customer's
 * thread in the app when a tab said the business has a WhatsApp sender (`whatsAppInApp`), wa.me otherwise.
 */
function clickPlan(action, task, config) {
  const phone = task.customer && task.customer.phone;
  const id = encodeURIComponent(task.id);
  switch (action) {
    case 'call':
      return phone ? { kind: 'open', url: `tel:${phone.replace(/[^\d+]/g, '')}` } : { kind: 'focus', path: focusPath(task.id) };
    case 'wa':
      if (config && config.whatsAppInApp && task.customer && typeof task.customer.id === 'string') {
        return { kind: 'focus', path: `/whatsapp/${encodeURIComponent(task.customer.id)}` };
      }
      return phone ? { kind: 'open', url: `https://wa.me/${phone.replace(/\D/g, '')}` } : { kind: 'focus', path: focusPath(task.id) };
    case 'snooze_15':
      return { kind: 'api', path: `/api/tasks/${id}/snooze`, body: { minutes: SNOOZE_MINUTES } };
    case 'done':
      return { kind: 'api', path: `/api/tasks/${id}/done` };
    default:
      return { kind: 'focus', path: focusPath(task.id) };
  }
}

async function onNotificationClick(action, data) {
  // A WhatsApp message opens its conversation.
  if (data && data.whatsapp) return openApp(data.whatsapp.url);
  // A signer signed or declined: the request's page.
  if (data && data.signature) return openApp(data.signature.url);
  const task = data && data.task;
  if (!task) return openApp('/tasks');
  const plan = clickPlan(action, task, action === 'wa' ? await readConfig() : undefined);
  if (plan.kind === 'open') return self.clients.openWindow(plan.url);
  if (plan.kind === 'api') {
    // Signed out, or the server said no: open the task in the app, where the user can act on it.
    if (!(await callApi(plan.path, plan.body))) return openApp(focusPath(task.id));
    return;
  }
  return openApp(plan.path);
}

/**
 * The worker has no access token (it lives in the tabs' memory), so it trades the HttpOnly refresh cookie for
 * one, as a reloading tab does. The refresh rotates the cookie; the browser stores the new one for the tabs.
 */
async function callApi(path, body) {
  try {
    const refresh = await fetch('/api/auth/refresh', { method: 'POST', credentials: 'same-origin' });
    if (!refresh.ok) return false;
    const { accessToken } = await refresh.json();
    const response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return response.ok;
  } catch {
    return false;
  }
}

async function appWindows() {
  return self.clients.matchAll({ type: 'window', includeUncontrolled: true });
}

/** Focuses an open tab and lets the app route there (no reload), or opens a new tab. */
async function openApp(path) {
  const [tab] = await appWindows();
  if (!tab) return self.clients.openWindow(path);
  tab.postMessage({ type: ALERTS_NAVIGATE, path });
  try {
    await tab.focus();
  } catch {
    // Focus may be refused; the tab has navigated anyway.
  }
}

async function shownInVisibleTab(taskId) {
  const visible = (await appWindows()).filter((client) => client.visibilityState === 'visible');
  const answers = await Promise.all(visible.map((client) => askShowing(client, taskId)));
  return answers.some(Boolean);
}

function askShowing(client, taskId) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(false), ASK_TIMEOUT_MS);
    channel.port1.onmessage = (event) => {
      clearTimeout(timer);
      resolve(Boolean(event.data && event.data.showing));
    };
    client.postMessage({ type: ALERTS_QUERY, taskId }, [channel.port2]);
  });
}

/** The worker may be stopped between events, so what a tab told it is kept in the Cache API. */
async function saveConfig(config) {
  const cache = await self.caches.open(CONFIG_CACHE);
  await cache.put(CONFIG_KEY, new Response(JSON.stringify(config), { headers: { 'Content-Type': 'application/json' } }));
}

async function readConfig() {
  try {
    const cache = await self.caches.open(CONFIG_CACHE);
    const response = await cache.match(CONFIG_KEY);
    if (response) return { timeZone: DEFAULT_TIME_ZONE, whatsAppInApp: false, ...(await response.json()) };
  } catch {
    // No cache (private mode): the default zone, and WhatsApp by wa.me.
  }
  return { timeZone: DEFAULT_TIME_ZONE, whatsAppInApp: false };
}

// For the unit tests, which load this file into a fake worker scope.
self.alertsLogic = { parsePayload, notificationFor, clickPlan, parseWhatsApp, whatsAppNotificationFor };
