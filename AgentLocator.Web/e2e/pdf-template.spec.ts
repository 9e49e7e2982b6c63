// Templates from an uploaded PDF against the real API: an admin uploads a file and places a signature and a text field
// for the customer by clicking on the page; then the customer fills them on the signing page and signs.

import { expect, test } from './fixtures';
import { axeViolations } from './axe';
import { ADMIN, authed, signIn } from './session';

const RUN = Math.random().toString(36).slice(2, 8);

/** A one-page A4 PDF with a line of text, its cross-reference table written with the real byte offsets. */
function onePagePdf(): Buffer {
  const content = 'BT /F1 18 Tf 72 760 Td (Agreement for signature) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(pdf.length);
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

interface SavedTemplate {
  id: string;
  name: string;
  source: string;
  pdfFields: { key: string; kind: string; role: string; page: number; x: number; y: number }[];
}

async function placeTemplate(page: import('@playwright/test').Page, name: string) {
  await page.goto('/contracts/templates/new');
  await page.getByRole('radio', { name: 'קובץ PDF עם שדות לחתימה' }).check();
  await page.getByLabel('שם התבנית', { exact: true }).fill(name);
  await page.getByLabel('קובץ PDF', { exact: true }).setInputFiles({ name: 'agreement.pdf', mimeType: 'application/pdf', buffer: onePagePdf() });
  const sheet = page.getByTestId('pdf-page-1');
  const pageImage = sheet.getByRole('img', { name: 'עמוד 1 מתוך 1' });
  await expect(pageImage).toBeVisible();
  // Measured once drawn: the clicks below are at fractions of the sheet, which grows when the image arrives.
  await expect.poll(() => pageImage.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);

  await page.getByRole('radio', { name: 'חתימה', exact: true }).check();
  await page.getByLabel('החותם').first().selectOption('customer');
  const box = (await sheet.boundingBox())!;
  await sheet.click({ position: { x: box.width * 0.3, y: box.height * 0.8 } });
  await page.getByRole('radio', { name: 'טקסט', exact: true }).check();
  await sheet.click({ position: { x: box.width * 0.6, y: box.height * 0.3 } });
  await page.getByLabel('תווית', { exact: true }).fill('שם מלא');
  // Keyboard: the selected field moves with the arrow keys.
  const textField = sheet.getByRole('button', { name: /שם מלא · לקוח/ });
  await textField.focus();
  await page.keyboard.press('ArrowDown');

  await expect(sheet.getByRole('button', { name: /חתימה · לקוח/ })).toBeVisible();
  await page.getByRole('button', { name: 'שמירת התבנית' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'תבניות חוזים' })).toBeVisible();
  await expect(page.getByRole('link', { name })).toBeVisible();
}

test('an admin uploads a PDF and places a signature and a text field for the customer by clicking on the page', async ({ page, baseURL }) => {
  const name = `הסכם מקובץ ${RUN}`;
  await signIn(page, ADMIN);
  await placeTemplate(page, name);

  const admin = await authed(baseURL!);
  const list = (await (await admin.get('/api/contract-templates')).json()) as { id: string; name: string }[];
  const saved = (await (await admin.get(`/api/contract-templates/${list.find((t) => t.name === name)!.id}`)).json()) as SavedTemplate;
  expect(saved.source).toBe('pdf');
  expect(saved.pdfFields.map((f) => [f.kind, f.role])).toEqual([
    ['signature', 'customer'],
    ['text', 'customer'],
  ]);
  // Placed where it was clicked: the text field's centre at 60% across and 30% (plus one nudge) down.
  const text = saved.pdfFields[1];
  expect(text.x).toBeGreaterThan(0.35);
  expect(text.x).toBeLessThan(0.55);
  expect(text.y).toBeGreaterThan(0.26);
  expect(text.y).toBeLessThan(0.32);
  await admin.dispose();
});

