import { test as base, expect, type Locator } from '@playwright/test';

/**
 * Chromium logs every non-2xx fetch as a console error ("Failed to load resource: ... 401"), even when
 * the app handles it. The one such answer every run meets is a 401 from POST /api/auth/login for wrong
 * credentials (shown as a Hebrew error), so it is the only message ignored. Every other console error or
 * uncaught page error fails the test.
 */
function isExpectedAuth401(text: string, url: string | undefined): boolean {
  if (!url || !text.includes('status of 401')) return false;
  return new URL(url).pathname === '/api/auth/login';
}

/**
 * The WhatsApp template picker asks GET /api/whatsapp/templates, which a server without the template listing answers
 * 404 (the picker then shows "אין תבניות מאושרות"); that answer is expected too.
 */
function isExpectedTemplates404(text: string, url: string | undefined): boolean {
  return Boolean(url && text.includes('status of 404') && new URL(url).pathname === '/api/whatsapp/templates');
}

/**
 * The specs share one database, so a task another spec (or an earlier run) left due can ring in the middle of a test
 * that never asked for it, and its modal makes the page inert. Such a stray alert is snoozed whenever it blocks an
 * action; specs about alerts set `strayAlerts: 'keep'`.
 */
export async function snoozeWhileShown(modal: Locator) {
  while (await modal.isVisible()) {
    await modal
      .getByRole('button', { name: /נודניק/ })
      .first()
      .click({ timeout: 5_000 })
      .catch(async (error: unknown) => {
        if (await modal.isVisible()) throw error;
      });
  }
}

export const test = base.extend<{ browserErrors: string[]; strayAlerts: 'snooze' | 'keep'; strayAlertGuard: void }>({
  strayAlerts: ['snooze', { option: true }],
  strayAlertGuard: [
    async ({ page, strayAlerts }, use) => {
      if (strayAlerts === 'snooze') {
        await page.addLocatorHandler(page.getByTestId('task-due-modal'), snoozeWhileShown);
      }
      await use();
    },
    { auto: true },
  ],
  browserErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        if (isExpectedAuth401(message.text(), message.location().url)) return;
        if (isExpectedTemplates404(message.text(), message.location().url)) return;
        errors.push(`console: ${message.text()} (${message.location().url ?? 'no location'})`);
      });
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));

      await use(errors);

      expect(errors, 'the browser reported errors during the test').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
