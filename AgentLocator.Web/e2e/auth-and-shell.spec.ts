import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const DEMO_AGENT = { email: 'agent@demo.local', password: 'Passw0rd!' };

/** The side navigation in display order; null marks items every user has. */
const NAV_ORDER: ReadonlyArray<[feature: string | null, label: string]> = [
  [null, 'ראשי'],
  ['crm', 'לקוחות'],
  ['calls', 'שיחות'],
  [null, 'משימות'],
  ['whatsapp', 'וואטסאפ'],
  ['contracts', 'חוזים'],
  ['invoices', 'חשבוניות'],
  ['signatures', 'חתימות'],
];

async function submitLogin(page: Page, password: string) {
  await page.getByLabel('אימייל').fill(DEMO_AGENT.email);
  await page.getByLabel('סיסמה').fill(password);
  await page.getByRole('button', { name: 'כניסה' }).click();
}

test('a wrong password shows the Hebrew error and stays on the login page', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'כניסה ל-AgentLocator' })).toBeVisible();

  const answer = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
  await submitLogin(page, 'not-the-password');
  expect((await answer).status()).toBe(401);

  await expect(page.getByRole('alert')).toHaveText('האימייל או הסיסמה שגויים.');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('button', { name: 'כניסה' })).toBeEnabled();
});

test('the demo agent logs in to the RTL Hebrew shell, stays in after a reload, and logs out', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);

  const loginAnswer = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
  const meAnswer = page.waitForResponse((r) => r.url().endsWith('/api/me'));
  await submitLogin(page, DEMO_AGENT.password);
  const login = await loginAnswer;
  expect(login.status()).toBe(200);
  const { user } = (await login.json()) as { user: { displayName: string } };
  const me = (await (await meAnswer).json()) as { business: { name: string }; features: string[] };

  // The shell, in Hebrew, right to left.
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('user-display-name')).toHaveText(user.displayName);
  await expect(page.getByTestId('business-name')).toHaveText(me.business.name);
  await expect(page.getByRole('heading', { name: `ברוך הבא, ${user.displayName}` })).toBeVisible();
  expect(await page.evaluate(() => [document.documentElement.dir, document.documentElement.lang])).toEqual([
    'rtl',
    'he',
  ]);

  // In RTL the nav is the grid's inline-start column, so it must sit to the right of the content.
  const nav = page.getByRole('navigation', { name: 'ניווט ראשי' });
  const navBox = await nav.boundingBox();
  const mainBox = await page.locator('main').boundingBox();
  expect(navBox && mainBox).toBeTruthy();
  expect(navBox!.x).toBeGreaterThan(mainBox!.x);

  // Nav items follow the effective features; tasks are always there.
  const expectedLabels = NAV_ORDER.filter(([feature]) => feature === null || me.features.includes(feature)).map(
    ([, label]) => label,
  );
  await expect(nav.getByRole('link')).toHaveText(expectedLabels);

  // The self-hosted Hebrew font actually loaded.
  const fontLoaded = await page.evaluate(async () => {
    await document.fonts.ready;
    return document.fonts.check('16px Assistant', 'שלום');
  });
  expect(fontLoaded).toBe(true);

  // A reload drops the in-memory access token; the refresh cookie restores the session.
  await page.reload();
  await expect(page.getByTestId('user-display-name')).toHaveText(user.displayName);
  await expect(page).toHaveURL(/\/$/);

  // Logging out revokes the cookie too: a reload afterwards stays on the login page.
  await page.getByRole('button', { name: /^תפריט המשתמש/ }).click();
  await page.getByRole('button', { name: 'יציאה' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { name: 'כניסה ל-AgentLocator' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'כניסה ל-AgentLocator' })).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
});
