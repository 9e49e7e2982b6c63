import { expect, test } from './fixtures';
import { axeViolations } from './axe';
import { authed, signIn } from './session';

test('an admin changes a feature and finds it, with the sign-in, in the audit log; the filter narrows it', async ({ page, baseURL }) => {
  const api = await authed(baseURL!);
  const before = (await (await api.get('/api/admin/features')).json()) as { enabled: string[] };
  try {
    await signIn(page);
    await page.getByRole('button', { name: /^תפריט המשתמש/ }).click();
    await page.getByRole('link', { name: 'הגדרות', exact: true }).click();
    const signatures = page.getByRole('checkbox', { name: 'חתימות' });
    await expect(signatures).toBeChecked();
    await signatures.uncheck();
    await page.getByRole('button', { name: 'שמירת תכונות' }).click();
    await expect(page.getByText('התכונות נשמרו.')).toBeVisible();

    await page.getByRole('button', { name: /^תפריט המשתמש/ }).click();
    await page.getByRole('link', { name: 'יומן פעולות' }).click();
    await expect(page.getByRole('heading', { name: 'יומן פעולות' })).toBeVisible();
    const rows = page.getByRole('table').getByRole('row');
    // Newest first: the change, then this browser's sign-in.
    await expect(rows.nth(1).getByRole('rowheader')).toHaveText('שינוי תכונות העסק');
    await expect(rows.nth(1)).toContainText('הוסרו: חתימות');
    await expect(rows.nth(2).getByRole('rowheader')).toHaveText('כניסה למערכת');
    await expect(rows.nth(2)).toContainText('admin@demo.local');

    await page.getByLabel('פעולה').selectOption({ label: 'שינוי תכונות העסק' });
    await page.getByRole('button', { name: 'סינון' }).click();
    await expect(page.getByRole('table').getByRole('rowheader', { name: 'כניסה למערכת' })).toHaveCount(0);
    const actions = await page.getByRole('table').getByRole('rowheader').allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions)).toEqual(new Set(['שינוי תכונות העסק']));
  } finally {
    await api.put('/api/admin/features', { data: { features: before.enabled } });
    await api.dispose();
  }
});

test('the audit page has no serious or critical axe violations and fits a phone', async ({ page }, testInfo) => {
  await signIn(page);
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 844 });
    await page.goto('/settings/audit');
    await expect(page.getByRole('table').getByRole('rowheader').first()).toBeVisible();
    const { blocking, other } = await axeViolations(page);
    if (other.length) testInfo.annotations.push({ type: 'axe (minor/moderate)', description: other.join('\n') });
    expect(blocking, `at ${width} px`).toEqual([]);
    // The table scrolls inside its card; the page itself never scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `at ${width} px`).toBeLessThanOrEqual(width);
    await page.screenshot({ path: testInfo.outputPath(`audit-${width}.png`), fullPage: true });
  }
});

