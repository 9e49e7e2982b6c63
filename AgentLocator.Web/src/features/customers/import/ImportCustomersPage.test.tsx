import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { resetSessionForTests } from '../../auth/session';
import { renderApp } from '../../../test/renderApp';
import { deferred, json, problem } from '../../../test/http';
import { customersServer, page } from '../../../test/testCustomers';
import { headerNames, decodeCsvBytes } from './csvHeader';
import { guessMapping } from './importMapping';
import type { ImportReport } from '../../../api/contracts';

afterEach(() => {
  resetSessionForTests();
  vi.unstubAllGlobals();
});

const HEADERS = 'שם מלא,נייד,דוא"ל,עיר,הערות פנימיות';
const csvFile = (text = `${HEADERS}\r\nדנה,054-1234567,d@example.com,חיפה,\r\n`, name = 'customers.csv') =>
  new File([`\uFEFF${text}`], name, { type: 'text/csv' });

const report: ImportReport = {
  created: 1,
  merged: 1,
  rejected: 1,
  rows: [
    { row: 2, outcome: 'created', customerId: 'c-new' },
    { row: 3, outcome: 'rejected', reason: 'Name is required.' },
    { row: 4, outcome: 'merged', customerId: 'c-9' },
  ],
};

function importServer(answer: () => Response | Promise<Response> = () => json(200, report)) {
  return customersServer((request, url) =>
    url.pathname === '/api/crm/customers/import' && request.method === 'POST' ? answer() : undefined,
  );
}

const select = (name: string) => screen.getByRole('combobox', { name });

async function chooseFile(file = csvFile()) {
  await userEvent.upload(await screen.findByLabelText('קובץ CSV'), file);
  await screen.findByRole('group', { name: 'התאמת עמודות' });
}

describe('reading the CSV header in the browser', () => {
  it('parses quoted headers, semicolons and Windows-1255 like the server does', () => {
    expect(headerNames(' name ,"city, area","say ""hi""",,name\nx,y')).toEqual(['name', 'city, area', 'say "hi"']);
    expect(headerNames('שם;טלפון;"a,b"\n1;2;3')).toEqual(['שם', 'טלפון', 'a,b']);
    expect(headerNames('\r\n\r\nשם,טלפון')).toEqual(['שם', 'טלפון']);
    expect(headerNames('דוא"ל,שם')).toEqual(['דוא"ל', 'שם']);
    // Tab- and bar-separated files, which the server's reader also detects.
    expect(headerNames('שם\tטלפון\tעיר\n1\t2\t3')).toEqual(['שם', 'טלפון', 'עיר']);
    expect(headerNames('שם|טלפון\n1|2')).toEqual(['שם', 'טלפון']);
    expect(decodeCsvBytes(new Uint8Array([0xf9, 0xed, 0x2c, 0xf2, 0xe9, 0xf8]))).toBe('שם,עיר');
    expect(decodeCsvBytes(new TextEncoder().encode('\uFEFFשם'))).toBe('שם');
  });

  it('pre-selects columns by their known names, case-insensitively', () => {
    expect(guessMapping(['Name', 'Mobile', 'E-mail', 'EMAIL', 'תגיות'])).toEqual({
      name: 'Name',
      phone: '',
      email: 'EMAIL',
      city: '',
      status: '',
      tags: 'תגיות',
    });
  });
});

