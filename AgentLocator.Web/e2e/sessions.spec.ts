// Sessions that survive reloads and tabs: a reload can cancel a refresh the server has already rotated, and tabs
// share one cookie jar. Neither may end at the login page on the next refresh, once the reuse grace is over.

import { request as newRequest, type BrowserContext, type Page } from '@playwright/test';
import { refreshReuseGraceSeconds } from './environment';
import { expect, test } from './fixtures';
import { signIn } from './session';

const REFRESH_PATH = '/api/auth/refresh';
const isRefresh = (url: string) => new URL(url).pathname === REFRESH_PATH;

/** Records the status of every refresh answer a tab receives. */
function watchRefreshes(page: Page, statuses: number[]) {
  page.on('response', (response) => {
    if (isRefresh(response.url())) statuses.push(response.status());
  });
}

/**
 * Presents the browser's refresh cookie from outside the browser, so the server rotates the token and the
 * browser never sees the answer: what a reload does to a refresh already on its way.
 */
async function refreshWhoseAnswerIsLost(context: BrowserContext, baseURL: string) {
  const cookie = (await context.cookies(new URL(REFRESH_PATH, baseURL).href)).find((c) => c.name === 'al_refresh');
  expect(cookie, 'the browser holds a refresh cookie').toBeTruthy();
  const outside = await newRequest.newContext({ baseURL });
  const answer = await outside.post(REFRESH_PATH, { headers: { Cookie: `al_refresh=${cookie!.value}` } });
  expect(answer.status()).toBe(200);
  await outside.dispose();
}

async function expectSignedIn(page: Page) {
  await expect(page.getByTestId('user-display-name')).toBeVisible();
  await expect(page).not.toHaveURL(/\/login$/);
}

test('a burst of reloads and a second tab opened during one stay signed in through refreshes past the grace', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(120_000);
  // The page's own clock, so the refresh scheduled before the access token expires can be reached without waiting.
  await context.clock.install();
  const refreshStatuses: number[] = [];
  watchRefreshes(page, refreshStatuses);
  await signIn(page);

  // Eight quick reloads, each as soon as the restoring refresh has left the page; some answers are cut off.
  for (let reload = 0; reload < 8; reload++) {
    if (reload === 3) await refreshWhoseAnswerIsLost(context, baseURL!);
    const refreshSent = page.waitForRequest((request) => isRefresh(request.url()));
    await page.reload({ waitUntil: 'commit' });
    await refreshSent;
  }

  // A second tab opened while the first is reloading, right after one more answer was lost.
  await refreshWhoseAnswerIsLost(context, baseURL!);
  const reloading = page.reload();
  const secondTab = await context.newPage();
  watchRefreshes(secondTab, refreshStatuses);
  await secondTab.goto('/');
  await reloading;
  await expectSignedIn(page);
  await expectSignedIn(secondTab);

  // Past the grace, a repeat of any token but the current one would end the session.
  await new Promise((resolve) => setTimeout(resolve, (refreshReuseGraceSeconds + 1) * 1000));

  // The refresh each tab schedules before its access token expires (15 minutes by default).
  const scheduledRefresh = page.waitForResponse((response) => isRefresh(response.url()));
  await context.clock.fastForward('15:00');
  expect((await scheduledRefresh).status()).toBe(200);
  await expectSignedIn(page);
  await expectSignedIn(secondTab);

  // And the cookie the browser holds now still restores both tabs.
  await page.reload();
  await expectSignedIn(page);
  await secondTab.reload();
  await expectSignedIn(secondTab);

  expect(refreshStatuses.length).toBeGreaterThan(0);
  expect(refreshStatuses.filter((status) => status !== 200), 'every refresh answer the tabs received').toEqual([]);
  await secondTab.close();
});
