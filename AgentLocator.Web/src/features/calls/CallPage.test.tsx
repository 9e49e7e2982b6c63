import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CallDetail } from '../../api/contracts';
import { resetSessionForTests } from '../auth/session';
import { renderApp } from '../../test/renderApp';
import { createFakeRealtime } from '../../test/fakeRealtime';
import { json, problem } from '../../test/http';
import { audio, callDetail, callItem, callsServer, turn } from '../../test/testCalls';

const createObjectURL = vi.fn((_: Blob) => `blob:recording-${createObjectURL.mock.calls.length}`);
const revokeObjectURL = vi.fn();

beforeEach(() => {
  createObjectURL.mockClear();
  revokeObjectURL.mockClear();
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL }));
});

afterEach(() => {
  resetSessionForTests();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** GET /api/calls/call-1 answers whatever `current()` is at the time. */
function callServer(current: () => CallDetail | Response) {
  return callsServer((_, url) => {
    if (url.pathname === '/api/calls/call-1') {
      const answer = current();
      return answer instanceof Response ? answer : json(200, answer);
    }
    if (url.pathname === '/api/calls/call-1/recording') return audio();
    if (url.pathname === '/api/calls') return json(200, { items: [], page: { page: 1, limit: 25, total: 0, totalPages: 0, hasNext: false } });
    return undefined;
  });
}

const detailRequests = (requests: { url: string }[]) => requests.filter((r) => r.url === '/api/calls/call-1');

describe('call page', () => {
  it('shows who called, when, for how long, how it ended, the summary, the lead and the follow-up task', async () => {
    callServer(() => callDetail());
    renderApp('/calls/call-1');

    expect(await screen.findByRole('heading', { level: 1, name: 'שיחה מאת דנה לוי' })).toBeInTheDocument();
    expect(screen.getByTestId('disposition-chip')).toHaveTextContent('הושארה הודעה');
    const facts = screen.getAllByRole('definition');
    expect(within(facts[0]).getByRole('link', { name: 'דנה לוי' })).toHaveAttribute('href', '/customers/c-7');
    expect(facts[0]).toHaveTextContent('054-123-4567');
    // 08:05 UTC is 10:05 in Jerusalem in January.
    expect(facts[1]).toHaveTextContent('15.01.2026, 10:05');
    expect(facts[2]).toHaveTextContent('3:07');
    expect(screen.getByTestId('call-status')).toHaveTextContent('הסתיימה');

    const summary = screen.getByRole('region', { name: 'סיכום השיחה' });
    expect(summary).toHaveTextContent('דנה מבקשת הצעת מחיר לביטוח רכב');
    expect(summary).toHaveTextContent('כוונהבקשה לחזרה');
    expect(summary).toHaveTextContent('נושאביטוח רכב');
    expect(summary).toHaveTextContent('זמן מועדףאחר הצהריים');

    const task = screen.getByRole('region', { name: 'משימת המשך' });
    expect(within(task).getByRole('link', { name: 'לחזור לדנה לוי' })).toHaveAttribute('href', '/tasks/t-9/edit');

    expect(screen.queryByTestId('transcription-off')).not.toBeInTheDocument();
  });

  it('shows each turn: what the caller said, what we answered and how, and how long each stage took', async () => {
    callServer(() =>
      callDetail({
        turns: [
          turn(1),
          turn(2, {
            transcript: 'ותחזרו אליי אחרי ארבע',
            reply: null,
            spokenAs: 'fallback',
            state: 'failed',
            stages: [
              { stage: 'download', outcome: 'ok', milliseconds: 200 },
              { stage: 'reply', outcome: 'timeout', milliseconds: 8000, detail: 'no answer in 8 s' },
            ],
          }),
        ],
      }),
    );
    renderApp('/calls/call-1');

    const first = await screen.findByTestId('call-turn-1');
    expect(within(first).getByRole('heading', { name: 'הודעה 1' })).toBeInTheDocument();
    expect(within(first).getByRole('heading', { name: 'מה אמר המתקשר' })).toBeInTheDocument();
    expect(within(first).getByTestId('transcript')).toHaveTextContent('שלום, אני רוצה לבדוק הצעת מחיר לביטוח רכב');
    expect(first).toHaveTextContent('תודה רבה, סוכן יחזור אליך היום עם הצעה.');
    expect(first).toHaveTextContent('הושמעה בקול מסונתז');
    expect(first).toHaveTextContent('0:07');

    const stages = within(first).getByRole('table', { name: 'זמני עיבוד של הודעה 1' });
    const stageRows = within(stages).getAllByRole('row').slice(1);
    expect(stageRows.map((row) => row.textContent)).toEqual([
      'הורדת ההקלטההצליח310 מילישניות',
      'תמלולהצליח1.24 שנ׳',
      'ניסוח תשובההצליח2.1 שנ׳',
      'הקראההצליח650 מילישניות',
      'סך הכול4.3 שנ׳',
    ]);

    const second = screen.getByTestId('call-turn-2');
    expect(second).toHaveTextContent('העיבוד נכשל; המתקשר שמע את הודעת הגיבוי');
    expect(second).toHaveTextContent('הושמעה הודעת הגיבוי');
    expect(second).toHaveTextContent('חרג מהזמן');
    expect(second).toHaveTextContent('no answer in 8 s');
  });

  it('fetches each recording with the bearer token and plays it from an object URL, revoked on leaving', async () => {
    const { requests } = callServer(() => callDetail({ turns: [turn(1), turn(2)] }));
    renderApp('/calls/call-1');

    const player = await screen.findByLabelText('הקלטת הודעה 1');
    await waitFor(() => expect(player).toHaveAttribute('src', expect.stringMatching(/^blob:/)));
    expect(player.tagName).toBe('AUDIO');
    expect(player).toHaveAttribute('controls');
    expect(player).toHaveAttribute('preload', 'metadata');
    await waitFor(() => expect(screen.getByLabelText('הקלטת הודעה 2')).toHaveAttribute('src', expect.stringMatching(/^blob:/)));

    const recordings = requests.filter((r) => r.url.startsWith('/api/calls/call-1/recording'));
    expect(recordings.map((r) => r.url)).toEqual([
      '/api/calls/call-1/recording?turn=1',
      '/api/calls/call-1/recording?turn=2',
    ]);
    expect(recordings.every((r) => r.authorization === 'Bearer token-1')).toBe(true);
    expect(createObjectURL.mock.calls[0][0]).toMatchObject({ type: 'audio/wav', size: 8 });
    const src = player.getAttribute('src');

    await userEvent.click(screen.getByRole('link', { name: 'שיחות', current: false, hidden: false }));
    await waitFor(() => expect(revokeObjectURL).toHaveBeenCalledWith(src));
  });

  it('says when a recording could not be loaded, and tries again on request', async () => {
    let fail = true;
    callsServer((_, url) => {
      if (url.pathname === '/api/calls/call-1') return json(200, callDetail());
      if (url.pathname === '/api/calls/call-1/recording')
        return fail ? problem(404, { title: 'Not Found' }) : audio();
      return undefined;
    });
    renderApp('/calls/call-1');

    expect(await screen.findByText(/לא הצלחנו לטעון את ההקלטה/)).toBeInTheDocument();
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'נסו שוב' }));
    await waitFor(() => expect(screen.getByLabelText('הקלטת הודעה 1')).toHaveAttribute('src', expect.stringMatching(/^blob:/)));
  });

  it('says transcription is not configured, and what the caller heard instead', async () => {
    callServer(() =>
      callDetail({
        transcriptionConfigured: false,
        summary: null,
        intent: null,
        lead: null,
        turns: [turn(1, { state: 'not-configured', transcript: null, reply: null, spokenAs: 'fallback', stages: [] })],
      }),
    );
    renderApp('/calls/call-1');

    expect(await screen.findByTestId('transcription-off')).toHaveTextContent('התמלול אינו מוגדר');
    expect(screen.getByTestId('transcription-off')).toHaveTextContent('מפתח OpenAI או מודל Whisper מקומי');
    expect(screen.queryByTestId('transcription-provider')).not.toBeInTheDocument();
    expect(screen.queryByTestId('transcribed-by')).not.toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'סיכום השיחה' })).toHaveTextContent('אין סיכום לשיחה זו.');
    const only = screen.getByTestId('call-turn-1');
    expect(only).toHaveTextContent('התמלול אינו מוגדר; המתקשר שמע את הודעת הגיבוי');
    expect(within(only).queryByRole('heading', { name: 'מה אמר המתקשר' })).not.toBeInTheDocument();
    expect(within(only).queryByRole('table')).not.toBeInTheDocument();
  });

  it('says which speech-to-text is on and which one transcribed each turn', async () => {
    callServer(() =>
      callDetail({
        transcriptionProvider: 'whisper-local',
        turns: [
          turn(1, { transcribedBy: 'openai' }),
          turn(2, { transcribedBy: 'whisper-local', reply: null, spokenAs: 'fallback' }),
        ],
      }),
    );
    renderApp('/calls/call-1');

    expect(await screen.findByTestId('transcription-provider')).toHaveTextContent('תמלול: במחשב המקומי (Whisper)');
    expect(screen.queryByTestId('transcription-off')).not.toBeInTheDocument();
    expect(within(screen.getByTestId('call-turn-1')).getByTestId('transcribed-by')).toHaveTextContent('תומלל ב־OpenAI');
    expect(within(screen.getByTestId('call-turn-2')).getByTestId('transcribed-by')).toHaveTextContent(
      'תומלל במחשב המקומי (Whisper)',
    );
  });

  it('says a silent recording was too short or quiet', async () => {
    callServer(() => callDetail({ turns: [turn(1, { state: 'silent', transcript: null, reply: null, spokenAs: null })] }));
    renderApp('/calls/call-1');

    expect(await screen.findByTestId('call-turn-1')).toHaveTextContent('הקלטה שקטה או קצרה מדי');
  });

  it('shows the caller’s number for an unknown caller, and no task when none was made', async () => {
    callServer(() => callDetail({ customer: null, task: null, turns: [] }));
    renderApp('/calls/call-1');

    const title = await screen.findByRole('heading', { level: 1 });
    expect(title).toHaveTextContent('שיחה מאת 054-123-4567');
    expect(screen.getByRole('region', { name: 'משימת המשך' })).toHaveTextContent('לא נוצרה משימה לשיחה זו.');
    expect(screen.getByText('המתקשר לא השאיר הודעה.')).toBeInTheDocument();
  });

  it('says the call was not found for a 404', async () => {
    callServer(() => problem(404, { title: 'Not Found' }));
    renderApp('/calls/call-1');

    expect(await screen.findByRole('heading', { name: 'השיחה לא נמצאה' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'חזרה לרשימת השיחות' })).toHaveAttribute('href', '/calls');
  });

  it('shows an error with a retry when the call cannot be loaded', async () => {
    let fail = true;
    callServer(() => (fail ? problem(500, { title: 'Internal Server Error' }) : callDetail()));
    renderApp('/calls/call-1');

    expect(await screen.findByRole('heading', { name: 'לא הצלחנו לטעון את השיחה' })).toBeInTheDocument();
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'נסו שוב' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'שיחה מאת דנה לוי' })).toBeInTheDocument();
  });
});

