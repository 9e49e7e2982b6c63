// The customer timeline and the home page against the real API: live events, filters, notes, counters, axe.

import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { authed, signIn } from './session';
import { simulateCall } from './twilio';
import { axeViolations } from './axe';
import { silentWav } from './wav';

/** Unique per run, so reruns against the same database never collide on names or phones. */
const RUN = Math.random().toString(36).slice(2, 8);
const digits = String(Math.floor(Math.random() * 1e7)).padStart(7, '0');
/** The customer's phone as typed, and as Twilio posts the caller's number (E.164), so the call finds the customer. */
const PHONE = `050-${digits}`;
const CALLER = `+97250${digits}`;

let api: APIRequestContext;
let customer: { id: string; name: string };

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ baseURL }) => {
  api = await authed(baseURL!);
  const name = `E2E ${RUN} ציר זמן`;
  const created = await api.post('/api/crm/customers', { data: { name, phone: PHONE } });
  expect(created.status(), await created.text()).toBe(201);
  customer = { id: ((await created.json()) as { id: string }).id, name };
});

test.afterAll(async () => {
  await api.dispose();
});

async function openTasksOf(customerId: string): Promise<{ id: string }[]> {
  const response = await api.get(`/api/tasks?status=open&assignee=all&customer_id=${customerId}&limit=100`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { items: { id: string }[] }).items;
}

/** The follow-up task a call with a message makes is due at once and would ring over the page: done through the API. */
async function completeFollowUp(customerId: string) {
  await expect.poll(async () => (await openTasksOf(customerId)).length, { timeout: 20_000 }).toBeGreaterThan(0);
  for (const task of await openTasksOf(customerId)) {
    expect((await api.post(`/api/tasks/${task.id}/done`)).status()).toBe(200);
  }
}

async function openTimeline(page: Page) {
  await page.goto(`/customers/${customer.id}`);
  await expect(page.getByRole('heading', { level: 1, name: customer.name })).toBeVisible();
  const timeline = page.getByRole('region', { name: 'ציר זמן', exact: true });
  // Only once the hub has accepted WatchTimeline can a push reach this page.
  await expect(timeline).toHaveAttribute('data-live', 'active');
  return timeline;
}

test('a simulated call and a new task appear live in the open timeline, and the task is completed in place', async ({ page, baseURL }) => {
  await signIn(page);
  const timeline = await openTimeline(page);
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  const call = await simulateCall(api, baseURL!, {
    from: CALLER,
    messages: [{ wav: silentWav(2), transcript: `בדיקת ציר זמן ${RUN}` }],
    durationSeconds: 9,
  });
  const callCard = timeline.locator('[data-kind="call"]').filter({ has: page.locator(`a[href="/calls/${call.callId}"]`) });
  await expect(callCard).toBeVisible({ timeout: 20_000 });
  await completeFollowUp(customer.id);

  const title = `E2E ${RUN} לשלוח הצעה`;
  const tomorrow = new Date(Date.now() + 24 * 3_600_000).toISOString();
  const created = await api.post('/api/tasks', { data: { customerId: customer.id, title, dueAt: tomorrow, remindBefore: 0 } });
  expect(created.status(), await created.text()).toBe(201);
  const taskCard = timeline.locator('[data-kind="task"]').filter({ hasText: title }).first();
  await expect(taskCard).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

  await taskCard.getByRole('button', { name: `סימון כבוצעה: ${title}` }).click();
  await expect(taskCard.getByText('בוצעה', { exact: true })).toBeVisible();
  const { id } = (await created.json()) as { id: string };
  await expect.poll(async () => ((await (await api.get(`/api/tasks/${id}`)).json()) as { status: string }).status).toBe('done');
});

