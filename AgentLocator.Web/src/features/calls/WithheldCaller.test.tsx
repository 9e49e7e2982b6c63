import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import { resetSessionForTests } from '../auth/session';
import { renderApp } from '../../test/renderApp';
import { json } from '../../test/http';
import { callDetail, callItem, callsPage, callsServer } from '../../test/testCalls';

afterEach(() => {
  resetSessionForTests();
  vi.unstubAllGlobals();
});

// The API names every withheld form (anonymous, +266696687, sip:…) "מספר חסוי" in fromDisplay; `from` is Twilio's raw value.
const withheld = { customer: null, from: '+266696687', fromDisplay: 'מספר חסוי' };

describe('a withheld caller in the calls pages', () => {
  it('is "מספר חסוי" in the list, muted words rather than a number, whatever Twilio sent', async () => {
    callsServer((_, url) =>
      url.pathname === '/api/calls'
        ? json(200, callsPage([callItem(1, withheld), callItem(2, { customer: null, from: '', fromDisplay: '' })]))
        : undefined,
    );
    renderApp('/calls');

    for (const id of ['call-1', 'call-2']) {
      const row = await screen.findByTestId(`call-row-${id}`);
      const name = within(row).getByText('מספר חסוי');
      expect(name.tagName).toBe('SPAN');
      expect(name).toHaveClass('muted');
      expect(within(row).queryByText('+266696687')).not.toBeInTheDocument();
    }
  });

  it('is "מספר חסוי" on the call page, with the follow-up task the message became', async () => {
    callsServer((_, url) =>
      url.pathname === '/api/calls/call-1'
        ? json(200, callDetail({ ...withheld, task: { id: 't-9', title: 'הודעה ממספר חסוי', dueAt: '2026-01-15T08:10:00Z', completed: false } }))
        : undefined,
    );
    renderApp('/calls/call-1');

    expect(await screen.findByRole('heading', { level: 1, name: 'שיחה מאת מספר חסוי' })).toBeInTheDocument();
    const caller = screen.getAllByRole('definition')[0];
    expect(caller).toHaveTextContent(/^מספר חסוי$/);
    const task = screen.getByRole('region', { name: 'משימת המשך' });
    expect(within(task).getByRole('link', { name: 'הודעה ממספר חסוי' })).toHaveAttribute('href', '/tasks/t-9/edit');
  });
});
