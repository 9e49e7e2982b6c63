// Issue 17's "Done when", as one walk through the deployment: RUNBOOK.md's operator command creates a business, its
// first admin and an invited agent join through nginx's TLS listener (PUBLIC_HOST) with Secure refresh cookies, the
// admin adds the business's Twilio number and presses "test", a signed call to that number lands, and the audit log
// shows every step. Runs before cluster.spec.ts (see playwright.cluster.config.ts), while both instances are up.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { request as newRequest, type Browser, type Page, type Response } from '@playwright/test';
import { expect, test } from '../e2e/fixtures';
import { twilioSignature } from '../e2e/twilio';
import { cluster } from './cluster';

const run = promisify(execFile);
const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const ADMIN = { email: `owner-${RUN}@walk.test`, name: 'בעלת העסק', password: 'Harbour-Lights-Over-Jaffa-7' };
const AGENT = { email: `agent-${RUN}@walk.test`, name: 'סוכן בשטח', password: 'Orange-Groves-In-Winter-31' };
/** A number no other business of the shared database has: 03-7xxxxxx. */
const NUMBER = `+9723${String(7_000_000 + Math.floor(Math.random() * 999_999))}`;
const CALLER = '+972541112233';

/** Everything here happens at the public HTTPS address, whose certificate is the suite's own (self-signed). */
async function publicTab(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    baseURL: cluster.publicHost, ignoreHTTPSErrors: true, locale: 'he-IL', timezoneId: 'Asia/Jerusalem',
  });
  return context.newPage();
}

/** The refresh cookie as the API set it on `response`: Secure only because nginx said the request was HTTPS. */
async function expectSecureRefreshCookie(page: Page, response: Response) {
  const setCookie = (await response.headerValue('set-cookie')) ?? '';
  expect(setCookie, 'the answer sets the refresh cookie').toMatch(/^al_refresh=/m);
  expect(setCookie.toLowerCase()).toContain('; secure');
  expect(setCookie.toLowerCase()).toContain('; httponly');
  const stored = (await page.context().cookies()).find((cookie) => cookie.name === 'al_refresh');
  expect(stored?.secure, 'the browser keeps it as Secure').toBe(true);
}

/** Opens a one-time link, sets the password and display name, and lands signed in; returns the accepting answer. */
async function join(page: Page, link: string, who: { name: string; password: string }): Promise<Response> {
  await page.goto(link);
  await page.getByLabel('שם לתצוגה').fill(who.name);
  await page.getByLabel(/^סיסמה/).fill(who.password);
  await page.getByLabel('אימות סיסמה').fill(who.password);
  const accepted = page.waitForResponse((r) => r.url().includes('/api/account-links/') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'הצטרפות' }).click();
  const answer = await accepted;
  expect(answer.status(), await answer.text()).toBe(200);
  await expect(page.getByTestId('user-display-name')).toHaveText(who.name);
  return answer;
}