test('a note is added with Ctrl+Enter, pinned, edited, deleted and restored', async ({ page }) => {
  await signIn(page);
  const timeline = await openTimeline(page);
  const text = `E2E ${RUN} ביקש שנחזור אחרי החג`;

  await timeline.getByLabel('הערה חדשה').fill(text);
  await timeline.getByLabel('הערה חדשה').press('Control+Enter');
  const note = timeline.locator('[data-kind="note"]').filter({ hasText: `E2E ${RUN}` });
  await expect(note).toBeVisible();
  await expect(timeline.getByLabel('הערה חדשה')).toHaveValue('');

  await note.getByRole('button', { name: 'הצמדה' }).click();
  await expect(timeline.getByRole('region', { name: 'מוצמדות' }).getByText(text)).toBeVisible();

  await note.getByRole('button', { name: 'עריכה' }).click();
  await note.getByLabel('עריכת ההערה').fill(`${text} — עודכן`);
  await note.getByLabel('עריכת ההערה').press('Control+Enter');
  await expect(note.getByText('(נערך)')).toBeVisible();
  // The server kept the edit and the pin: a reload shows both.
  await page.reload();
  await expect(timeline.getByRole('region', { name: 'מוצמדות' }).getByText(`${text} — עודכן`)).toBeVisible();

  await note.getByRole('button', { name: 'מחיקה' }).click();
  await expect(note).toHaveCount(0);
  await page.getByRole('status').filter({ hasText: 'ההערה נמחקה.' }).getByRole('button', { name: 'בטל' }).click();
  await expect(timeline.getByRole('region', { name: 'מוצמדות' }).getByText(`${text} — עודכן`)).toBeVisible();
});

test('filters narrow the timeline and stay in the address', async ({ page }) => {
  await signIn(page);
  const timeline = await openTimeline(page);
  await expect(timeline.locator('[data-kind="task"]').first()).toBeVisible();
  await expect(timeline.locator('[data-kind="note"]').first()).toBeVisible();

  await timeline.getByRole('button', { name: 'הערות', exact: true }).click();
  await expect(page).toHaveURL(/[?&]kind=note\b/);
  await expect(timeline.locator('[data-kind="task"]')).toHaveCount(0);
  await expect(timeline.locator('[data-kind="note"]').first()).toBeVisible();

  await page.reload();
  await expect(timeline.getByRole('button', { name: 'הערות', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(timeline.locator('[data-kind="task"]')).toHaveCount(0);

  // Search: the task of the first test matches, the call does not (pinned notes head the timeline whatever the text).
  await timeline.getByRole('button', { name: 'הערות', exact: true }).click();
  await expect(page).not.toHaveURL(/[?&]kind=/);
  await timeline.getByLabel('חיפוש בציר הזמן').fill('לשלוח הצעה');
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(timeline.locator('[data-kind="call"]')).toHaveCount(0);
  await expect(timeline.locator('[data-kind="task"]').filter({ hasText: 'לשלוח הצעה' }).first()).toBeVisible();

  await timeline.getByRole('button', { name: 'ניקוי הסינון' }).first().click();
  await expect(timeline.locator('[data-kind="call"]').first()).toBeVisible();
  await expect(page).not.toHaveURL(/[?&]q=/);
});

test('the home page’s counters match the data, and its feed shows this customer’s events', async ({ page }) => {
  await signIn(page);
  const counters = page.getByRole('list', { name: 'היום בעסק' });
  await expect(counters).toBeVisible();
  const today = (await (await api.get('/api/crm/today')).json()) as Record<string, number | null>;
  for (const [key, value] of Object.entries(today)) {
    const counter = counters.getByTestId(`today-${key}`);
    if (value === null) await expect(counter).toHaveCount(0);
    else await expect(counter.locator('.home-counter__value')).toHaveText(value.toLocaleString('he-IL'));
  }

  const feed = page.getByRole('region', { name: 'פעילות אחרונה בעסק' });
  await expect(feed.getByRole('link', { name: customer.name }).first()).toBeVisible();
});

test('no serious or critical axe violations on the customer page and the home page, at desktop and phone width', async ({ page }, testInfo) => {
  await signIn(page);
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 844 });
    for (const path of [`/customers/${customer.id}`, '/']) {
      await page.goto(path);
      await expect(page.locator('.timeline__entry').first()).toBeVisible();
      const { blocking, other } = await axeViolations(page);
      if (other.length) testInfo.annotations.push({ type: 'axe (minor/moderate)', description: other.join('\n') });
      expect(blocking, `${path} at ${width} px`).toEqual([]);
      // Nothing wider than the phone: no sideways scrolling.
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} at ${width} px`).toBeLessThanOrEqual(width);
      await page.screenshot({ path: testInfo.outputPath(`timeline-${path === '/' ? 'home' : 'customer'}-${width}.png`), fullPage: true });
    }
  }
});
