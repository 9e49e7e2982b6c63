import { openUserMenu } from '../../test/userMenu';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { FeatureKey } from '../../api/contracts';
import { resetSessionForTests } from '../auth/session';
import { renderApp } from '../../test/renderApp';
import { authResponse, json, meResponse, mockFetch, problem } from '../../test/http';

afterEach(() => {
  resetSessionForTests();
  vi.unstubAllGlobals();
});

/** What the business's plan includes: the most an admin can switch on (the operator sets it). */
const PLAN: FeatureKey[] = ['crm', 'calls', 'whatsapp', 'invoices'];

function adminServer(role: 'admin' | 'agent' = 'admin') {
  let enabled: FeatureKey[] = ['crm', 'calls', 'whatsapp'];
  return mockFetch(({ url, method, body }) => {
    if (url === '/api/auth/refresh') return json(200, authResponse('token-1'));
    if (url === '/api/me') {
      const me = meResponse(enabled);
      return json(200, { ...me, user: { ...me.user, role } });
    }
    if (url === '/api/admin/features' && method === 'PUT') {
      enabled = (body as { features: FeatureKey[] }).features;
      return json(200, { enabled, plan: PLAN });
    }
    if (url === '/api/admin/features') return json(200, { enabled, plan: PLAN });
    if (url === '/api/admin/users')
      return json(200, [
        { id: 'u1', email: 'agent@demo.local', displayName: 'סוכן', role: 'agent', featureLimits: null, effectiveFeatures: enabled },
      ]);
    if (url === '/api/admin/users/u1/features')
      return json(200, { id: 'u1', email: 'agent@demo.local', displayName: 'סוכן', role: 'agent', featureLimits: (body as { features: FeatureKey[] | null }).features, effectiveFeatures: ['crm'] });
    return problem(404, { title: 'Not Found' });
  });
}

describe('feature settings', () => {
  it('turns a plan feature off and the nav drops it after /api/me is refetched', async () => {
    const { requests } = adminServer();
    renderApp('/settings/features');
    const nav = await screen.findByRole('navigation', { name: 'ניווט ראשי' });
    expect(within(nav).getByRole('link', { name: 'וואטסאפ' })).toBeInTheDocument();

    await userEvent.click(await screen.findByRole('checkbox', { name: 'וואטסאפ' }));
    await userEvent.click(screen.getByRole('button', { name: 'שמירת תכונות' }));

    expect(await screen.findByText('התכונות נשמרו.')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'PUT')?.body).toEqual({ features: ['crm', 'calls'] });
    await waitFor(() => expect(within(nav).queryByRole('link', { name: 'וואטסאפ' })).not.toBeInTheDocument());
  });

  it('offers only what the plan includes, switched on or not', async () => {
    adminServer();
    renderApp('/settings/features');

    // The switches are copied from the loaded settings after the first render: wait for them, then read the rest.
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'וואטסאפ' })).toBeChecked());
    expect(screen.getByRole('checkbox', { name: 'חשבוניות' })).not.toBeChecked();
    expect(screen.queryByRole('checkbox', { name: 'חתימות' })).not.toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: 'חוזים' })).not.toBeInTheDocument();
  });

  it('limits one user to a subset of the plan, or gives back the whole plan', async () => {
    const { requests } = adminServer();
    renderApp('/settings/features');

    const row = (await screen.findByRole('rowheader', { name: /סוכן/ })).closest('tr')!;
    await userEvent.click(within(row).getByRole('radio', { name: 'תכונות נבחרות' }));
    await userEvent.click(within(row).getByRole('checkbox', { name: 'שיחות' }));
    await userEvent.click(within(row).getByRole('checkbox', { name: 'וואטסאפ' }));
    await userEvent.click(within(row).getByRole('button', { name: /שמירה: הרשאות/ }));

    await waitFor(() =>
      expect(requests.find((r) => r.url === '/api/admin/users/u1/features')?.body).toEqual({ features: ['crm'] }),
    );
  });

  it('is shown in the nav to admins only, and tells agents the page is not for them', async () => {
    adminServer('agent');
    renderApp('/settings/features');

    expect(await screen.findByRole('heading', { name: 'הדף מיועד למנהלים בלבד' })).toBeInTheDocument();
    await openUserMenu();
    expect(screen.queryByRole('link', { name: 'הגדרות' })).not.toBeInTheDocument();
  });
});
