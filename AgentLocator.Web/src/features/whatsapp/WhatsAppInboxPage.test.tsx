import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { WhatsAppConversation, WhatsAppMessage } from '../../api/contracts';
import { resetSessionForTests } from '../auth/session';
import { renderApp } from '../../test/renderApp';
import { json, problem } from '../../test/http';
import { customersServer } from '../../test/testCustomers';
import { createFakeRealtime } from '../../test/fakeRealtime';

// A fixed midday: "30 minutes ago" must be today in the business's zone whatever time the suite runs (it was not just
// after midnight in Israel).
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-06T10:00:00Z') });
});

afterEach(() => {
  vi.useRealTimers();
  resetSessionForTests();
  vi.unstubAllGlobals();
});

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

function message(id: string, overrides: Partial<WhatsAppMessage> = {}): WhatsAppMessage {
  return {
    id,
    customerId: 'c-7',
    direction: 'inbound',
    status: 'received',
    body: `הודעה ${id}`,
    templateId: null,
    variables: null,
    media: [],
    profileName: 'דנה',
    errorCode: null,
    errorMessage: null,
    sentByUserId: null,
    createdAt: minutesAgo(30),
    updatedAt: minutesAgo(30),
    ...overrides,
  };
}

const row = (): WhatsAppConversation => ({
  customerId: 'c-7',
  customerName: 'דנה לוי',
  phone: '+972541234567',
  lastMessage: { id: 'm-2', direction: 'inbound', status: 'received', preview: 'יש לכם דירה בחיפה?', templateId: null, mediaCount: 0, at: minutesAgo(30) },
  unread: 2,
  assignee: null,
});

function server({ thread, sendAnswer }: { thread: WhatsAppMessage[]; sendAnswer?: () => Response }) {
  return customersServer(
    (request, url) => {
      if (url.pathname === '/api/whatsapp/conversations') return json(200, { items: [row()], nextCursor: null });
      if (url.pathname === '/api/whatsapp/agents') return json(200, { items: [{ id: 'u-1', displayName: 'דנה כהן' }] });
      if (url.pathname === '/api/whatsapp/sender') return json(200, { hasSender: true });
      if (url.pathname === '/api/whatsapp/customers/c-7/messages' && request.method === 'GET') {
        const inbound = thread.filter((m) => m.direction === 'inbound').map((m) => Date.parse(m.createdAt));
        const closesAt = inbound.length ? new Date(Math.max(...inbound) + 86_400_000).toISOString() : null;
        return json(200, { items: [...thread].reverse(), nextCursor: null, window: { open: closesAt !== null, closesAt } });
      }
      if (url.pathname === '/api/whatsapp/customers/c-7/messages' && request.method === 'POST')
        return sendAnswer?.() ?? json(201, message('m-new', { direction: 'outbound', status: 'queued', body: (request.body as { body: string }).body }));
      if (url.pathname === '/api/whatsapp/customers/c-7/messages/m-f/retry')
        return json(200, message('m-f', { direction: 'outbound', status: 'queued', updatedAt: new Date().toISOString() }));
      if (url.pathname === '/api/whatsapp/customers/c-7/read') return new Response(null, { status: 204 });
      return undefined;
    },
    { features: ['crm', 'whatsapp'] },
  );
}

/** The sends the page made (POST …/messages) and the Idempotency-Key of each. */
const idempotencyKeys = (spy: ReturnType<typeof server>['spy']) =>
  spy.mock.calls
    .filter(([input, init]) => (init as RequestInit | undefined)?.method === 'POST' && String(input).endsWith('/messages'))
    .map(([, init]) => ({ key: new Headers((init as RequestInit).headers).get('Idempotency-Key') }));

