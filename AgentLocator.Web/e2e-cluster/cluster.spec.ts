import { request as newRequest, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { expect, test } from '../e2e/fixtures';
import { authed, signIn } from '../e2e/session';
import { demoBusinessNumber } from '../e2e/environment';
import { twilioSignature } from '../e2e/twilio';
import { cluster } from './cluster';

const AGENT = { email: 'agent@demo.local', password: 'Passw0rd!' };
const RUN = Math.random().toString(36).slice(2, 8);
/** Alerts are swept every 2 s in this cluster; a silo's death takes a few probes to be noticed. */
const RING_TIMEOUT = 60_000;

test.describe.configure({ mode: 'serial' });

let api: APIRequestContext;
let customerId: string;

test.beforeAll(async () => {
  api = await authed(cluster.url, AGENT);
  const created = await api.post('/api/crm/customers', {
    data: { name: `אשכול ${RUN}`, phone: `054-${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}` },
  });
  expect(created.status(), await created.text()).toBe(201);
  customerId = ((await created.json()) as { id: string }).id;
});

test.afterAll(async () => {
  await api.dispose();
});

interface LiveTab {
  page: Page;
  /** The WebSocket URLs this tab opened. */
  sockets: string[];
  /** Requests that would mean SignalR fell back from WebSockets (negotiate, long polling, server-sent events). */
  fallbacks: string[];
}

/** A signed-in tab (its own browser context, so its own cookies) whose first catch-up was answered. */
async function openTab(browser: Browser, baseURL: string, errors: string[]): Promise<LiveTab> {
  const context = await browser.newContext({ baseURL, locale: 'he-IL', timezoneId: 'Asia/Jerusalem' });
  const page = await context.newPage();
  const tab: LiveTab = { page, sockets: [], fallbacks: [] };
  page.on('websocket', (socket) => tab.sockets.push(socket.url()));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/ws') && request.resourceType() !== 'websocket') tab.fallbacks.push(request.url());
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().includes('status of 401')) errors.push(`${baseURL}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${baseURL}: ${error.message}`));
  const caughtUp = page.waitForResponse((r) => r.url().endsWith('/api/tasks/due'));
  await signIn(page, AGENT);
  await caughtUp;
  await expect.poll(() => tab.sockets.length, { message: 'a WebSocket to /ws is opened' }).toBeGreaterThan(0);
  // The catch-up after a first connection: from now on pushes reach this tab.
  await page.waitForTimeout(1_000);
  return tab;
}