describe('customer CSV import', () => {
  it('is reached from the customers page', async () => {
    customersServer((_, url) => (url.pathname === '/api/crm/customers' ? json(200, page([])) : undefined));
    const { getByTestId } = renderApp('/customers');
    await userEvent.click(await screen.findByRole('link', { name: 'ייבוא' }));
    expect(getByTestId('location')).toHaveTextContent('/customers/import');
  });

  it('offers every column of the file and pre-selects the known Hebrew headers', async () => {
    importServer();
    renderApp('/customers/import');
    await chooseFile();

    expect(select('שם')).toHaveValue('שם מלא');
    expect(select('טלפון')).toHaveValue('נייד');
    expect(select('אימייל')).toHaveValue('דוא"ל');
    expect(select('עיר')).toHaveValue('עיר');
    expect(select('סטטוס')).toHaveValue('');
    expect(select('תגיות')).toHaveValue('');
    expect(within(select('תגיות')).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'לא לייבא',
      'שם מלא',
      'נייד',
      'דוא"ל',
      'עיר',
      'הערות פנימיות',
    ]);
  });

  it('uploads the file and the mapping as multipart with the bearer token, then shows the report', async () => {
    const upload = deferred<Response>();
    const { requests } = importServer(() => upload.promise);
    renderApp('/customers/import');
    const file = csvFile();
    await chooseFile(file);
    await userEvent.selectOptions(select('עיר'), '');
    await userEvent.selectOptions(select('תגיות'), 'הערות פנימיות');
    await userEvent.click(screen.getByRole('button', { name: 'ייבוא' }));

    expect(await screen.findByText(/^מייבא…/)).toBeInTheDocument();
    expect(screen.getByText(/^מייבא…/).closest('[role="status"]')).toHaveAttribute('aria-live', 'polite');
    const sent = requests.find((r) => r.url === '/api/crm/customers/import')!;
    expect(sent.method).toBe('POST');
    expect(sent.authorization).toBe('Bearer token-1');
    expect(sent.contentType).toBeNull(); // fetch adds multipart/form-data with its boundary
    const sentFile = sent.form?.get('file') as File;
    expect([sentFile.name, sentFile.size]).toEqual([file.name, file.size]);
    expect(JSON.parse(sent.form?.get('mapping') as string)).toEqual({
      name: 'שם מלא',
      phone: 'נייד',
      email: 'דוא"ל',
      tags: 'הערות פנימיות',
    });

    upload.resolve(json(200, report));
    const heading = await screen.findByRole('heading', { name: 'הייבוא הסתיים' });
    expect(heading).toHaveFocus();
    expect(screen.getByTestId('import-created')).toHaveTextContent('נוצרו1');
    expect(screen.getByTestId('import-merged')).toHaveTextContent('1');
    expect(screen.getByTestId('import-rejected')).toHaveTextContent('נדחו1');
    const rejected = screen.getByRole('table', { name: 'שורות שנדחו' });
    expect(within(rejected).getAllByRole('row')[1]).toHaveTextContent(/^3חסר שם\.$/);
    const merged = screen.getByRole('table', { name: 'שורות שמוזגו ללקוחות קיימים' });
    expect(within(merged).getByRole('link', { name: 'לכרטיס הלקוח משורה 4' })).toHaveAttribute('href', '/customers/c-9');

    await userEvent.click(screen.getByRole('button', { name: 'ייבוא קובץ נוסף' }));
    expect(screen.getByLabelText('קובץ CSV')).toHaveValue('');
  });

  it('requires a name column before uploading', async () => {
    const { requests } = importServer();
    renderApp('/customers/import');
    await chooseFile(csvFile('phone,city\r\n054-1234567,חיפה\r\n'));
    expect(select('שם')).toHaveValue('');

    await userEvent.click(screen.getByRole('button', { name: 'ייבוא' }));

    expect(select('שם')).toHaveFocus();
    expect(select('שם')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('בחרו את העמודה שבה נמצא שם הלקוח.')).toBeInTheDocument();
    expect(requests.some((r) => r.url.includes('/import'))).toBe(false);
  });

  it('refuses a file over 10 MB, or not a CSV, without uploading it', async () => {
    const { requests } = importServer();
    renderApp('/customers/import');
    const input = await screen.findByLabelText('קובץ CSV');
    const big = new File(['x'], 'big.csv');
    Object.defineProperty(big, 'size', { value: 10 * 1024 * 1024 + 1 });

    await userEvent.upload(input, big);
    expect(await screen.findByText(/הקובץ גדול מדי \(10MB\)\. אפשר לייבא עד 10MB/)).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');

    await userEvent.upload(input, new File(['a'], 'customers.xlsx'), { applyAccept: false });
    expect(await screen.findByText(/יש לבחור קובץ CSV/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'ייבוא' })).toBeDisabled();
    expect(requests.some((r) => r.url.includes('/import'))).toBe(false);
  });

  it('explains a file with too many rows (422) with the server’s detail', async () => {
    importServer(() =>
      problem(422, {
        title: 'Too many rows.',
        detail: 'The file has 12000 rows; one import takes at most 10000. Nothing was imported; split the file.',
      }),
    );
    renderApp('/customers/import');
    await chooseFile();
    await userEvent.click(screen.getByRole('button', { name: 'ייבוא' }));

    const alert = await screen.findByText('בקובץ יש יותר מדי שורות לייבוא אחד. שום דבר לא יובא.');
    expect(alert.closest('[role="alert"]')).toHaveTextContent('The file has 12000 rows');
  });

  it('shows a 400’s messages next to the file and the mapping', async () => {
    importServer(() =>
      problem(400, {
        title: 'The column mapping does not fit the file.',
        errors: { mapping: ["The file has no column 'שם' (for name)."], file: ['The file needs a header row.'] },
      }),
    );
    renderApp('/customers/import');
    await chooseFile();
    await userEvent.click(screen.getByRole('button', { name: 'ייבוא' }));

    expect(await screen.findByText("The file has no column 'שם' (for name).")).toHaveAttribute('id', 'import-mapping-error');
    expect(screen.getByLabelText('קובץ CSV')).toHaveAccessibleDescription(/The file needs a header row\./);
    expect(screen.getByText('הקובץ לא יובא. תקנו את המסומן ונסו שוב.')).toBeInTheDocument();
  });

  it('says when the server refuses the upload format (415)', async () => {
    importServer(() => problem(415, { title: 'Send the file as multipart/form-data.' }));
    renderApp('/customers/import');
    await chooseFile();
    await userEvent.click(screen.getByRole('button', { name: 'ייבוא' }));

    expect(await screen.findByText('השרת לא קיבל את הקובץ בפורמט הנכון.')).toBeInTheDocument();
  });

  it('refreshes the customer list after a successful import', async () => {
    let listCalls = 0;
    customersServer((_, url) => {
      if (url.pathname === '/api/crm/customers/import') return json(200, report);
      if (url.pathname === '/api/crm/customers') {
        listCalls++;
        return json(200, page([]));
      }
      return undefined;
    });
    renderApp('/customers');
    await userEvent.click(await screen.findByRole('link', { name: 'ייבוא' }));
    const before = listCalls;
    await chooseFile();
    await userEvent.click(screen.getByRole('button', { name: 'ייבוא' }));
    await userEvent.click(await screen.findByRole('link', { name: 'לרשימת הלקוחות' }));

    await waitFor(() => expect(listCalls).toBeGreaterThan(before));
  });
});
