import { test as base, expect } from '@playwright/test';

/**
 * Chromium logs every non-2xx fetch as a console error ("Failed to load resource: ... 401"), even when
 * the app handles it. Two 401s are part of the auth contract and handled by the app, so they are the
 * only messages ignored: POST /api/auth/refresh when there is no session cookie (the start-up session
 * restore), and POST /api/auth/login for wrong credentials (shown to the user as a Hebrew error).
 * Every other console error or uncaught page error fails the test.
 */
const EXPECTED_401_PATHS = new Set(['/api/auth/refresh', '/api/auth/login']);

function isExpectedAuth401(text: string, url: string | undefined): boolean {
  if (!text.includes('status of 401') || !url) return false;
  return EXPECTED_401_PATHS.has(new URL(url).pathname);
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
