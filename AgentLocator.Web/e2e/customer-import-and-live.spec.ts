import { writeFile } from 'node:fs/promises';
import type { APIRequestContext, WebSocketRoute } from '@playwright/test';
import { expect, test } from './fixtures';
import { authed, signIn } from './session';

/** Unique per run, so reruns against the same database never collide on names or phones. */
const RUN = Math.random().toString(36).slice(2, 8);
const usedPhones = new Set<string>();
/** A random mobile number in national form, never repeated within the run. */
function newPhone(prefix = '054'): string {
  let digits: string;
  do digits = String(Math.floor(Math.random() * 1e7)).padStart(7, '0');
  while (usedPhones.has(digits));
  usedPhones.add(digits);
  return `${prefix}-${digits.slice(0, 3)}-${digits.slice(3)}`;
}

let api: APIRequestContext;

async function createCustomer(name: string, extra: Record<string, unknown> = {}): Promise<{ id: string }> {
  const created = await api.post('/api/crm/customers', { data: { name, phone: newPhone(), city: 'חיפה', ...extra } });
  expect(created.status(), await created.text()).toBe(201);
  return (await created.json()) as { id: string };
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ baseURL }) => {
  api = await authed(baseURL!);
});

test.afterAll(async () => {
  await api.dispose();
});

test('imports a CSV with Hebrew headers and reports created, merged and rejected rows', async ({ page }, testInfo) => {
  const existingPhone = newPhone('052');
  const existing = await createCustomer(`E2E ${RUN} קיים`, { phone: existingPhone });
  const imported = [`E2E ${RUN} מיובא א`, `E2E ${RUN} מיובא ב`];
  const csv = [
    'שם מלא,טלפון,דוא"ל,עיר,תגיות',
    `${imported[0]},${newPhone()},a-${RUN}@example.com,חיפה,e2e;יבוא`,
    `${imported[1]},${newPhone()},,"תל אביב, יפו",e2e`,
    `,${newPhone()},no-name@example.com,אילת,`, // line 4: no name, so rejected
    `E2E ${RUN} כפול,${existingPhone},,נתניה,`, // line 5: an existing phone, so merged
  ].join('\r\n');
  const file = testInfo.outputPath('customers-import.csv');
  await writeFile(file, `\uFEFF${csv}\r\n`, 'utf8');

  await signIn(page);
  await page.goto('/customers');
  await page.getByRole('link', { name: 'ייבוא' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'ייבוא לקוחות מקובץ CSV' })).toBeVisible();
  await page.getByLabel('קובץ CSV', { exact: true }).setInputFiles(file);

  // Known Hebrew headers are mapped without asking; a field the file lacks is left out.
  await expect(page.getByRole('combobox', { name: 'שם', exact: true })).toHaveValue('שם מלא');
  await expect(page.getByRole('combobox', { name: 'טלפון', exact: true })).toHaveValue('טלפון');
  await expect(page.getByRole('combobox', { name: 'אימייל', exact: true })).toHaveValue('דוא"ל');
  await expect(page.getByRole('combobox', { name: 'סטטוס', exact: true })).toHaveValue('');
  await page.screenshot({ path: testInfo.outputPath('import-mapping.png'), fullPage: true });

  const answer = page.waitForResponse((r) => r.url().endsWith('/api/crm/customers/import'));
  await page.getByRole('button', { name: 'ייבוא', exact: true }).click();
  const response = await answer;
  expect(response.status()).toBe(200);
  const sent = response.request();
  expect(sent.headers()['content-type']).toMatch(/^multipart\/form-data; boundary=/);

  const report = page.getByTestId('import-report');
  await expect(report.getByRole('heading', { name: 'הייבוא הסתיים' })).toBeFocused();
  await expect(page.getByTestId('import-created')).toContainText('2');
  await expect(page.getByTestId('import-merged')).toContainText('1');
  await expect(page.getByTestId('import-rejected')).toContainText('1');
  const rejected = report.getByRole('table', { name: 'שורות שנדחו' });
  await expect(rejected.getByRole('row')).toHaveCount(2);
  await expect(rejected.getByRole('row').nth(1).getByRole('cell').first()).toHaveText('4');
  const merged = report.getByRole('table', { name: 'שורות שמוזגו ללקוחות קיימים' });
  await expect(merged.getByRole('row').nth(1).getByRole('cell').first()).toHaveText('5');
  await expect(merged.getByRole('link', { name: /לכרטיס הלקוח/ })).toHaveAttribute('href', `/customers/${existing.id}`);
  await page.screenshot({ path: testInfo.outputPath('import-report.png'), fullPage: true });

  // The new customers are in the grid (the list was invalidated, not served stale from the cache).
  await report.getByRole('link', { name: 'לרשימת הלקוחות' }).click();
  await page.getByLabel('חיפוש').fill(`E2E ${RUN} מיובא`);
  const names = page.getByRole('table', { name: 'לקוחות' }).locator('tbody td[data-column="name"] a');
  await expect(names).toHaveCount(2);
  expect((await names.allTextContents()).sort()).toEqual([...imported].sort());
});