test('the customer fills their fields on the signing page and signs', async ({ page, baseURL }) => {
  const name = `הסכם לחתימה ${RUN}`;
  await signIn(page, ADMIN);
  await placeTemplate(page, name);

  const admin = await authed(baseURL!);
  const list = (await (await admin.get('/api/contract-templates')).json()) as { id: string; name: string }[];
  const templateId = list.find((t) => t.name === name)!.id;
  const customer = await admin.post('/api/crm/customers', { data: { name: `E2E ${RUN} חותמת` } });
  expect(customer.status(), await customer.text()).toBe(201);
  const customerId = ((await customer.json()) as { id: string }).id;
  const contract = await admin.post(`/api/customers/${customerId}/contracts`, { data: { templateId } });
  expect(contract.status(), await contract.text()).toBe(201);
  const contractId = ((await contract.json()) as { id: string }).id;
  const sent = await admin.post(`/api/signatures/contracts/${contractId}`, {
    data: { signers: [{ name: 'דנה לוי', phone: '0541234567', role: 'customer' }], delivery: 'link' },
  });
  expect(sent.status(), await sent.text()).toBe(201);
  const request = (await sent.json()) as { id: string; signers: { id: string }[] };
  const link = await admin.post(`/api/signatures/requests/${request.id}/signers/${request.signers[0].id}/link`);
  expect(link.status(), await link.text()).toBe(200);
  const url = new URL(((await link.json()) as { url: string }).url);
  await admin.dispose();

  await page.goto(url.pathname);
  await expect(page.getByTestId('missing-fields')).toContainText('שם מלא');
  // The fields show once their page is drawn, so they no longer move while the image arrives.
  await expect(page.getByTestId('sign-sheet-1')).toHaveAttribute('data-ready', 'true');
  await page.getByRole('button', { name: /שם מלא \(חובה\): לא מולא/ }).click();
  await page.getByLabel('שם מלא', { exact: true }).fill('דנה לוי');
  await page.getByRole('button', { name: 'שמירה בשדה' }).click();
  await page.getByRole('button', { name: /חתימה \(חובה\): לא מולא/ }).click();
  const fieldPad = page.locator('[data-testid^="field-pad-"]');
  await fieldPad.scrollIntoViewIfNeeded();
  const padBox = (await fieldPad.boundingBox())!;
  await page.mouse.move(padBox.x + 20, padBox.y + 20);
  await page.mouse.down();
  await page.mouse.move(padBox.x + padBox.width - 20, padBox.y + padBox.height - 20, { steps: 8 });
  await page.mouse.up();
  await page.getByRole('button', { name: 'שמירה בשדה' }).click();
  await expect(page.getByTestId('missing-fields')).toHaveCount(0);

  const mainPad = page.getByTestId('signature-canvas');
  await mainPad.scrollIntoViewIfNeeded();
  const mainBox = (await mainPad.boundingBox())!;
  await page.mouse.move(mainBox.x + 20, mainBox.y + 20);
  await page.mouse.down();
  await page.mouse.move(mainBox.x + mainBox.width - 20, mainBox.y + mainBox.height - 20, { steps: 8 });
  await page.mouse.up();
  await page.getByRole('checkbox', { name: /אני מאשר/ }).check();
  await page.getByRole('button', { name: 'חתימה על המסמך' }).click();
  await expect(page.getByRole('heading', { name: 'חתמת על המסמך. תודה!' })).toBeVisible();
  await expect(page.getByLabel(/שם מלא: מולא/)).toContainText('דנה לוי');
});

test('on a 390 px phone the editor fits the screen and a tap on the page places a field', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, ADMIN);
  await page.goto('/contracts/templates/new');
  await page.getByRole('radio', { name: 'קובץ PDF עם שדות לחתימה' }).check();
  await page.getByLabel('קובץ PDF', { exact: true }).setInputFiles({ name: 'agreement.pdf', mimeType: 'application/pdf', buffer: onePagePdf() });
  const sheet = page.getByTestId('pdf-page-1');
  await expect(sheet.getByRole('img', { name: 'עמוד 1 מתוך 1' })).toBeVisible();
  const box = (await sheet.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);

  await page.getByRole('radio', { name: 'תאריך', exact: true }).check();
  await sheet.click({ position: { x: box.width * 0.5, y: box.height * 0.5 } });
  const field = sheet.getByRole('button', { name: /תאריך · לקוח/ });
  await expect(field).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
  const { blocking } = await axeViolations(page);
  expect(blocking).toEqual([]);
  // Removed from the keyboard: Delete on the focused field.
  await field.focus();
  await page.keyboard.press('Delete');
  await expect(field).toHaveCount(0);
});
