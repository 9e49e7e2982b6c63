import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AuditEntry } from '../../api/contracts';
import { resetSessionForTests } from '../auth/session';
import { renderApp } from '../../test/renderApp';
import { authResponse, json, meResponse, mockFetch, problem } from '../../test/http';
import { paged } from '../../test/paging';
import { pickDate } from '../../test/dateField';

afterEach(() => {
  resetSessionForTests();
  vi.unstubAllGlobals();
});

const signIn: AuditEntry = {
  id: 'a1',
  occurredAt: '2026-12-06T08:00:00Z',
  actorType: 'user',
  actorId: 'u-admin',
  actorName: 'מנהלת',
  action: 'sign-in',
  targetType: 'user',
  targetId: 'u-admin',
  targetLabel: 'admin@demo.local',
  ip: '127.0.0.1',
  userAgent: 'Chrome',
  details: { sessionId: 's1' },
};

const featuresChanged: AuditEntry = {
  ...signIn,
  id: 'a2',
  occurredAt: '2026-12-06T08:05:00Z',
  action: 'business-features-changed',
  targetType: 'business',
  targetId: 'b1',
  targetLabel: null,
  details: { old: ['crm', 'calls'], new: ['crm'] },
};

function auditServer(respond: (url: URL) => Response) {
  return mockFetch(({ url }) => {
    if (url === '/api/auth/refresh') return json(200, authResponse('token-1'));
    if (url === '/api/me') {
      const me = meResponse(['crm', 'calls']);
      return json(200, { ...me, user: { ...me.user, role: 'admin' } });
    }
    if (url === '/api/admin/users')
      return json(200, [
        { id: 'u-admin', email: 'admin@demo.local', displayName: 'מנהלת', role: 'admin', featureLimits: null, effectiveFeatures: ['crm'] },
      ]);
    if (url.startsWith('/api/admin/audit')) return respond(new URL(url, 'http://app.test'));
    return problem(404, { title: 'Not Found' });
  });
}

describe('audit log page', () => {
  it('lists the rows newest first with Hebrew action names and what changed', async () => {
    auditServer(() => json(200, paged([featuresChanged, signIn])));
    renderApp('/settings/audit');

    const rows = await screen.findAllByRole('row');
    expect(within(rows[1]).getByRole('rowheader')).toHaveTextContent('שינוי תכונות העסק');
    expect(rows[1]).toHaveTextContent('הוסרו: שיחות');
    expect(within(rows[2]).getByRole('rowheader')).toHaveTextContent('כניסה למערכת');
    expect(rows[2]).toHaveTextContent('מנהלת');
    expect(rows[2]).toHaveTextContent('admin@demo.local');
  });

  it('sends the chosen filters and starts again from the first page', async () => {
    const { requests } = auditServer((url) =>
      json(200, url.searchParams.get('action') === 'sign-in' ? paged([signIn]) : paged([featuresChanged, signIn])),
    );
    renderApp('/settings/audit');
    await screen.findByText('שינוי תכונות העסק', { selector: 'th' });

    await userEvent.selectOptions(screen.getByLabelText('פעולה'), 'כניסה למערכת');
    await userEvent.selectOptions(screen.getByLabelText('מבצע'), 'מנהלת (admin@demo.local)');
    await pickDate(screen.getByLabelText('מתאריך'), '2026-12-01');
    await userEvent.click(screen.getByRole('button', { name: 'סינון' }));

    await waitFor(() => expect(screen.queryByText('שינוי תכונות העסק', { selector: 'th' })).not.toBeInTheDocument());
    const last = new URL(requests.filter((r) => r.url.startsWith('/api/admin/audit?')).at(-1)!.url, 'http://app.test');
    expect(Object.fromEntries(last.searchParams)).toEqual({
      action: 'sign-in',
      actor: 'u-admin',
      from: '2026-12-01',
      page: '1',
      limit: '25',
    });
  });

  it('says so when nothing matches, and offers a retry when loading fails', async () => {
    let fail = true;
    auditServer(() => (fail ? problem(500, { title: 'boom' }) : json(200, paged([]))));
    renderApp('/settings/audit');

    const retry = await screen.findByRole('button', { name: 'נסו שוב' }, { timeout: 5000 });
    fail = false;
    await userEvent.click(retry);

    expect(await screen.findByText('אין פעולות ביומן שמתאימות לסינון.')).toBeInTheDocument();
  });

  it('exports the filtered log as CSV', async () => {
    const { requests } = auditServer((url) =>
      url.pathname.endsWith('export.csv')
        ? new Response('\uFEFFזמן\r\n', { status: 200, headers: { 'Content-Type': 'text/csv' } })
        : json(200, paged([signIn])),
    );
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:audit', revokeObjectURL: () => undefined }));
    renderApp('/settings/audit');
    await screen.findByText('כניסה למערכת', { selector: 'th' });

    await userEvent.selectOptions(screen.getByLabelText('פעולה'), 'כניסה למערכת');
    await userEvent.click(screen.getByRole('button', { name: 'סינון' }));
    await userEvent.click(screen.getByRole('button', { name: 'ייצוא ל-CSV' }));

    await waitFor(() => expect(requests.some((r) => r.url === '/api/admin/audit/export.csv?action=sign-in')).toBe(true));
  });
});
