import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
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
});
