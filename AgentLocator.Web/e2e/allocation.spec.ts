// Allocation numbers end to end: an admin connects the business to the (fake) Tax Authority from the invoice settings,
// a tax invoice above the threshold to a registered customer is issued with the Authority's number, and the month's
// summary counts it.

import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures';
import { ADMIN, authed, signIn } from './session';

const RUN = Math.random().toString(36).slice(2, 8);

let admin: APIRequestContext;

test.beforeAll(async ({ baseURL }) => {
  admin = await authed(baseURL!);
  const settings = await admin.put('/api/invoices/settings', {
    data: { legalName: 'דמו שירותים בע"מ', dealerType: 'company', taxId: '516179157', address: 'הרצל 1, תל אביב' },
  });
  expect(settings.status(), await settings.text()).toBe(200);
});

test.afterAll(async () => {
  await admin.delete('/api/invoices/settings/tax-authority');
  await admin.dispose();
});

test('an admin connects the Tax Authority and a large tax invoice is issued with its allocation number', async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto('/invoices/settings');
  await page.getByRole('button', { name: 'התחברות לרשות המסים' }).click();
  // The fake Authority consents at once and sends the browser back through the callback to the settings page.
  await expect(page).toHaveURL(/\/invoices\/settings\?taxAuthority=connected/);
  await expect(page.getByText('החשבון חובר לרשות המסים')).toBeVisible();
  await expect(page.getByRole('button', { name: 'ניתוק' })).toBeVisible();

  const customer = await admin.post('/api/crm/customers', { data: { name: `E2E ${RUN} הקצאה` } });
  expect(customer.status(), await customer.text()).toBe(201);
  const customerId = (await customer.json()).id as string;
  const today = new Date().toISOString().slice(0, 10);
  const draft = await admin.post('/api/invoices/documents', {
    data: {
      type: 'tax_invoice', customerId, documentDate: today, customerTaxId: '123456782',
      lines: [{ description: 'פרויקט', quantity: 1, unitPriceAgorot: 2_000_000 }],
    },
  });
  expect(draft.status(), await draft.text()).toBe(201);
  const id = (await draft.json()).id as string;

  await page.goto(`/invoices/${id}`);
  await page.getByRole('button', { name: 'הפקת המסמך' }).click();
  await page.getByRole('button', { name: 'אישור והפקה' }).click();
  await expect(page.getByRole('heading', { name: /חשבונית מס/ })).not.toContainText('טיוטה');
  await expect(page.getByText(/מספר הקצאה \d{9}/)).toBeVisible();

  await page.goto('/invoices/summary');
  await expect(page.getByRole('link', { name: `E2E ${RUN} הקצאה` })).toBeVisible();
});
