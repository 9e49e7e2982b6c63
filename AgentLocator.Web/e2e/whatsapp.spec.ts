// WhatsApp against the real API and the fake Twilio Messages API: an inbound message live in the inbox and the
// thread, a reply whose ticks follow the fake's signed status callbacks, the template rule outside the window, axe.

import { randomBytes } from 'node:crypto';
import { request as newRequest, type APIRequestContext, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { authed, signIn } from './session';
import { twilioSignature } from './twilio';
import { axeViolations } from './axe';
import { demoWhatsAppNumber, e2eTwilioSid, e2eTwilioToken } from './environment';

/** Unique per run, so reruns against the same database never collide on names or phones. */
const RUN = Math.random().toString(36).slice(2, 8);
const randomMobile = () => `+97252${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

let api: APIRequestContext;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ baseURL }) => {
  api = await authed(baseURL!);
});

test.afterAll(async () => {
  // Other specs expect the demo business as seeded, without a sender: their WhatsApp actions are wa.me links.
  const cleared = await api.put('/api/whatsapp/settings', { data: { senderNumber: null } });
  expect(cleared.status()).toBe(200);
  await api.dispose();
});

/** Twilio's messaging webhook for a text from `from` to the business's sender, signed with the account's token. */
async function postInbound(baseURL: string, from: string, body: string, profileName: string) {
  const twilio = await newRequest.newContext({ baseURL });
  const messageSid = 'SM' + randomBytes(16).toString('hex');
  const form = {
    MessageSid: messageSid, SmsMessageSid: messageSid, SmsSid: messageSid, AccountSid: e2eTwilioSid, ApiVersion: '2010-04-01',
    From: `whatsapp:${from}`, To: `whatsapp:${demoWhatsAppNumber}`, Body: body, ProfileName: profileName, WaId: from.slice(1),
    NumMedia: '0', NumSegments: '1', MessageType: 'text', SmsStatus: 'received',
  };
  const response = await twilio.post('/webhook/whatsapp', {
    form,
    headers: { 'X-Twilio-Signature': twilioSignature(e2eTwilioToken, `${baseURL}/webhook/whatsapp`, form) },
  });
  expect(response.status(), await response.text()).toBe(200);
  await twilio.dispose();
}

async function expectNoSeriousAxeViolations(page: Page, where: string) {
  const { blocking, other } = await axeViolations(page);
  if (other.length) console.log(`axe (${where}, not blocking):\n${other.join('\n')}`);
  expect(blocking, `serious axe violations on ${where}`).toEqual([]);
}

test('the admin sets the business WhatsApp sender number on the settings page', async ({ page }) => {
  await signIn(page);
  await page.goto('/settings/calls');
  const field = page.getByLabel('מספר השולח בוואטסאפ');
  await field.fill('03-555');
  await page.getByRole('button', { name: 'שמירת מספר הוואטסאפ' }).click();
  await expect(page.getByText('הזינו את המספר בפורמט בינלאומי', { exact: false })).toBeVisible();

  await field.fill(demoWhatsAppNumber.replace('+972', '+972 ').replace(/(\d{4})$/, '-$1'));
  await page.getByRole('button', { name: 'שמירת מספר הוואטסאפ' }).click();
  await expect(page.getByText('המספר נשמר.')).toBeVisible();
  const settings = await api.get('/api/whatsapp/settings');
  expect(((await settings.json()) as { senderNumber: string }).senderNumber).toBe(demoWhatsAppNumber);
});

test('an inbound message appears live in the inbox and the thread, and a reply’s ticks follow the callbacks to read', async ({ page, baseURL }) => {
  const phone = randomMobile();
  const name = `E2E ${RUN} וואטסאפ`;
  await signIn(page);
  await page.goto('/whatsapp');
  await expect(page.getByRole('heading', { level: 1, name: 'וואטסאפ' })).toBeVisible();
  // Only once the hub has accepted WatchWhatsApp can a push reach this page.
  await expect(page.locator('.wa-inbox')).toHaveAttribute('data-live', 'active');

  await postInbound(baseURL!, phone, `שלום, מחפשת דירה ${RUN}`, name);
  const row = page.getByTestId('wa-conversation').filter({ hasText: name });
  await expect(row).toBeVisible();
  await expect(row.getByTestId('wa-unread')).toContainText('1');
  await expectNoSeriousAxeViolations(page, 'the inbox');

  await row.click();
  const thread = page.getByTestId('wa-thread');
  await expect(thread.getByTestId('wa-message').filter({ hasText: `מחפשת דירה ${RUN}` })).toHaveAttribute('data-direction', 'inbound');
  await expect(page.getByTestId('wa-window')).toContainText('החלון נסגר בעוד 23 שעות');
  // Opening the conversation marked it read.
  await expect(row.getByTestId('wa-unread')).toHaveCount(0);

  // A second message while the thread is open arrives live, in the thread itself.
  await postInbound(baseURL!, phone, `ועוד שאלה ${RUN}`, name);
  await expect(thread.getByTestId('wa-message').filter({ hasText: `ועוד שאלה ${RUN}` })).toBeVisible();

  // Every tick the reply shows, in order, recorded in the page as it changes.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { ticksSeen: string[] }).ticksSeen = seen;
    new MutationObserver(() => {
      const all = document.querySelectorAll('[data-direction="outbound"] [data-testid="wa-ticks"]');
      const ticks = all.item(all.length - 1);
      const status = ticks?.getAttribute('data-status');
      if (status && seen.at(-1) !== status) seen.push(status);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
  });
  const reply = `כן, יש לנו דירה ${RUN}`;
  const box = page.getByRole('textbox', { name: 'הודעה ללקוח' });
  await box.fill(reply);
  await box.press('Enter');
  const sent = thread.getByTestId('wa-message').filter({ hasText: reply });
  await expect(sent).toHaveAttribute('data-direction', 'outbound');
  await expect(box).toHaveValue('');
  await expect(sent.getByTestId('wa-ticks')).toHaveAttribute('data-status', 'read', { timeout: 20_000 });
  const seen = await page.evaluate(() => (window as unknown as { ticksSeen: string[] }).ticksSeen);
  const order = ['queued', 'sent', 'delivered', 'read'];
  expect(seen.map((status) => order.indexOf(status)), `ticks seen: ${seen.join(' → ')}`).toEqual(
    [...seen.map((status) => order.indexOf(status))].sort((a, b) => a - b),
  );
  expect(seen.every((status) => order.includes(status))).toBe(true);
  await expectNoSeriousAxeViolations(page, 'the thread');

  // The conversation leads the inbox with our reply as its last message, and nothing unread.
  await expect(page.getByTestId('wa-conversation').first()).toContainText(`אנחנו: ${reply}`);
});

test('outside the 24-hour window the composer requires a template', async ({ page }) => {
  const created = await api.post('/api/crm/customers', { data: { name: `E2E ${RUN} בלי חלון`, phone: randomMobile() } });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  // The server refuses free text here with the 409 the composer switches on.
  const refused = await api.post(`/api/whatsapp/customers/${id}/messages`, {
    data: { body: 'שלום' },
    headers: { 'Idempotency-Key': `e2e-${RUN}` },
  });
  expect(refused.status()).toBe(409);
  expect(((await refused.json()) as { type: string }).type).toBe('https://agentlocator.app/problems/whatsapp-needs-template');

  await signIn(page);
  await page.goto(`/customers/${id}`);
  await page.getByRole('tab', { name: 'וואטסאפ' }).click();
  await expect(page.getByTestId('wa-window')).toContainText('אפשר לפתוח בשיחה רק בתבנית');
  await expect(page.getByText('עדיין אין הודעות וואטסאפ עם הלקוח.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'הודעה ללקוח' })).toHaveCount(0);
  const templates = page.getByTestId('wa-template-picker').or(page.getByTestId('wa-templates-empty'));
  await expect(templates).toBeVisible();
  await expectNoSeriousAxeViolations(page, 'a thread outside the window');
});
