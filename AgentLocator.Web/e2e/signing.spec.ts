// The "Done when" in a browser, against the real API and the fake Twilio: an agent makes a contract from a
// template and sends it by SMS with a one-time code; the customer signs on a phone-sized page with the link and code
// read from the fake's Messages API; the agent's open request page turns "signed" live; the signed PDF downloads and
// pdfsig verifies it; the customer's timeline and the request's trail tell the story. Then the decline path.

import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { request as newRequest, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { axeViolations } from './axe';
import { fakesURL } from './environment';
import { expect, test } from './fixtures';
import { authed, signIn } from './session';

const RUN = Math.random().toString(36).slice(2, 8);
const AGENT = { email: 'agent@demo.local', password: 'Passw0rd!' };
const PHONE_SIZE = { width: 390, height: 844 };
const run = promisify(execFile);

let admin: APIRequestContext;
let fakes: APIRequestContext;
const templateName = `הסכם שירות ${RUN}`;
let templateId: string;

interface FakeMessage {
  to: string | null;
  body: string | null;
  status: number;
}

/** The newest message the fake Twilio took for `to` whose body matches, once it has arrived. */
async function messageTo(to: string, pattern: RegExp): Promise<RegExpExecArray> {
  let found: RegExpExecArray | null = null;
  await expect
    .poll(async () => {
      const { messages } = (await (await fakes.get('/_fake/requests')).json()) as { messages: FakeMessage[] };
      const bodies = messages.filter((m) => m.to === to && m.status === 201 && m.body).map((m) => m.body!);
      found = bodies.reverse().map((body) => pattern.exec(body)).find((match) => match !== null) ?? null;
      return found !== null;
    }, { message: `a message to ${to} matching ${pattern}` })
    .toBe(true);
  return found!;
}

/** A 390 px phone page of its own (no session), failing the test on any browser error as the main page does. */
async function phonePage(browser: Browser, errors: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE_SIZE, locale: 'he-IL', timezoneId: 'Asia/Jerusalem' });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`signer console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`signer pageerror: ${error.message}`));
  return page;
}

async function newCustomer(name: string, phone: string): Promise<string> {
  const created = await admin.post('/api/crm/customers', { data: { name, phone } });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

/** A fresh Israeli mobile number per customer, so the fake's messages to it are this test's only. */
function mobile(): string {
  return `+97254${String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0')}`;
}

test.beforeAll(async ({ baseURL }) => {
  admin = await authed(baseURL!);
  fakes = await newRequest.newContext({ baseURL: fakesURL });
  const template = await admin.post('/api/contract-templates', {
    data: {
      name: templateName,
      bodyHtml: '<h2>הסכם שירות</h2><p>בין {{business.name}} לבין {{customer.name}}: ניקיון {{fields.rooms}} חדרים בכל שבוע, מיום {{today}}.</p>',
      fields: [{ key: 'rooms', label: 'מספר חדרים', required: true }],
    },
  });
  expect(template.status(), await template.text()).toBe(201);
  templateId = ((await template.json()) as { id: string }).id;
});

test.afterAll(async () => {
  await admin.dispose();
  await fakes.dispose();
});

