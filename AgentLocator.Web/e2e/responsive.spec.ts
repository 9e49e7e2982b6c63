// Every page at phone, tablet and desktop widths against the real API: no sideways scrolling, no console error, no
// serious or critical axe violation, and no Latin-only text; plus the due modal on a phone and a phone number's
// rendered order inside a Hebrew heading. One browser page signs in once and visits every page at every width.

import { test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { expect, snoozeWhileShown } from './fixtures';
import { authed, signIn } from './session';
import { simulateCall } from './twilio';
import { axeViolations } from './axe';
import { silentWav } from './wav';

const RUN = Math.random().toString(36).slice(2, 8);
const digits = String(Math.floor(Math.random() * 1e7)).padStart(7, '0');
/** As the server names a caller it does not know: the number inside a Hebrew name. */
const PHONE_DISPLAY = `050-${digits.slice(0, 3)}-${digits.slice(3)}`;
const CUSTOMER_NAME = `מתקשר חדש ${PHONE_DISPLAY}`;
const CALLER = `+97250${digits}`;

const WIDTHS = [360, 390, 768, 1280] as const;

interface Fixture {
  customerId: string;
  callId: string;
  taskId: string;
  contractId: string;
  templateId: string;
}

/**
 * Every page of the app, as one list: the lead adds the pages other branches build here. `path` may use the
 * fixture's ids; `ready` is a locator that shows the page has its data.
 */
const PAGES: ReadonlyArray<{ name: string; path: (f: Fixture) => string; ready: (page: Page) => ReturnType<Page['locator']> }> = [
  { name: 'home', path: () => '/', ready: (p) => p.locator('.timeline__entry').first() },
  { name: 'customers', path: () => '/customers', ready: (p) => p.locator('.data-grid tbody tr').first() },
  { name: 'customer', path: (f) => `/customers/${f.customerId}`, ready: (p) => p.locator('.timeline__entry').first() },
  { name: 'new customer', path: () => '/customers/new', ready: (p) => p.getByRole('heading', { level: 1 }) },
  { name: 'import customers', path: () => '/customers/import', ready: (p) => p.getByRole('heading', { level: 1 }) },
  { name: 'calls', path: () => '/calls', ready: (p) => p.locator('.data-grid tbody tr').first() },
  { name: 'call', path: (f) => `/calls/${f.callId}`, ready: (p) => p.locator('.call-turns li').first() },
  { name: 'tasks', path: () => '/tasks', ready: (p) => p.getByRole('heading', { level: 1 }) },
  { name: 'new task', path: () => '/tasks/new', ready: (p) => p.getByRole('heading', { level: 1 }) },
  { name: 'edit task', path: (f) => `/tasks/${f.taskId}/edit`, ready: (p) => p.getByRole('heading', { level: 1 }) },
  { name: 'notifications', path: () => '/settings/notifications', ready: (p) => p.getByRole('heading', { level: 1 }) },
  { name: 'features', path: () => '/settings/features', ready: (p) => p.getByRole('heading', { level: 1 }) },
  { name: 'call settings', path: () => '/settings/calls', ready: (p) => p.getByRole('textbox', { name: 'נוסח הפתיח' }) },
  { name: 'whatsapp inbox', path: () => '/whatsapp', ready: (p) => p.getByRole('heading', { level: 1 }) },
  { name: 'invoices', path: () => '/invoices', ready: (p) => p.getByRole('heading', { level: 1 }) },
  { name: 'new invoice', path: () => '/invoices/new', ready: (p) => p.getByRole('heading', { level: 1 }) },
  { name: 'contracts', path: () => '/contracts', ready: (p) => p.locator('.contracts-table tbody tr').first() },
  { name: 'contract', path: (f) => `/contracts/${f.contractId}`, ready: (p) => p.locator('.contract-facts').first() },
  { name: 'contract templates', path: () => '/contracts/templates', ready: (p) => p.locator('.contract-templates li').first() },
  { name: 'contract template', path: (f) => `/contracts/templates/${f.templateId}`, ready: (p) => p.locator('.template-editor__preview p').first() },
  { name: 'users', path: () => '/settings/users', ready: (p) => p.getByRole('heading', { level: 1 }) },
  { name: 'audit log', path: () => '/settings/audit', ready: (p) => p.getByRole('heading', { level: 1 }) },
  { name: 'signature requests', path: () => '/signatures', ready: (p) => p.getByRole('heading', { level: 1 }) },
  { name: 'verify a signed document', path: () => '/signatures/verify', ready: (p) => p.getByRole('heading', { level: 1 }) },
  { name: 'coming soon', path: () => '/contracts', ready: (p) => p.getByRole('heading', { level: 1 }) },
  { name: 'not found', path: () => '/no-such-page', ready: (p) => p.getByRole('heading', { level: 1 }) },
];

/**
 * Latin text a Hebrew user may meet: product and provider names, file formats, and the e2e data's own
 * marker (other specs name customers "E2E …" and tag them "e2e"). E-mail addresses, URLs and phone numbers are allowed by shape (latinOnlyTexts).
 */
const LATIN_ALLOWED = ['AgentLocator', 'AL', 'OpenAI', 'Whisper', 'Twilio', 'WhatsApp', 'CSV', 'MP3', 'WAV', 'E2E', 'e2e'];

let api: APIRequestContext;
let fixture: Fixture;
let page: Page;
const browserErrors: string[] = [];

test.describe.configure({ mode: 'serial' });

async function openTasks(query: string): Promise<{ id: string; dueAt: string }[]> {
  const response = await api.get(`/api/tasks?status=open&assignee=all&limit=100${query}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { items: { id: string; dueAt: string }[] }).items;
}

/** Tasks already due (left by other specs, or the call's follow-up) would ring over every page: done through the API. */
async function completeDueTasks() {
  for (const task of await openTasks('')) {
    if (Date.parse(task.dueAt) <= Date.now() + 3_600_000) await api.post(`/api/tasks/${task.id}/done`);
  }
}

async function newSignedInPage(browser: Browser, baseURL: string): Promise<Page> {
  // An English browser abroad: the app must still speak Hebrew and show times in the business's zone.
  const context = await browser.newContext({ baseURL, locale: 'en-US', timezoneId: 'America/New_York' });
  const created = await context.newPage();
  created.on('console', (message) => {
    if (message.type() === 'error') browserErrors.push(`${created.url()}: ${message.text()}`);
  });
  created.on('pageerror', (error) => browserErrors.push(`${created.url()}: ${error.message}`));
  await signIn(created);
  // Due alerts ring over whatever page is open; only the due-modal test below wants one.
  await created.addLocatorHandler(created.getByTestId('task-due-modal'), snoozeWhileShown);
  return created;
}

test.beforeAll(async ({ browser, baseURL }) => {
  api = await authed(baseURL!);
  const created = await api.post('/api/crm/customers', { data: { name: CUSTOMER_NAME, phone: PHONE_DISPLAY } });
  expect(created.status(), await created.text()).toBe(201);
  const customerId = ((await created.json()) as { id: string }).id;

  const call = await simulateCall(api, baseURL!, {
    from: CALLER,
    messages: [{ wav: silentWav(2), transcript: `בדיקת תצוגה ${RUN}` }],
    durationSeconds: 8,
  });
  await expect.poll(async () => (await openTasks(`&customer_id=${customerId}`)).length, { timeout: 20_000 }).toBeGreaterThan(0);
  await completeDueTasks();

  const tomorrow = new Date(Date.now() + 24 * 3_600_000).toISOString();
  const task = await api.post('/api/tasks', {
    data: { customerId, title: `להתקשר בחזרה ${RUN}`, dueAt: tomorrow, remindBefore: 0, notes: 'לשאול על הפוליסה' },
  });
  expect(task.status(), await task.text()).toBe(201);
  const template = await api.post('/api/contract-templates', {
    data: {
      name: `הסכם שירות ${RUN}`,
      bodyHtml: '<h2>הסכם שירות</h2><p>בין {{business.name}} לבין {{customer.name}}, טלפון {{customer.phone}}.</p><p>השירות: {{fields.service}}</p>',
      fields: [{ key: 'service', label: 'השירות', required: true }],
    },
  });
  expect(template.status(), await template.text()).toBe(201);
  const templateId = ((await template.json()) as { id: string }).id;
  const contract = await api.post(`/api/customers/${customerId}/contracts`, { data: { templateId, fieldValues: { service: 'ביטוח דירה' } } });
  expect(contract.status(), await contract.text()).toBe(201);
  fixture = {
    customerId,
    callId: call.callId,
    taskId: ((await task.json()) as { id: string }).id,
    contractId: ((await contract.json()) as { id: string }).id,
    templateId,
  };

  page = await newSignedInPage(browser, baseURL!);
});

test.afterAll(async () => {
  await page?.context().close();
  await api?.dispose();
});

/** Visible text nodes and accessible names/placeholders that hold Latin letters and no Hebrew, outside the allow-list. */
async function latinOnlyTexts(target: Page, allowed: readonly string[]): Promise<string[]> {
  return target.evaluate((allowedWords) => {
    const hebrew = /[\u0590-\u05FF]/;
    const latin = /[A-Za-z]/;
    const allowedShapes = [
      /[\w.+-]+@[\w-]+(\.[\w-]+)+/g, // e-mail addresses
      /\bhttps?:\/\/\S+|\b[\w-]+(\.[\w-]+)+\/\S*/g, // URLs
      /\+?\d[\d\s()-]{6,}\d/g, // phone numbers
    ];
    const strip = (text: string) => {
      let rest = text;
      for (const shape of allowedShapes) rest = rest.replace(shape, ' ');
      for (const word of allowedWords) rest = rest.replace(new RegExp(`\\b${word}\\b`, 'g'), ' ');
      return rest;
    };
    const offending = (text: string) => latin.test(text) && !hebrew.test(text) && latin.test(strip(text));

    const found = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim() ?? '';
      if (!parent || !text || parent.closest('script, style, noscript, [translate="no"]')) continue;
      if (!parent.checkVisibility({ visibilityProperty: true })) continue;
      // A text node is judged with its line: "קובץ CSV" is one sentence even when "CSV" is its own node.
      const line = parent.closest('p, li, dd, dt, td, th, h1, h2, h3, label, button, a, legend, option')?.textContent ?? text;
      if (offending(line)) found.add(line.trim());
    }
    for (const element of Array.from(document.querySelectorAll<HTMLElement>('[aria-label], [placeholder], [title], img[alt]'))) {
      if (!element.checkVisibility() || element.closest('[translate="no"]')) continue;
      for (const name of ['aria-label', 'placeholder', 'title', 'alt']) {
        const value = element.getAttribute(name);
        if (value && offending(value)) found.add(`${name}="${value}"`);
      }
    }
    return [...found];
  }, allowed);
}

async function waitUntilSettled(target: Page) {
  await expect(target.locator('.spinner:visible')).toHaveCount(0, { timeout: 15_000 });
}

for (const width of WIDTHS) {
  test(`every page at ${width} px: no sideways scrolling, no console error, axe clean, Hebrew only`, async ({}, testInfo) => {
    // Twenty-odd pages, each loaded, checked by axe and photographed: a budget per page, not one minute for all.
    test.setTimeout(PAGES.length * 10_000);
    await page.setViewportSize({ width, height: 844 });
    const problems: string[] = [];
    for (const entry of PAGES) {
      const path = entry.path(fixture);
      await page.goto(path);
      await expect(entry.ready(page), `${entry.name} at ${width} px`).toBeVisible();
      await waitUntilSettled(page);

      const [scrollWidth, viewport] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      if (scrollWidth !== viewport) problems.push(`${entry.name} at ${width} px scrolls sideways: ${scrollWidth} > ${viewport}`);

      const { blocking, other } = await axeViolations(page);
      problems.push(...blocking.map((line) => `${entry.name} at ${width} px: ${line}`));
      if (other.length) testInfo.annotations.push({ type: `axe minor (${entry.name} ${width})`, description: other.join('\n') });

      problems.push(...(await latinOnlyTexts(page, LATIN_ALLOWED)).map((text) => `${entry.name} at ${width} px shows Latin-only text: ${text}`));
      await page.screenshot({ path: testInfo.outputPath(`${entry.name.replace(/ /g, '-')}-${width}.png`), fullPage: true });
    }
    expect(problems).toEqual([]);
    expect(browserErrors).toEqual([]);
  });
}

test('on a phone the navigation is a drawer from the right: the menu button opens it, Escape closes it', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'ניווט ראשי' });
  await expect(nav).toBeHidden();

  const menu = page.getByRole('button', { name: 'פתיחת התפריט' });
  await menu.click();
  await expect(nav).toBeVisible();
  await expect(page.getByRole('button', { name: 'סגירת התפריט' })).toBeFocused();
  const box = (await nav.boundingBox())!;
  expect(box.x + box.width).toBeCloseTo(390, 0);
  const { blocking } = await axeViolations(page);
  expect(blocking).toEqual([]);

  await page.keyboard.press('Escape');
  await expect(nav).toBeHidden();
  await expect(menu).toBeFocused();

  await menu.click();
  await nav.getByRole('link', { name: 'משימות' }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(nav).toBeHidden();
  expect(browserErrors).toEqual([]);
});

test('a phone number inside a Hebrew heading reads in one piece and in order', async () => {
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 844 });
    await page.goto(`/customers/${fixture.customerId}`);
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toHaveText(CUSTOMER_NAME);

    // Each character of the number, where it is drawn: one line, and left to right in the order it is written.
    const boxes = await heading.evaluate((element, phone) => {
      const run = Array.from(element.querySelectorAll('bdi')).find((node) => node.textContent === phone);
      const text = run?.firstChild;
      if (!text) return null;
      return [...phone].map((_, index) => {
        const range = document.createRange();
        range.setStart(text, index);
        range.setEnd(text, index + 1);
        const rect = range.getBoundingClientRect();
        return { top: rect.top, left: rect.left, right: rect.right };
      });
    }, PHONE_DISPLAY);
    expect(boxes, 'the number is one isolated run in the heading').not.toBeNull();
    const tops = new Set(boxes!.map((box) => Math.round(box.top)));
    expect(tops.size, `the number is on one line at ${width} px`).toBe(1);
    for (let i = 1; i < boxes!.length; i++) {
      expect(boxes![i].left, `character ${i} follows character ${i - 1} to its right at ${width} px`).toBeGreaterThanOrEqual(boxes![i - 1].right - 1);
    }
    // And the Hebrew words come first: to the right of the number on its line, or on a line above it.
    const firstWord = await heading.evaluate((element) => {
      const range = document.createRange();
      range.setStart(element.firstChild!, 0);
      range.setEnd(element.firstChild!, 1);
      const rect = range.getBoundingClientRect();
      return { top: rect.top, left: rect.left };
    });
    const numberTop = boxes![0].top;
    if (Math.round(firstWord.top) === Math.round(numberTop)) expect(firstWord.left).toBeGreaterThan(boxes![boxes!.length - 1].right);
    else expect(firstWord.top, `the Hebrew words are on the line above the number at ${width} px`).toBeLessThan(numberTop);
  }
});

test('the due modal fits a phone: its actions are visible without scrolling at 390×844', async ({ baseURL }) => {
  await page.removeLocatorHandler(page.getByTestId('task-due-modal'));
  await page.setViewportSize({ width: 390, height: 844 });
  const dueNow = new Date(Date.now() - 60_000).toISOString();
  const created = await api.post('/api/tasks', {
    data: {
      customerId: fixture.customerId,
      title: `לחזור למתקשר ${RUN} לגבי הצעת המחיר ששלחנו בשבוע שעבר`,
      dueAt: dueNow,
      remindBefore: 0,
      // Notes longer than the phone's screen: the actions must stay reachable all the same.
      notes: Array.from({ length: 30 }, (_, i) => `${i + 1}. לבדוק את הכיסוי לרכב השני ואת ההנחה לנהג צעיר.`).join('\n'),
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  await page.goto(`${baseURL}/tasks`);
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible({ timeout: 20_000 });
  await expect(dialog).toContainText(`לחזור למתקשר ${RUN}`);
  // The customer is named once: the number the server put in the name is not repeated beside it.
  await expect(dialog.getByText(CUSTOMER_NAME, { exact: true })).toBeVisible();
  expect((await dialog.textContent())!.split(PHONE_DISPLAY).length - 1).toBe(1);

  await expect(dialog.getByRole('link', { name: 'התקשר' })).toBeInViewport({ ratio: 1 });
  // WhatsApp is a wa.me link, or a button that opens the in-app thread when the business has a WhatsApp sender.
  const whatsApp = dialog.getByRole('link', { name: 'וואטסאפ' }).or(dialog.getByRole('button', { name: 'וואטסאפ' }));
  await expect(whatsApp).toBeInViewport({ ratio: 1 });
  for (const name of [/נודניק/, 'בוצע']) await expect(dialog.getByRole('button', { name })).toBeInViewport({ ratio: 1 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
  const { blocking } = await axeViolations(page);
  expect(blocking).toEqual([]);

  await page.screenshot({ path: test.info().outputPath('due-modal-390.png') });
  await dialog.getByRole('button', { name: 'בוצע' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => ((await (await api.get(`/api/tasks/${id}`)).json()) as { status: string }).status).toBe('done');
  expect(browserErrors).toEqual([]);
});

test('menus that open over a page stay on a 360 px screen: the user menu and the customers’ columns menu', async () => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/customers');
  await expect(page.locator('.data-grid tbody tr').first()).toBeVisible();

  await page.getByRole('button', { name: /^תפריט המשתמש/ }).click();
  await expect(page.getByRole('button', { name: 'יציאה' })).toBeInViewport({ ratio: 1 });
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'עמודות' }).click();
  // It may run below the fold (the page scrolls down to it), never off either side.
  const panel = (await page.locator('.columns-menu__panel').boundingBox())!;
  expect(panel.x).toBeGreaterThanOrEqual(0);
  expect(panel.x + panel.width).toBeLessThanOrEqual(360);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
  expect(browserErrors).toEqual([]);
});
