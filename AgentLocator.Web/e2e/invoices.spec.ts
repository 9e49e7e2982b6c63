// Tax documents against the real API: an agent issues a tax invoice-receipt for a customer and downloads its PDF.

import { readFile } from 'node:fs/promises';
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures';
import { authed, signIn } from './session';

const RUN = Math.random().toString(36).slice(2, 8);
const AGENT = { email: 'agent@demo.local', password: 'Passw0rd!' };

let admin: APIRequestContext;
let customerName: string;

test.beforeAll(async ({ baseURL }) => {
  admin = await authed(baseURL!);
  // The business's tax details come first (an admin's settings card); the agent then bills.
  const settings = await admin.put('/api/invoices/settings', {
    data: { legalName: 'דמו שירותים בע"מ', dealerType: 'company', taxId: '516179157', address: 'הרצל 1, תל אביב' },
  });
  expect(settings.status(), await settings.text()).toBe(200);
  customerName = `E2E ${RUN} חשבונית`;
  const created = await admin.post('/api/crm/customers', { data: { name: customerName } });
  expect(created.status(), await created.text()).toBe(201);
});

test.afterAll(async () => {
  await admin.dispose();
});

test('an agent issues a tax invoice-receipt for a customer and downloads its PDF', async ({ page }) => {
  await signIn(page, AGENT);
  await page.goto('/invoices');
  await page.getByRole('link', { name: 'מסמך חדש' }).click();

  await expect(page.getByLabel('סוג המסמך')).toHaveValue('tax_invoice_receipt');
  await page.getByLabel('לקוח', { exact: true }).fill(customerName);
  await page.getByRole('button', { name: customerName }).click();
  await expect(page.getByText(`נבחר: ${customerName}`)).toBeVisible();
  await page.getByLabel('תיאור שורה 1').fill('שעת ייעוץ');
  await page.getByLabel('כמות שורה 1').fill('2');
  await page.getByLabel('מחיר שורה 1').fill('250');
  // Live totals: 500 before VAT, 90 VAT, 590 in all.
  await expect(page.getByRole('definition').filter({ hasText: '590.00' })).toBeVisible();
  await page.getByLabel('אמצעי תשלום 1').selectOption('card');
  await page.getByLabel('סכום תשלום 1').fill('590');
  await page.getByLabel('4 ספרות אחרונות').fill('4242');
  await page.getByRole('button', { name: 'שמירת טיוטה' }).click();

  await expect(page.getByRole('heading', { name: /חשבונית מס\/קבלה/ })).toContainText('טיוטה');
  await page.getByRole('button', { name: 'הפקת המסמך' }).click();
  await page.getByRole('button', { name: 'אישור והפקה' }).click();
  await expect(page.getByRole('heading', { name: /חשבונית מס\/קבלה/ })).not.toContainText('טיוטה');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'הורדת PDF' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^tax_invoice_receipt-\d+\.pdf$/);
  const pdf = await readFile((await download.path())!);
  expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
});