test('the operator opens a business by the runbook; its admin and agent join over TLS, the number is tested, and the audit log shows it all', async ({ browser }) => {
  // A whole story in one test (two browsers, a process of the operator's, about a minute here): more than the suite's 2 min.
  test.setTimeout(300_000);
  // RUNBOOK.md step 7: the API's own executable, in Production, with the server's env file.
  const created = await run(cluster.operatorCommand, [
    'admin', 'create-business', '--name', `מרפאת הגליל ${RUN}`, '--plan', 'basic', '--time-zone', 'Asia/Jerusalem',
    '--admin-email', ADMIN.email,
  ]);
  expect(created.stdout).toContain('created on plan basic');
  const adminLink = created.stdout.match(/^(https:\S+\/invite\/[A-Za-z0-9_-]{43})$/m)?.[1];
  expect(adminLink, created.stdout).toBeDefined();
  expect(adminLink!.startsWith(`${cluster.publicHost}/invite/`), 'the link is on the public address').toBe(true);

  // The first admin opens the link through nginx over TLS and lands signed in with a Secure cookie.
  const admin = await publicTab(browser);
  await expectSecureRefreshCookie(admin, await join(admin, adminLink!, ADMIN));

  // The admin invites an agent and copies the one-time link.
  await admin.goto('/settings/users');
  await admin.getByRole('button', { name: 'הזמנת משתמש' }).click();
  const dialog = admin.getByRole('dialog', { name: 'הזמנת משתמש' });
  await dialog.getByLabel('אימייל').fill(AGENT.email);
  await dialog.getByLabel('תפקיד').selectOption('agent');
  await dialog.getByRole('button', { name: 'יצירת הזמנה' }).click();
  const agentLink = await dialog.getByTestId('one-time-link').inputValue();
  expect(agentLink.startsWith(`${cluster.publicHost}/invite/`)).toBe(true);
  await dialog.getByRole('button', { name: 'סגירה' }).click();

  // The agent joins in a browser of their own, signs out, and signs in with the password: each answer's cookie Secure,
  // the live connection a WebSocket over TLS through nginx.
  const agent = await publicTab(browser);
  await expectSecureRefreshCookie(agent, await join(agent, agentLink, AGENT));
  await agent.getByRole('button', { name: /^תפריט המשתמש/ }).click();
  await agent.getByRole('button', { name: 'יציאה' }).click();
  await expect(agent).toHaveURL(/\/login$/);
  const sockets: string[] = [];
  agent.on('websocket', (socket) => sockets.push(socket.url()));
  await agent.getByLabel('אימייל').fill(AGENT.email);
  await agent.getByLabel('סיסמה').fill(AGENT.password);
  const signedIn = agent.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/login');
  await agent.getByRole('button', { name: 'כניסה' }).click();
  const login = await signedIn;
  expect(login.status()).toBe(200);
  await expectSecureRefreshCookie(agent, login);
  await expect(agent.getByTestId('user-display-name')).toHaveText(AGENT.name);
  await expect.poll(() => sockets.length).toBeGreaterThan(0);
  expect(sockets[0]).toMatch(new RegExp(`^wss://localhost:${new URL(cluster.publicHost).port}/ws\\?`));

  // The admin adds the Twilio number, sees the URLs to paste into Twilio, and presses "test": a signed request from the
  // API to its own webhook through PUBLIC_HOST (nginx, TLS), answered as a number of this business.
  await admin.goto('/settings/calls');
  const card = admin.getByTestId('twilio-number-card');
  await card.getByLabel(/^מספר הטלפון/).fill('0' + NUMBER.slice(4));
  await card.getByRole('button', { name: 'שמירת המספר' }).click();
  await expect(card.getByText('המספר נשמר.')).toBeVisible();
  await expect(card.getByTestId('incoming-call-url')).toHaveText(`${cluster.publicHost}/webhook/incoming_call`);
  await card.getByRole('button', { name: 'בדיקת חיבור' }).click();
  await expect(card.getByTestId('twilio-test-result')).toContainText('✓ הבדיקה הצליחה', { timeout: 20_000 });

  // Twilio calls the number: signed for the public URL and sent there; the caller is greeted and recorded, and the call
  // is on the business's calls page.
  const twilio = await newRequest.newContext({ baseURL: cluster.publicHost, ignoreHTTPSErrors: true });
  const path = '/webhook/incoming_call';
  const form = {
    CallSid: `CA${RUN}${Math.random().toString(16).slice(2, 14)}`, AccountSid: 'AC' + 'walk'.repeat(8),
    From: CALLER, To: NUMBER, Direction: 'inbound', CallStatus: 'ringing',
  };
  const call = await twilio.post(path, {
    form, headers: { 'X-Twilio-Signature': twilioSignature(cluster.twilioToken, cluster.publicHost + path, form) },
  });
  expect(call.status()).toBe(200);
  expect(await call.text(), 'greeted and recorded, not "not in service"').toContain('<Record');
  await twilio.dispose();
  await admin.goto('/calls');
  await expect(admin.locator('[data-testid^="call-row-"]')).toHaveCount(1);

  // The audit log, newest first: every step above, the operator's included.
  await admin.goto('/settings/audit');
  const rows = admin.getByRole('table').getByRole('row');
  const row = (action: string) => rows.filter({ has: admin.getByRole('rowheader', { name: action, exact: true }) });
  await expect(row('פתיחת העסק')).toHaveCount(1);
  await expect(row('פתיחת העסק')).toContainText('מפעיל השירות');
  await expect(row('הזמנת משתמש')).toHaveCount(1);
  await expect(row('הזמנת משתמש')).toContainText(AGENT.email);
  await expect(row('הצטרפות בהזמנה')).toHaveCount(2);
  await expect(row('כניסה למערכת').filter({ hasText: AGENT.email })).not.toHaveCount(0);
  await expect(row('שינוי מספר הטלפון של העסק')).toHaveCount(1);
  await expect(row('שינוי מספר הטלפון של העסק')).toContainText(NUMBER);
  await expect(row('בדיקת חיבור המספר')).toHaveCount(1);
  await expect(row('בדיקת חיבור המספר')).toContainText('הצליחה: כן');

  await admin.context().close();
  await agent.context().close();
});
