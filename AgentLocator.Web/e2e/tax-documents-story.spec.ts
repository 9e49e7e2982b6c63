// Issue 16's "done when" in one browser story: an agent creates a customer with a tax id, issues a quote, converts it to a
// tax invoice above the allocation threshold (the fake Tax Authority gives its number), records a receipt that closes it
// and credits part of it, downloading each PDF; the month's summary lists the customer and an admin downloads the
// uniform-structure export.

import { readFile } from 'node:fs/promises';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ADMIN, authed, signIn } from './session';

const RUN = Math.random().toString(36).slice(2, 8);
const AGENT = { email: 'agent@demo.local', password: 'Passw0rd!' };
const CUSTOMER = `E2E ${RUN} סיפור`;

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

async function issueShownDocument(page: Page, heading: RegExp) {
  await expect(page.getByRole('heading', { name: heading })).toContainText('טיוטה');
  await page.getByRole('button', { name: 'הפקת המסמך' }).click();
  await page.getByRole('button', { name: 'אישור והפקה' }).click();
  await expect(page.getByRole('heading', { name: heading })).not.toContainText('טיוטה');
}

async function downloadPdf(page: Page, type: string) {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'הורדת PDF' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${type}-\\d+\\.pdf$`));
  const pdf = await readFile((await download.path())!);
  expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
}

test('quote → tax invoice with an allocation number → receipt → credit, the summary and the uniform export', async ({ page, browser }) => {
  // An admin connects the business to the (fake) Tax Authority, unless an earlier spec left it connected.
  const adminPage = await browser.newPage();
  await signIn(adminPage, ADMIN);
  await adminPage.goto('/invoices/settings');
  const connect = adminPage.getByRole('button', { name: 'התחברות לרשות המסים' });
  await expect(connect.or(adminPage.getByRole('button', { name: 'ניתוק' }))).toBeVisible();
  if (await connect.isVisible()) {
    await connect.click();
    await expect(adminPage).toHaveURL(/\/invoices\/settings\?taxAuthority=connected/);
  }

  await signIn(page, AGENT);
  // The customer's tax id from the customer form: it is what makes a large invoice need an allocation number.
  await page.goto('/customers/new');
  await page.getByLabel('שם').fill(CUSTOMER);
  await page.getByLabel(/מספר עוסק/).fill('123456782');
  await page.getByRole('button', { name: 'יצירת לקוח' }).click();
  await expect(page.getByRole('heading', { level: 1, name: CUSTOMER })).toBeVisible();
  await expect(page.getByTestId('customer-details')).toContainText('123456782');

  await page.goto('/invoices/new');
  await page.getByLabel('סוג המסמך').selectOption('quote');
  await page.getByLabel('לקוח', { exact: true }).fill(CUSTOMER);
  await page.getByRole('button', { name: CUSTOMER }).click();
  await page.getByLabel('תיאור שורה 1').fill('פרויקט הטמעה');
  await page.getByLabel('כמות שורה 1').fill('1');
  await page.getByLabel('מחיר שורה 1').fill('20000');
  await page.getByRole('button', { name: 'שמירת טיוטה' }).click();
  await issueShownDocument(page, /הצעת מחיר/);
  await downloadPdf(page, 'quote');

  // 20,000 ₪ before VAT is above the threshold and the customer has a tax id: the Authority's number comes with the issue.
  await page.getByRole('button', { name: 'המרה לחשבונית מס' }).click();
  await issueShownDocument(page, /חשבונית מס/);
  await expect(page.getByText(/מספר הקצאה \d{9}/)).toBeVisible();
  await downloadPdf(page, 'tax_invoice');
  const invoiceUrl = page.url();

  await page.getByRole('link', { name: 'רישום קבלה' }).click();
  await expect(page.getByLabel('סוג המסמך')).toHaveValue('receipt');
  await page.getByLabel('אמצעי תשלום 1').selectOption('transfer');
  await page.getByLabel('סכום תשלום 1').fill('23600');
  await page.getByRole('button', { name: 'שמירת טיוטה' }).click();
  await issueShownDocument(page, /קבלה/);
  await downloadPdf(page, 'receipt');

  // The receipt closed the invoice: no more receipts; part of it is credited.
  await page.goto(invoiceUrl);
  await expect(page.getByRole('link', { name: 'רישום קבלה' })).toHaveCount(0);
  await page.getByRole('link', { name: 'חשבונית זיכוי' }).click();
  await expect(page.getByLabel('סוג המסמך')).toHaveValue('credit_invoice');
  await page.getByLabel('תיאור שורה 1').fill('הנחה בדיעבד');
  await page.getByLabel('כמות שורה 1').fill('1');
  await page.getByLabel('מחיר שורה 1').fill('1000');
  await page.getByRole('button', { name: 'שמירת טיוטה' }).click();
  await issueShownDocument(page, /חשבונית זיכוי/);
  await downloadPdf(page, 'credit_invoice');

  // The invoice's page tells its story: issued, paid by the receipt, credited.
  await page.goto(invoiceUrl);
  const history = page.getByRole('list', { name: 'היסטוריית המסמך' }).getByRole('listitem');
  await expect(history).toHaveCount(3);
  await expect(history.nth(0)).toContainText('הופק');
  await expect(history.nth(1)).toContainText('התקבל תשלום');
  await expect(history.nth(1).getByRole('link', { name: /^קבלה \d+$/ })).toBeVisible();
  await expect(history.nth(2)).toContainText('זוכה');

  await page.goto('/invoices/summary');
  await expect(page.getByRole('link', { name: CUSTOMER })).toBeVisible();

  // The uniform export is an admin's: the card on the same page downloads the zip for the month.
  await adminPage.goto('/invoices/summary');
  const exporting = adminPage.waitForEvent('download');
  await adminPage.getByRole('button', { name: 'הורדת קבצי מבנה אחיד' }).click();
  const exported = await exporting;
  expect(exported.suggestedFilename()).toMatch(/^OPENFRMT-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.zip$/);
  const zip = await readFile((await exported.path())!);
  expect(zip.subarray(0, 2).toString('latin1')).toBe('PK');
  expect(zip.toString('latin1')).toMatch(/OPENFRMT\/51617915\.\d{2}\/\d{8}\/BKMVDATA\.TXT/);
  await adminPage.close();
});