async function createTask(title: string, dueInMs: number): Promise<string> {
  const response = await api.post('/api/tasks', {
    data: { customerId, title, dueAt: new Date(Date.now() + dueInMs).toISOString(), remindBefore: 0 },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** Plays Twilio: the first webhook of a call, signed for `signedBase` + path. */
async function incomingCall(signedBase: string) {
  const twilio = await newRequest.newContext({ baseURL: cluster.url });
  const path = '/webhook/incoming_call';
  const form = {
    CallSid: `CA${RUN}${Math.random().toString(16).slice(2, 14)}`, AccountSid: 'AC' + '0'.repeat(32),
    From: '+972541234567', To: demoBusinessNumber, Direction: 'inbound', CallStatus: 'ringing',
  };
  const response = await twilio.post(path, {
    form,
    headers: { 'X-Twilio-Signature': twilioSignature(cluster.twilioToken, signedBase + path, form) },
  });
  const result = { status: response.status(), contentType: response.headers()['content-type'] ?? '', body: await response.text() };
  await twilio.dispose();
  return result;
}

async function activeSilos(apiUrl: string): Promise<string> {
  const health = await newRequest.newContext();
  try {
    const response = await health.get(`${apiUrl}/health`, { timeout: 5_000 });
    return await response.text();
  } catch (error) {
    return String(error);
  } finally {
    await health.dispose();
  }
}

test('signs in through nginx with a Secure refresh cookie, the security headers, and SignalR on WebSockets', async ({ page, context }) => {
  const sockets: string[] = [];
  const fallbacks: string[] = [];
  page.on('websocket', (socket) => sockets.push(socket.url()));
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/ws') && request.resourceType() !== 'websocket') fallbacks.push(request.url());
  });

  const index = await page.goto('/login');
  const headers = index!.headers();
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');

  const caughtUp = page.waitForResponse((r) => r.url().endsWith('/api/tasks/due'));
  await signIn(page, AGENT);
  const due = await caughtUp;
  // The API's own answers carry its headers too (Security__Headers on, as in Production).
  expect(due.headers()['content-security-policy']).toContain("connect-src 'self'");

  const refresh = (await context.cookies()).find((cookie) => cookie.name === 'al_refresh');
  expect(refresh, 'the refresh cookie was stored').toBeDefined();
  expect(refresh!.secure, 'nginx said https, so the cookie is Secure').toBe(true);
  expect(refresh!.httpOnly).toBe(true);

  await expect.poll(() => sockets.length).toBeGreaterThan(0);
  expect(sockets[0]).toMatch(new RegExp(`^ws://localhost:${new URL(cluster.url).port}/ws\\?access_token=`));
  // Still connected a moment later (the header shows trouble only), and never by any other transport.
  await page.waitForTimeout(2_000);
  await expect(page.getByTestId('connection-status')).toHaveText('');
  expect(fallbacks).toEqual([]);

  // A reload refreshes the session with the Secure cookie through nginx.
  await page.reload();
  await expect(page.getByTestId('user-display-name')).toBeVisible();
});

test('a reminder reaches tabs held on each instance, whichever instance fires it', async ({ browser }) => {
  const errors: string[] = [];
  const onA = await openTab(browser, cluster.urlOnlyA, errors);
  const onB = await openTab(browser, cluster.urlOnlyB, errors);
  expect(onA.sockets[0]).toContain(`:${new URL(cluster.urlOnlyA).port}/ws`);
  expect(onB.sockets[0]).toContain(`:${new URL(cluster.urlOnlyB).port}/ws`);

  // The reminder fires on one silo; the tab on the other instance hears it over the Redis backplane.
  const title = `אשכול ${RUN} תזכורת`;
  const taskId = await createTask(title, 4_000);
  for (const tab of [onA, onB]) {
    await expect(tab.page.getByRole('dialog').getByRole('heading', { name: title })).toBeVisible({ timeout: RING_TIMEOUT });
  }
  expect(onA.fallbacks).toEqual([]);
  expect(onB.fallbacks).toEqual([]);
  expect(errors).toEqual([]);
  expect((await api.post(`/api/tasks/${taskId}/done`)).status()).toBe(200);
  await onA.page.context().close();
  await onB.page.context().close();
});

test('a signed webhook through nginx validates against PUBLIC_HOST, not the address it arrived on', async () => {
  const signedForPublicHost = await incomingCall(cluster.publicHost);
  expect(signedForPublicHost.status).toBe(200);
  expect(signedForPublicHost.contentType).toContain('text/xml');
  expect(signedForPublicHost.body).toContain('<Record');

  const signedForNginx = await incomingCall(cluster.url);
  expect(signedForNginx.status).toBe(403);
});

test('with one instance killed, calls are still answered and alerts delivered by the other', async ({ browser }) => {
  const errors: string[] = [];
  const onB = await openTab(browser, cluster.urlOnlyB, errors);

  process.kill(cluster.pidA, 'SIGKILL');

  // Straight away, before the cluster has noticed: nginx passes the call to the live instance, and Twilio gets TwiML.
  const during = await incomingCall(cluster.publicHost);
  expect(during.status).toBe(200);
  expect(during.contentType).toContain('text/xml');
  expect(during.body).toContain('<Response>');

  // The dead silo is voted out; the survivor then owns every grain and reminder.
  await expect.poll(() => activeSilos(cluster.apiB), { timeout: 60_000, intervals: [1_000] }).toContain('1 active silo(s)');

  const after = await incomingCall(cluster.publicHost);
  expect(after.status).toBe(200);
  expect(after.body, 'the call is greeted and recorded, not apologised for').toContain('<Record');

  const title = `אשכול ${RUN} אחרי נפילה`;
  const taskId = await createTask(title, 3_000);
  await expect(onB.page.getByRole('dialog').getByRole('heading', { name: title })).toBeVisible({ timeout: RING_TIMEOUT });
  await expect(onB.page.getByTestId('connection-status')).toHaveText('');
  expect(errors).toEqual([]);
  expect((await api.post(`/api/tasks/${taskId}/done`)).status()).toBe(200);
  await onB.page.context().close();
});
