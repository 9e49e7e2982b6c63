import { expect, test } from './fixtures';
import { axeViolations } from './axe';
import { chromiumArgs, chromiumPath } from './environment';
import { signIn } from './session';

// A Chromium whose own language is English: the native date, time and file controls would show "mm/dd/yyyy",
// "AM", "Choose file" and an English calendar here. Ours must read Hebrew all the same.
test.use({
  locale: 'en-US',
  launchOptions: { executablePath: chromiumPath, args: [...chromiumArgs, '--lang=en-US'] },
});

const LATIN = /[A-Za-z]/;

test('date fields and their calendar read Hebrew in an English browser', async ({ page }) => {
  await signIn(page);
  expect(await page.evaluate(() => navigator.language)).toBe('en-US');
  await page.goto('/tasks/new');

  const due = page.getByRole('button', { name: 'מועד' });
  await expect(due).toHaveAccessibleDescription(/^יום [א-ת]׳, \d{1,2}\.\d{1,2}\.\d{4}, \d{2}:\d{2} לפי /);
  await due.click();

  const calendar = page.getByRole('dialog', { name: 'לוח שנה' });
  await expect(calendar).toBeVisible();
  await expect(calendar.getByRole('columnheader')).toHaveText(['א׳', 'ב׳', 'ג׳', 'ד׳', 'ה׳', 'ו׳', 'ש׳']);
  const text = await calendar.innerText();
  expect(text).not.toMatch(LATIN);
  expect(text).toMatch(/ינואר|פברואר|מרץ|אפריל|מאי|יוני|יולי|אוגוסט|ספטמבר|אוקטובר|נובמבר|דצמבר/);
  // The week runs right to left: Sunday's column is the rightmost.
  const headers = calendar.getByRole('columnheader');
  const sunday = (await headers.first().boundingBox())!;
  const saturday = (await headers.last().boundingBox())!;
  expect(sunday.x).toBeGreaterThan(saturday.x);
  expect((await axeViolations(page)).blocking).toEqual([]);

  // Keyboard: the next day is to the left; Enter picks it, the time lists set the hour.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await calendar.getByRole('combobox', { name: 'שעה' }).selectOption('14');
  await calendar.getByRole('combobox', { name: 'דקות' }).selectOption('45');
  await calendar.getByRole('button', { name: 'סיום' }).click();
  await expect(calendar).toBeHidden();
  await expect(due).toHaveAccessibleDescription(/, 14:45 לפי /);
  await expect(due).toBeFocused();
});

test('the file picker and the working-hours fields read Hebrew in an English browser', async ({ page }) => {
  await signIn(page);
  await page.goto('/settings/calls');
  const files = page.locator('.file-input').first();
  await expect(files).toContainText('בחירת קובץ');
  await expect(files).toContainText('לא נבחר קובץ');
  expect(await files.innerText()).not.toMatch(LATIN);
  // The native input, which would say "Choose file" / "No file chosen", is there for focus and screen readers only.
  const native = (await files.locator('input[type="file"]').boundingBox())!;
  expect(native.width * native.height).toBeLessThanOrEqual(1);

  await page.getByLabel('שעות פעילות').check();
  await expect(page.getByLabel('משעה')).toHaveJSProperty('tagName', 'SELECT');
  expect(await page.getByLabel('משעה').locator('option').allInnerTexts()).toContain('17:30');
  expect((await axeViolations(page)).blocking).toEqual([]);
});