describe('WhatsApp inbox', () => {
  it('lists conversations with unread counts, opens one as a thread, marks it read and follows pushes live', async () => {
    const { requests } = server({
      thread: [message('m-1', { createdAt: minutesAgo(40) }), message('m-2'), message('m-3', { direction: 'outbound', status: 'delivered', body: 'כן!' })],
    });
    const realtime = createFakeRealtime({ WatchWhatsApp: () => true });
    renderApp('/whatsapp', { realtime });

    const conversation = await screen.findByTestId('wa-conversation');
    expect(within(conversation).getByTestId('wa-unread')).toHaveTextContent('2');
    await userEvent.click(conversation);
    expect(screen.getByTestId('location')).toHaveTextContent('/whatsapp/c-7');

    const thread = await screen.findByTestId('wa-thread');
    const bubbles = within(thread).getAllByTestId('wa-message');
    expect(bubbles.map((b) => b.dataset.direction)).toEqual(['inbound', 'inbound', 'outbound']);
    expect(within(bubbles[2]).getByTestId('wa-ticks')).toHaveAttribute('data-status', 'delivered');
    expect(screen.getByTestId('wa-window')).toHaveTextContent('החלון נסגר בעוד 23 שעות');
    expect(within(thread).getByText('היום')).toBeInTheDocument();
    await waitFor(() => expect(requests.some((r) => r.method === 'POST' && r.url.endsWith('/api/whatsapp/customers/c-7/read'))).toBe(true));
    expect(realtime.invocations.map((call) => call.method)).toContain('WatchWhatsApp');

    act(() => realtime.emit('whatsapp:message', message('m-3', { direction: 'outbound', status: 'read', body: 'כן!', updatedAt: new Date().toISOString() })));
    await waitFor(() => expect(within(thread).getAllByTestId('wa-ticks')[0]).toHaveAttribute('data-status', 'read'));
    act(() => realtime.emit('whatsapp:message', message('m-4', { body: 'תודה רבה', createdAt: new Date().toISOString() })));
    expect(await within(thread).findByText('תודה רבה')).toBeInTheDocument();
  });

  it('sends on Enter with an Idempotency-Key, keeps Shift+Enter as a new line, and offers templates after a 409', async () => {
    let answer: (() => Response) | undefined;
    const { spy } = server({ thread: [message('m-1')], sendAnswer: () => answer?.() ?? json(201, message('m-new', { direction: 'outbound', status: 'queued', body: 'שלום' })) });
    renderApp('/whatsapp/c-7');
    const box = await screen.findByRole('textbox', { name: 'הודעה ללקוח' });

    await userEvent.type(box, 'שלום{Shift>}{Enter}{/Shift}עולם');
    expect(box).toHaveValue('שלום\nעולם');
    expect(idempotencyKeys(spy)).toHaveLength(0);
    await userEvent.clear(box);
    await userEvent.type(box, 'שלום{Enter}');
    await waitFor(() => expect(idempotencyKeys(spy)).toHaveLength(1));
    expect(idempotencyKeys(spy)[0].key).toMatch(/\S{8,}/);
    await waitFor(() => expect(box).toHaveValue(''));

    answer = () => problem(409, { type: 'https://agentlocator.app/problems/whatsapp-needs-template', title: 'needs a template', windowClosedAt: minutesAgo(1) });
    await userEvent.type(box, 'עוד משהו{Enter}');
    expect(await screen.findByTestId('wa-templates-empty')).toHaveTextContent('אין תבניות מאושרות');
    expect(screen.getByRole('alert')).toHaveTextContent('אפשר לשלוח רק תבנית');
    const keys = idempotencyKeys(spy).map((call) => call.key);
    expect(new Set(keys).size).toBe(2);
  });

  it('explains a failed message in Hebrew and sends it again on request', async () => {
    const { requests } = server({
      thread: [
        message('m-1'),
        message('m-f', { direction: 'outbound', status: 'failed', errorCode: 63024, errorMessage: 'המספר אינו מחובר לוואטסאפ.' }),
      ],
    });
    renderApp('/whatsapp/c-7');
    const failed = (await screen.findAllByTestId('wa-message'))[1];
    expect(within(failed).getByRole('alert')).toHaveTextContent('המספר אינו מחובר לוואטסאפ.');
    await userEvent.click(within(failed).getByRole('button', { name: 'שליחה חוזרת' }));
    await waitFor(() => expect(requests.some((r) => r.url.endsWith('/messages/m-f/retry'))).toBe(true));
    await waitFor(() => expect(within(screen.getAllByTestId('wa-message')[1]).getByTestId('wa-ticks')).toHaveAttribute('data-status', 'queued'));
  });
});
