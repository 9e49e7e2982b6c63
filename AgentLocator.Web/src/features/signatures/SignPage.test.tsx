import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { resetSessionForTests } from '../auth/session';
import { renderApp } from '../../test/renderApp';
import { json, mockFetch, problem, unauthorized } from '../../test/http';

const TOKEN = 'B'.repeat(22);

afterEach(() => {
  resetSessionForTests();
  vi.unstubAllGlobals();
});

const view = {
  title: 'הסכם שירות',
  businessName: 'סוכנות לדוגמה',
  signerName: 'דנה לוי',
  role: 'customer',
  status: 'viewed',
  requestStatus: 'viewed',
  pageCount: 2,
  requireCode: true,
  codeVerified: false,
  canSign: true,
  signedCopyReady: false,
  signersTotal: 1,
  signersSigned: 0,
  expiresAt: '2026-12-20T09:00:00Z',
  consentText: 'אני מסכים/ה לחתום.',
};

describe('SignPage', () => {
  it('shows the pages and asks for the SMS code before the signature', async () => {
    const { requests } = mockFetch(({ url, method }) => {
      if (url === `/api/public/sign/${TOKEN}` && method === 'GET') return json(200, view);
      if (url === `/api/public/sign/${TOKEN}/code` && method === 'POST') return new Response(null, { status: 204 });
      if (url === `/api/public/sign/${TOKEN}/code/verify`) return json(200, { ...view, codeVerified: true });
      return unauthorized();
    });
    renderApp(`/sign/${TOKEN}`);

    expect(await screen.findByRole('heading', { name: 'הסכם שירות' })).toBeInTheDocument();
    expect(screen.getAllByRole('img')).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'חתימה על המסמך' })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'שליחת קוד ב-SMS' }));
    await userEvent.type(await screen.findByLabelText('הקוד שקיבלת ב-SMS'), '123456');
    await userEvent.click(screen.getByRole('button', { name: 'אימות' }));

    const sign = await screen.findByRole('button', { name: 'חתימה על המסמך' });
    expect(sign).toBeDisabled();
    expect(requests.some((r) => r.url.endsWith('/code/verify'))).toBe(true);
    // Typing and clicking through three steps is slow on a loaded machine.
  }, 30_000);

  it('says an expired link is no longer valid', async () => {
    mockFetch(({ url }) => (url === `/api/public/sign/${TOKEN}` ? problem(410, { title: 'Gone' }) : unauthorized()));
    renderApp(`/sign/${TOKEN}`);

    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('הקישור כבר אינו בתוקף'));
  });
  it('places the fields on a page once its image has loaded, and a tapped text field opens for filling', async () => {
    const field = { key: 'f1', kind: 'text', page: 2, x: 0.4, y: 0.3, width: 0.2, height: 0.04, required: true, label: 'שם מלא', value: null, filled: false };
    mockFetch(({ url, method }) => {
      if (url === `/api/public/sign/${TOKEN}` && method === 'GET') return json(200, { ...view, requireCode: false, fields: [field] });
      return unauthorized();
    });
    renderApp(`/sign/${TOKEN}`);

    const pages = await screen.findAllByRole('img');
    expect(screen.getByTestId('missing-fields')).toHaveTextContent('שם מלא');
    // Until the page is drawn the sheet has no height: a field shown then would move under the finger.
    expect(screen.queryByRole('button', { name: /שם מלא \(חובה\)/ })).not.toBeInTheDocument();
    fireEvent.load(pages[0]);
    expect(screen.queryByRole('button', { name: /שם מלא \(חובה\)/ })).not.toBeInTheDocument();
    fireEvent.load(pages[1]);

    await userEvent.click(screen.getByRole('button', { name: 'שם מלא (חובה): לא מולא' }));
    await userEvent.type(screen.getByLabelText('שם מלא'), 'דנה לוי');
    await userEvent.click(screen.getByRole('button', { name: 'שמירה בשדה' }));
    expect(screen.getByRole('button', { name: 'שם מלא (חובה): מולא' })).toHaveTextContent('דנה לוי');
    expect(screen.queryByTestId('missing-fields')).not.toBeInTheDocument();
  }, 30_000);
});