describe('a call still being worked on', () => {
  it('polls every 2 s while a turn is pending, and stops once everything is ready', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let current = callDetail({
      status: 'in-progress',
      disposition: 'in-progress',
      endedAt: null,
      durationSeconds: null,
      summary: null,
      intent: null,
      lead: null,
      task: null,
      turns: [turn(1, { state: 'pending', transcript: null, reply: null, spokenAs: null, stages: [] })],
    });
    const { requests } = callServer(() => current);
    renderApp('/calls/call-1');

    const pending = await screen.findByTestId('call-turn-1');
    // The recording player may still show its own loading status beside the turn's.
    expect(within(pending).getAllByRole('status').map((status) => status.textContent)).toContain('מעבד…');
    expect(screen.getByTestId('disposition-chip')).toHaveTextContent('בשיחה');
    expect(screen.getByText('השיחה עדיין מתנהלת; הדף מתעדכן מעצמו.')).toBeInTheDocument();
    const first = detailRequests(requests).length;

    await act(() => vi.advanceTimersByTimeAsync(2_100));
    await waitFor(() => expect(detailRequests(requests).length).toBe(first + 1));

    current = callDetail();
    await act(() => vi.advanceTimersByTimeAsync(2_100));
    expect(await screen.findByTestId('transcript')).toHaveTextContent('שלום, אני רוצה לבדוק');
    expect(screen.getByTestId('disposition-chip')).toHaveTextContent('הושארה הודעה');
    const settled = detailRequests(requests).length;

    await act(() => vi.advanceTimersByTimeAsync(6_000));
    expect(detailRequests(requests).length).toBe(settled);
    // The recording is fetched once, not on every poll.
    expect(requests.filter((r) => r.url.includes('/recording')).length).toBe(1);
  });

  it('refetches the call when the hub says it changed, and ignores other calls', async () => {
    let current = callDetail({ summary: 'לפני' });
    const { requests } = callServer(() => current);
    const realtime = createFakeRealtime({ WatchCalls: () => true });
    renderApp('/calls/call-1', { realtime });
    await screen.findByText('לפני');
    await waitFor(() => expect(realtime.invocations).toEqual([{ method: 'WatchCalls', args: [] }]));
    const before = detailRequests(requests).length;

    act(() => realtime.emit('call:updated', callItem(5)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(detailRequests(requests).length).toBe(before);

    current = callDetail({ summary: 'אחרי' });
    act(() => realtime.emit('call:updated', callItem(1, { id: 'CALL-1' })));
    expect(await screen.findByText('אחרי')).toBeInTheDocument();
    expect(detailRequests(requests).length).toBe(before + 1);
  });
});
