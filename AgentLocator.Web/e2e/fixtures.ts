import { test as base, expect } from '@playwright/test';

/**
 * Chromium logs every non-2xx fetch as a console error ("Failed to load resource: ... 401"), even when
 * the app handles it. These are part of the API contract and handled by the app, so they are the only
 * messages ignored: a 401 from POST /api/auth/refresh when there is no session cookie (the start-up
 * session restore) or from POST /api/auth/login for wrong credentials (shown as a Hebrew error), and a
 * 404 from GET /api/me/preferences/{key} for a preference never saved (the defaults apply).
 * Every other console error or uncaught page error fails the test.
 */
const EXPECTED_401_PATHS = new Set(['/api/auth/refresh', '/api/auth/login']);

function isExpectedAuth401(text: string, url: string | undefined): boolean {
  if (!url) return false;
  const path = new URL(url).pathname;
  if (text.includes('status of 404')) return path.startsWith('/api/me/preferences/');
  if (!text.includes('status of 401')) return false;
  return EXPECTED_401_PATHS.has(path);
}

export const test = base.extend<{ browserErrors: string[] }>({
  browserErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        if (isExpectedAuth401(message.text(), message.location().url)) return;
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
