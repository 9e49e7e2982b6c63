import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { authed, signIn, withoutWhatsAppSender } from './session';

const AGENT = { email: 'agent@demo.local', password: 'Passw0rd!' };
/** Unique per run, so reruns against the same database never collide on names or phones. */
const RUN = Math.random().toString(36).slice(2, 8);
/** The API's sweeper delivers due alerts every 15 s at the latest. */
const RING_TIMEOUT = 40_000;

interface TaskJson {
  id: string;
  title: string;
  dueAt: string;
  remindAt: string;
  status: string;
  customer: { name: string; phone: string | null };
}

let api: APIRequestContext;
let customer: { id: string; name: string; phone: string };

function randomPhone(): string {
  return `054-${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
}

async function createTask(title: string, dueInMs: number): Promise<TaskJson> {
  const response = await api.post('/api/tasks', {
    data: { customerId: customer.id, title, dueAt: new Date(Date.now() + dueInMs).toISOString(), remindBefore: 0 },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as TaskJson;
}

async function getTask(id: string): Promise<TaskJson> {
  const response = await api.get(`/api/tasks/${id}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as TaskJson;
}

/** Signed in, with the shell up and its first catch-up answered (the live connection is then open or opening). */
async function openApp(page: Page) {
  const caughtUp = page.waitForResponse((r) => r.url().endsWith('/api/tasks/due'));
  await signIn(page, AGENT);
  await caughtUp;
  // The catch-up that follows a first connection means pushes now reach this tab.
  await page.waitForTimeout(1_000);
}

test.describe.configure({ mode: 'serial' });
// This spec is about alerts: none is snoozed for it.
test.use({ strayAlerts: 'keep' });

test.beforeAll(async ({ baseURL }) => {
  await withoutWhatsAppSender(baseURL!);
  api = await authed(baseURL!, AGENT);
  const name = `E2E ${RUN} משימות`;
  const created = await api.post('/api/crm/customers', { data: { name, phone: randomPhone() } });
  expect(created.status(), await created.text()).toBe(201);
  const body = (await created.json()) as { id: string; phone: string };
  customer = { id: body.id, name, phone: body.phone };
});

test.afterAll(async () => {
  // Leave no ringing tasks behind for later specs.
  const open = await api.get(`/api/tasks?customer_id=${customer.id}&status=open&limit=100`);
  for (const task of ((await open.json()) as { items: TaskJson[] }).items) await api.post(`/api/tasks/${task.id}/done`);
  await api.dispose();
});

test('creates a task from the customer page with the due time in the business zone', async ({ page }, testInfo) => {
  await signIn(page, AGENT);
  await page.goto(`/customers/${customer.id}`);
  await page.getByRole('tab', { name: 'משימות' }).click();
  await page.getByRole('link', { name: 'משימה חדשה' }).click();
  await expect(page.getByTestId('task-customer')).toHaveText(customer.name);

  await page.getByLabel('כותרת').fill(`E2E ${RUN} מהטופס`);
  await page.getByLabel('מועד').click();
  const calendar = page.getByRole('dialog', { name: 'לוח שנה' });
  await calendar.getByRole('combobox', { name: 'שנה' }).selectOption('2030');
  await calendar.getByRole('combobox', { name: 'חודש' }).selectOption({ label: 'יולי' });
  await calendar.getByRole('button', { name: 'יום שני, 1 ביולי 2030' }).click();
  await calendar.getByRole('combobox', { name: 'שעה' }).selectOption('9');
  await calendar.getByRole('combobox', { name: 'דקות' }).selectOption('30');
  await calendar.getByRole('button', { name: 'סיום' }).click();
  await page.getByLabel('תזכורת').selectOption({ label: '15 דקות לפני' });
  await page.screenshot({ path: testInfo.outputPath('task-form.png'), fullPage: true });
  const created = page.waitForResponse((r) => r.url().endsWith('/api/tasks') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'יצירת משימה' }).click();
  const response = await created;
  expect(response.status()).toBe(201);
  expect(response.request().postDataJSON()).toMatchObject({ dueAt: '2030-07-01T09:30:00+03:00', remindBefore: 15 });
  const task = (await response.json()) as TaskJson;
  expect(Date.parse(task.dueAt)).toBe(Date.parse('2030-07-01T06:30:00Z'));

  await expect(page).toHaveURL(new RegExp(`/customers/${customer.id}$`));
  await page.getByRole('tab', { name: 'משימות' }).click();
  await expect(page.getByTestId(`task-row-${task.id}`)).toContainText('09:30');
});