test('an admin deletes a customer and restores it from its page', async ({ page }) => {
  const name = `E2E ${RUN} למחיקה`;
  const { id } = await createCustomer(name);
  await signIn(page);
  await page.goto(`/customers/${id}`);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

  await page.getByRole('button', { name: 'מחיקה' }).click();
  await page.getByRole('button', { name: 'כן, למחוק' }).click();
  await expect(page.getByText('הלקוח נמחק. רק מנהלים רואים אותו')).toBeVisible();
  expect((await api.get(`/api/crm/customers/${id}`)).status()).toBe(404);

  // Still offered after a reload: admins open deleted customers to restore them.
  await page.reload();
  await page.getByRole('button', { name: 'שחזור לקוח' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'הלקוח שוחזר.' })).toBeVisible();
  await expect(page.getByText('הלקוח נמחק. רק מנהלים רואים אותו')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'עריכה' })).toBeVisible();
  const restored = await api.get(`/api/crm/customers/${id}`);
  expect(restored.status()).toBe(200);
  expect(((await restored.json()) as { deletedAt: string | null }).deletedAt).toBeNull();
});

test('a customer page shows a change made elsewhere without a reload', async ({ page }) => {
  const name = `E2E ${RUN} חי`;
  const { id } = await createCustomer(name);
  await signIn(page);
  await page.goto(`/customers/${id}`);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  // Only once the hub has accepted the watch can a push reach this page.
  await expect(page.locator('.customer-page')).toHaveAttribute('data-live', 'active');
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  // Another user's edit: through the API, with its own bearer token.
  const patched = await api.patch(`/api/crm/customers/${id}`, { data: { name: `${name} עודכן`, city: 'אילת' } });
  expect(patched.status(), await patched.text()).toBe(200);

  await expect(page.getByRole('heading', { level: 1, name: `${name} עודכן` })).toBeVisible();
  await expect(page.getByTestId('customer-details')).toContainText('אילת');
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  await expect(page.getByTestId('connection-status')).toBeEmpty();
});

test('after the connection drops, the header says so and the page is watched again once back', async ({ page }, testInfo) => {
  const name = `E2E ${RUN} ניתוק`;
  const { id } = await createCustomer(name);
  // Every hub WebSocket passes through here, so the test can cut it and hold off reconnection.
  let refuse = false;
  const sockets: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/ws/, (socket) => {
    if (refuse) {
      void socket.close({ code: 4000, reason: 'test: server unreachable' });
      return;
    }
    socket.connectToServer();
    sockets.push(socket);
  });
  await signIn(page);
  await page.goto(`/customers/${id}`);
  await expect(page.locator('.customer-page')).toHaveAttribute('data-live', 'active');
  const status = page.getByTestId('connection-status');
  await expect(status).toBeEmpty();

  refuse = true;
  await sockets.at(-1)!.close({ code: 4000, reason: 'test: connection lost' });
  await expect(status).toHaveText(/מתחבר מחדש…|אין חיבור/);
  await page.screenshot({ path: testInfo.outputPath('reconnecting.png') });

  refuse = false;
  await expect(status).toBeEmpty({ timeout: 20_000 });
  // The new connection re-made the watch: the server's groups belonged to the old one.
  const patched = await api.patch(`/api/crm/customers/${id}`, { data: { city: 'טבריה' } });
  expect(patched.status(), await patched.text()).toBe(200);
  await expect(page.getByTestId('customer-details')).toContainText('טבריה');
});