test('an agent sends a contract by SMS, the customer signs it on a phone, and the signed PDF verifies', async ({ page, browser, browserErrors }, testInfo) => {
  const customerName = `דנה ${RUN}`;
  const phone = mobile();
  const customerId = await newCustomer(customerName, phone);

  // The agent, at desktop size: a contract from the template, then sent for signature by SMS with a one-time code.
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, AGENT);
  await page.goto(`/customers/${customerId}`);
  await page.getByRole('tab', { name: 'מסמכים' }).click();
  await page.getByRole('button', { name: 'חוזה חדש' }).click();
  await page.getByLabel('תבנית').selectOption({ label: templateName });
  await page.getByLabel('מספר חדרים').fill('3');
  await page.getByRole('button', { name: 'שמירת טיוטה' }).click();
  await expect(page.getByRole('heading', { level: 1, name: templateName })).toBeVisible();

  await page.getByRole('button', { name: 'שליחה לחתימה' }).click();
  const form = page.getByRole('form', { name: 'שליחה לחתימה' });
  await expect(form.getByLabel('שם החותם')).toHaveValue(customerName);
  await form.getByLabel('טלפון החותם').fill(phone);
  await form.getByLabel('אימות בקוד SMS לפני חתימה').check();
  await form.getByLabel('משלוח').selectOption('sms');
  await form.getByRole('button', { name: 'שליחה' }).click();
  await expect(page).toHaveURL(/\/signatures\/[0-9a-f-]{36}$/);
  const requestId = new URL(page.url()).pathname.split('/').pop()!;
  await expect(page.getByTestId('request-status')).toHaveText('נשלח');

  // The customer's phone: the link from the SMS, then the code from a second SMS.
  const link = await messageTo(phone, /(https?:\/\/\S+\/sign\/([A-Za-z0-9_-]{20,64}))/);
  const signerErrors: string[] = [];
  const signer = await phonePage(browser, signerErrors);
  await signer.goto(new URL(link[1]).pathname);
  await expect(signer.getByRole('heading', { level: 1, name: templateName })).toBeVisible();
  await expect(signer.getByRole('img', { name: 'עמוד 1 מתוך 1' })).toBeVisible();
  // The page fits the phone: nothing scrolls sideways.
  expect(await signer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_SIZE.width);

  await signer.getByRole('button', { name: 'שליחת קוד ב-SMS' }).click();
  const code = await messageTo(phone, /קוד האימות[^\n]*: (\d{6})$/);
  await signer.getByLabel('הקוד שקיבלת ב-SMS').fill(code[1]);
  await signer.getByRole('button', { name: 'אימות' }).click();

  // A signature drawn with the mouse on the pad.
  const pad = signer.getByTestId('signature-canvas');
  await expect(pad).toBeVisible();
  // The page images come first: on a phone the pad is below the fold, and the mouse only draws inside the viewport.
  // Measured once the images have loaded: one that arrives later pushes the pad down, and the stroke misses it.
  await signer.waitForFunction(() => Array.from(document.images).every((image) => image.complete));
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await signer.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.6);
  await signer.mouse.down();
  for (let step = 1; step <= 12; step++) {
    await signer.mouse.move(box.x + box.width * (0.2 + step * 0.05), box.y + box.height * (0.6 - Math.sin(step / 2) * 0.3), { steps: 2 });
  }
  await signer.mouse.up();
  const signButton = signer.getByRole('button', { name: 'חתימה על המסמך' });
  await expect(signButton).toBeDisabled();
  await signer.getByRole('checkbox', { name: /אני מאשר\/ת שקראתי את המסמך/ }).check();

  const { blocking, other } = await axeViolations(signer);
  if (other.length) testInfo.annotations.push({ type: 'axe (minor/moderate)', description: other.join('\n') });
  expect(blocking, 'the signing page at 390 px').toEqual([]);

  await signButton.click();
  await expect(signer.getByRole('heading', { name: 'חתמת על המסמך. תודה!' })).toBeVisible();
  await expect(signer.getByRole('link', { name: 'הורדת העותק החתום' })).toBeVisible();
  await signer.screenshot({ path: testInfo.outputPath('signed-390.png'), fullPage: true });

  // The agent's open page turns "signed" with no reload.
  await expect(page.getByTestId('request-status')).toHaveText('נחתם', { timeout: 20_000 });
  await expect(page.getByTestId('signer-1')).toContainText('נחתם');

  // The signed PDF downloads, is a PDF, and pdfsig verifies its signature.
  const downloadStarted = page.waitForEvent('download');
  await page.getByRole('button', { name: 'הורדת המסמך החתום' }).click();
  const download = await downloadStarted;
  const saved = testInfo.outputPath('signed.pdf');
  await download.saveAs(saved);
  const bytes = await readFile(saved);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const { stdout } = await run('pdfsig', [saved]).catch((failure: { stdout?: string; stderr?: string }) => ({
    stdout: `${failure.stdout ?? ''}${failure.stderr ?? ''}`,
  }));
  expect(stdout).toContain('Signature is Valid');
  // The customer signed the agreement itself: its text is there, and no draft mark.
  const { stdout: text } = await run('pdftotext', [saved, '-']);
  expect(text).toContain('חדרים בכל שבוע');
  expect(text).not.toContain('טיוטה');

  // The request's trail, as the agent sees it after the download.
  await page.reload();
  const trail = page.locator('.signature-trail');
  for (const step of ['נוצרה', 'נשלחה', 'נפתחה', 'נשלח קוד אימות', 'קוד אימות אומת', 'נחתמה', 'הורד עותק חתום']) {
    await expect(trail.getByText(step, { exact: true }).first(), step).toBeVisible();
  }
  await expect(trail).toContainText('SMS');

  // The customer's timeline: the contract made, and the signature steps.
  await page.goto(`/customers/${customerId}`);
  await expect(page.getByRole('link', { name: new RegExp(`חוזה נוצר: ${templateName}`) })).toBeVisible();
  await expect(page.getByText(`${customerName} חתם/ה על "${templateName}"`).first()).toBeVisible();
  await expect(page.getByText(`"${templateName}" נחתם על ידי כל החותמים`).first()).toBeVisible();
  await expect(page.getByText(`בקשת החתימה "${templateName}" נשלחה ל${customerName}`).first()).toBeVisible();

  // The contract follows its request.
  const request = (await (await admin.get(`/api/signatures/requests/${requestId}`)).json()) as { contractId: string; status: string };
  expect(request.status).toBe('signed');
  const contract = (await (await admin.get(`/api/contracts/${request.contractId}`)).json()) as { status: string };
  expect(contract.status).toBe('signed');

  await signer.context().close();
  browserErrors.push(...signerErrors);
});