test('a due task rings in real time; snooze and done close the alert', async ({ page }, testInfo) => {
  await openApp(page);
  await page.goto('/tasks');
  const first = await createTask(`E2E ${RUN} נודניק`, 5_000);

  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: first.title })).toBeVisible({ timeout: RING_TIMEOUT });
  await expect(dialog.getByRole('link', { name: 'התקשר' })).toHaveAttribute('href', `tel:${customer.phone}`);
  await expect(dialog.getByRole('link', { name: 'וואטסאפ' })).toHaveAttribute('href', `https://wa.me/${customer.phone.slice(1)}`);
  await page.screenshot({ path: testInfo.outputPath('task-due-modal.png') });

  await dialog.getByRole('button', { name: 'נודניק 15 דק׳' }).click();
  await expect(dialog).toBeHidden();
  const snoozed = await getTask(first.id);
  expect(snoozed.dueAt).toBe(first.dueAt);
  expect(Date.parse(snoozed.remindAt) - Date.parse(first.remindAt)).toBeGreaterThan(14 * 60_000);

  const second = await createTask(`E2E ${RUN} בוצע`, 3_000);
  await expect(dialog.getByRole('heading', { name: second.title })).toBeVisible({ timeout: RING_TIMEOUT });
  await dialog.getByRole('button', { name: 'בוצע' }).click();
  await expect(dialog).toBeHidden();
  expect((await getTask(second.id)).status).toBe('done');
  await page.screenshot({ path: testInfo.outputPath('tasks-page.png'), fullPage: true });
});

test('an alert shows in every tab, and done in one closes the other', async ({ page, context }) => {
  await openApp(page);
  const other = await context.newPage();
  const caughtUp = other.waitForResponse((r) => r.url().endsWith('/api/tasks/due'));
  await other.goto('/tasks');
  await caughtUp;
  await other.waitForTimeout(1_000);

  const task = await createTask(`E2E ${RUN} שתי לשוניות`, 4_000);
  for (const tab of [page, other]) {
    await expect(tab.getByRole('dialog').getByRole('heading', { name: task.title })).toBeVisible({ timeout: RING_TIMEOUT });
  }
  await other.getByRole('dialog').getByRole('button', { name: 'בוצע' }).click();
  await expect(other.getByRole('dialog')).toBeHidden();
  await expect(page.getByRole('dialog')).toBeHidden();
  await other.close();
});

test('a push message shows a system notification with the task actions (CDP, no push service)', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['notifications'], { origin: baseURL });
  await openApp(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });

  const cdp = await context.newCDPSession(page);
  const registrationId = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const ours = registrations.find((r) => r.scopeURL === `${baseURL}/` && !r.isDeleted);
      if (ours) resolve(ours.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');

  // A real task due later: no tab shows it, so the worker must.
  const task = await createTask(`E2E ${RUN} דחיפה`, 60 * 60_000);
  const payload = { type: 'task:due', reminderAt: task.remindAt, task };
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin: baseURL!,
    registrationId: await registrationId,
    data: JSON.stringify(payload),
  });

  const notifications = () =>
    page.evaluate(async () =>
      (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
        title: n.title,
        body: n.body,
        tag: n.tag,
        actions: (n as Notification & { actions?: { action: string }[] }).actions?.map((a) => a.action),
      })),
    );
  // Chromium shows only Notification.maxActions of them (2 here), in the order given.
  const maxActions = await page.evaluate(() => (Notification as unknown as { maxActions: number }).maxActions);
  await expect.poll(notifications, { timeout: 10_000 }).toEqual([
    {
      title: task.title,
      body: expect.stringContaining(customer.name),
      tag: `task-${task.id}`,
      actions: ['call', 'wa', 'snooze_15', 'done'].slice(0, maxActions),
    },
  ]);
  console.log(`maxActions=${maxActions}; notifications after push:`, JSON.stringify(await notifications()));
  await page.goto('/settings/notifications');
  // Permission is granted but this browser has no push service to subscribe with, so it offers the button.
  await expect(page.getByRole('heading', { name: 'ההתראות כבויות בדפדפן זה' })).toBeVisible();

  // A push for an alert this (visible) tab already shows in its modal is not shown twice.
  const ringing = await createTask(`E2E ${RUN} כבר במסך`, 3_000);
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: ringing.title })).toBeVisible({ timeout: RING_TIMEOUT });
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin: baseURL!,
    registrationId: await registrationId,
    data: JSON.stringify({ type: 'task:due', reminderAt: ringing.remindAt, task: ringing }),
  });
  await page.waitForTimeout(1_500);
  expect((await notifications()).map((n) => n.tag)).toEqual([`task-${task.id}`]);

  // Handling an alert in the app closes its system notification on this device too.
  await dialog.getByRole('button', { name: 'בוצע' }).click();
  await expect(dialog).toBeHidden();
  await cdp.detach();
});
