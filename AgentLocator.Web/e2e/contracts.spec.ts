// Contracts against the real API: an agent makes a contract from a template for a customer and opens its PDF.

import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures';
import { authed, signIn } from './session';

const RUN = Math.random().toString(36).slice(2, 8);
const AGENT = { email: 'agent@demo.local', password: 'Passw0rd!' };

let admin: APIRequestContext;
let customerId: string;
const templateName = `הסכם ניקיון ${RUN}`;

test.beforeAll(async ({ baseURL }) => {
  admin = await authed(baseURL!);
  // The admin writes the template; the agent only uses it.
  const template = await admin.post('/api/contract-templates', {
    data: {
      name: templateName,
      bodyHtml: '<h2>הסכם ניקיון</h2><p>בין {{business.name}} לבין {{customer.name}}: ניקיון {{fields.rooms}} חדרים בכל שבוע.</p>',
      fields: [{ key: 'rooms', label: 'מספר חדרים', required: true }],
    },
  });
  expect(template.status(), await template.text()).toBe(201);
  const created = await admin.post('/api/crm/customers', { data: { name: `E2E ${RUN} חוזה` } });
  expect(created.status(), await created.text()).toBe(201);
  customerId = ((await created.json()) as { id: string }).id;
});

test.afterAll(async () => {
  await admin.dispose();
});

test('an agent makes a contract from a template for a customer and opens its PDF', async ({ page, context }) => {
  await signIn(page, AGENT);
  await page.goto(`/customers/${customerId}`);
  await page.getByRole('tab', { name: 'מסמכים' }).click();
  await page.getByRole('button', { name: 'חוזה חדש' }).click();
  await page.getByLabel('תבנית').selectOption({ label: templateName });
  await page.getByLabel('מספר חדרים').fill('4');

  const previewTab = context.waitForEvent('page');
  await page.getByRole('button', { name: 'תצוגה מקדימה (PDF)' }).click();
  expect((await previewTab).url()).toMatch(/^blob:/);
  await (await previewTab).close();

  await page.getByRole('button', { name: 'שמירת טיוטה' }).click();
  await expect(page.getByRole('heading', { level: 1, name: templateName })).toBeVisible();
  await expect(page.locator('.contract-facts')).toContainText('טיוטה');
  await expect(page.locator('.contract-facts')).toContainText('4');

  // The PDF opens in a new tab, fetched with the agent's session; the same bytes are a PDF when fetched again.
  const pdfResponse = page.waitForResponse((response) => /\/api\/contracts\/[^/]+\/pdf$/.test(response.url()));
  const pdfTab = context.waitForEvent('page');
  await page.getByRole('button', { name: 'פתיחת PDF' }).click();
  const response = await pdfResponse;
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  expect((await pdfTab).url()).toMatch(/^blob:/);
  const contractId = new URL(page.url()).pathname.split('/').pop();
  const pdf = await admin.get(`/api/contracts/${contractId}/pdf`);
  expect(pdf.status()).toBe(200);
  expect((await pdf.body()).subarray(0, 4).toString('latin1')).toBe('%PDF');

  // It is on the customer's timeline, with a link back to it.
  await page.goto(`/customers/${customerId}`);
  await expect(page.getByRole('link', { name: new RegExp(`חוזה נוצר: ${templateName}`) })).toBeVisible();
});