test('a signer declines on a phone, and must give a reason', async ({ page, browser, browserErrors }) => {
  const customerName = `יוסי ${RUN}`;
  const phone = mobile();
  const customerId = await newCustomer(customerName, phone);
  const contract = await admin.post(`/api/customers/${customerId}/contracts`, {
    data: { templateId, fieldValues: { rooms: '2' } },
  });
  expect(contract.status(), await contract.text()).toBe(201);
  const contractId = ((await contract.json()) as { id: string }).id;
  const sent = await admin.post(`/api/signatures/contracts/${contractId}`, {
    data: { signers: [{ name: customerName, phone, role: 'customer' }], delivery: 'sms' },
  });
  expect(sent.status(), await sent.text()).toBe(201);
  const requestId = ((await sent.json()) as { id: string }).id;

  await signIn(page, AGENT);
  await page.goto(`/signatures/${requestId}`);
  await expect(page.getByTestId('request-status')).toHaveText('נשלח');

  const link = await messageTo(phone, /https?:\/\/\S+(\/sign\/[A-Za-z0-9_-]{20,64})/);
  const signerErrors: string[] = [];
  const signer = await phonePage(browser, signerErrors);
  await signer.goto(link[1]);
  await signer.getByRole('button', { name: 'סירוב לחתום' }).click();
  const submit = signer.getByRole('button', { name: 'שליחת הסירוב' });
  await expect(submit).toBeDisabled();
  await signer.getByLabel('סיבת הסירוב').fill('המחיר אינו כפי שסוכם');
  await submit.click();
  await expect(signer.getByRole('heading', { name: 'סירבת לחתום על המסמך.' })).toBeVisible();

  await expect(page.getByTestId('request-status')).toHaveText('סורב', { timeout: 20_000 });
  await expect(page.getByTestId('signer-1')).toContainText('סיבה: המחיר אינו כפי שסוכם');

  await signer.context().close();
  browserErrors.push(...signerErrors);
});
