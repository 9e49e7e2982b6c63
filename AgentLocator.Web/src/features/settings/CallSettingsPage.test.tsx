import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { openUserMenu } from '../../test/userMenu';
import userEvent from '@testing-library/user-event';
import type { CallSettings, FeatureKey } from '../../api/contracts';
import { resetSessionForTests } from '../auth/session';
import { renderApp } from '../../test/renderApp';
import { authResponse, json, meResponse, mockFetch, problem, type RecordedRequest } from '../../test/http';

afterEach(() => {
  resetSessionForTests();
  vi.unstubAllGlobals();
});

const DEFAULTS = {
  defaultGreetingText: 'שלום, הגעתם לסוכנות הדגמה. השאירו הודעה אחרי הצליל.',
  defaultReplyPrompt: 'ענה בעברית, בקצרה ובנימוס.',
  defaultFallbackMessage: 'תודה, נחזור אליכם בהקדם.',
};

function settings(overrides: Partial<CallSettings> = {}): CallSettings {
  return {
    greetingText: null,
    hasGreetingAudio: false,
    greetingAudioUrl: null,
    replyPrompt: 'ענה כמו סוכן ביטוח.',
    fallbackMessage: null,
    defaultAgentId: null,
    twilioNumber: '+97235550100',
    hasHoldClip: false,
    holdClipUrl: null,
    holdClipSeconds: null,
    defaultHoldClipUrl: 'https://crm.example.com/media/hold.wav',
    callbackDelayMinutes: 10,
    workingHours: null,
    timeZone: 'Asia/Jerusalem',
    ...DEFAULTS,
    ...overrides,
  };
}

const USERS = [
  { id: 'u-admin', email: 'admin@demo.local', displayName: 'מנהלת', role: 'admin', featureLimits: null, effectiveFeatures: [] },
  { id: 'u-agent', email: 'agent@demo.local', displayName: 'יוסי סוכן', role: 'agent', featureLimits: null, effectiveFeatures: [] },
];

type Route = (request: RecordedRequest) => Response | undefined;

function settingsServer(route: Route = () => undefined, options: { role?: 'admin' | 'agent'; features?: FeatureKey[] } = {}) {
  let current = settings();
  const server = mockFetch((request) => {
    const { url, method } = request;
    if (url === '/api/auth/refresh') return json(200, authResponse('token-1'));
    if (url === '/api/me') {
      const me = meResponse(options.features ?? ['crm', 'calls']);
      return json(200, { ...me, user: { ...me.user, role: options.role ?? 'admin' } });
    }
    const answer = route(request);
    if (answer) return answer;
    if (url === '/api/admin/users') return json(200, USERS);
    if (url === '/api/admin/call-settings' && method === 'GET') return json(200, current);
    if (url === '/api/admin/call-settings' && method === 'PUT') {
      current = { ...current, ...(request.body as Partial<CallSettings>) };
      return json(200, current);
    }
    if (url === '/api/admin/call-settings/greeting-audio' && method === 'PUT') {
      current = { ...current, hasGreetingAudio: true, greetingAudioUrl: '/media/public/greetings/b1.mp3' };
      return json(200, current);
    }
    if (url === '/api/admin/call-settings/hold-clip' && method === 'PUT') {
      current = { ...current, hasHoldClip: true, holdClipUrl: '/media/clip-key', holdClipSeconds: 7.5 };
      return json(200, current);
    }
    if (url === '/api/admin/call-settings/hold-clip' && method === 'DELETE') {
      current = { ...current, hasHoldClip: false, holdClipUrl: null, holdClipSeconds: null };
      return json(200, current);
    }
    if (url === '/api/admin/call-settings/greeting-audio' && method === 'DELETE') {
      current = { ...current, hasGreetingAudio: false, greetingAudioUrl: null };
      return json(200, current);
    }
    return problem(404, { title: 'Not Found' });
  });
  return server;
}

/** A file of `size` bytes without allocating it. */
function fileOf(name: string, type: string, size: number): File {
  const file = new File(['RIFF'], name, { type });
  Object.defineProperty(file, 'size', { value: size });
  return file;
}

describe('call settings', () => {
  it('shows the current texts, the defaults as placeholders, and the business’s agents', async () => {
    settingsServer();
    renderApp('/settings/calls');

    const greeting = await screen.findByLabelText('נוסח הפתיח');
    expect(greeting).toHaveValue('');
    expect(greeting).toHaveAttribute('placeholder', DEFAULTS.defaultGreetingText);
    expect(screen.getByLabelText('הנחיה לניסוח התשובה')).toHaveValue('ענה כמו סוכן ביטוח.');
    expect(screen.getByLabelText('הודעת גיבוי')).toHaveAttribute('placeholder', DEFAULTS.defaultFallbackMessage);
    const agent = screen.getByLabelText('סוכן ברירת מחדל');
    await waitFor(() =>
      expect(within(agent).getAllByRole('option').map((o) => o.textContent)).toEqual([
        'ללא',
        'מנהלת (מנהל)',
        'יוסי סוכן (סוכן)',
      ]),
    );
    expect(screen.getByText('+97235550100')).toBeInTheDocument();
    expect(screen.getByText(/אין הקלטת פתיח/)).toBeInTheDocument();
  });

  it('saves the texts and the agent, sending an emptied box as null (use the default)', async () => {
    const { requests } = settingsServer();
    renderApp('/settings/calls');

    await userEvent.type(await screen.findByLabelText('נוסח הפתיח'), '  שלום וברכה  ');
    await userEvent.clear(screen.getByLabelText('הנחיה לניסוח התשובה'));
    await waitFor(() => expect(screen.getAllByRole('option', { name: 'יוסי סוכן (סוכן)' })).toHaveLength(1));
    await userEvent.selectOptions(screen.getByLabelText('סוכן ברירת מחדל'), 'יוסי סוכן (סוכן)');
    await userEvent.click(screen.getByRole('button', { name: 'שמירת הגדרות' }));

    expect(await screen.findByText('ההגדרות נשמרו.')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'PUT' && r.url === '/api/admin/call-settings')).toMatchObject({
      authorization: 'Bearer token-1',
      body: { greetingText: 'שלום וברכה', replyPrompt: null, fallbackMessage: null, defaultAgentId: 'u-agent' },
    });
    expect(screen.getByLabelText('נוסח הפתיח')).toHaveValue('שלום וברכה');
  });

  it('starts editing from the default text on request', async () => {
    settingsServer();
    renderApp('/settings/calls');

    await userEvent.click(await screen.findByRole('button', { name: 'עריכה מתוך ברירת המחדל: הודעת גיבוי' }));

    expect(screen.getByLabelText('הודעת גיבוי')).toHaveValue(DEFAULTS.defaultFallbackMessage);
  });

  it('shows the API’s validation problems next to their fields and focuses the first', async () => {
    settingsServer(({ url, method }) =>
      url === '/api/admin/call-settings' && method === 'PUT'
        ? problem(400, {
            title: 'One or more validation errors occurred.',
            errors: {
              GreetingText: ['נוסח הפתיח ארוך מדי (עד 500 תווים).'],
              defaultAgentId: ['המשתמש לא נמצא.'],
            },
          })
        : undefined,
    );
    renderApp('/settings/calls');

    await userEvent.type(await screen.findByLabelText('נוסח הפתיח'), 'ארוך');
    await userEvent.click(screen.getByRole('button', { name: 'שמירת הגדרות' }));

    const greeting = screen.getByLabelText('נוסח הפתיח');
    expect(await screen.findByText('נוסח הפתיח ארוך מדי (עד 500 תווים).')).toBeInTheDocument();
    expect(greeting).toHaveAttribute('aria-invalid', 'true');
    expect(greeting).toHaveAccessibleDescription(expect.stringContaining('נוסח הפתיח ארוך מדי'));
    expect(greeting).toHaveFocus();
    expect(screen.getByLabelText('סוכן ברירת מחדל')).toHaveAccessibleDescription(expect.stringContaining('המשתמש לא נמצא.'));
    expect(screen.getByLabelText('הודעת גיבוי')).not.toHaveAttribute('aria-invalid');
    expect(screen.queryByText('ההגדרות נשמרו.')).not.toBeInTheDocument();
  });

  it('refuses a greeting file over 5 MB before uploading it', async () => {
    const { requests } = settingsServer();
    renderApp('/settings/calls');

    await userEvent.upload(await screen.findByLabelText('העלאת הקלטת פתיח'), fileOf('big.mp3', 'audio/mpeg', 6 * 1024 * 1024));

    expect(screen.getByText(/הקובץ גדול מדי \(6MB\)/)).toBeInTheDocument();
    expect(screen.getByLabelText('העלאת הקלטת פתיח')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('button', { name: 'העלאה' })).toBeDisabled();
    expect(requests.filter((r) => r.url.includes('greeting-audio'))).toHaveLength(0);
  });

  it('uploads a greeting as multipart field "file", previews it, and removes it', async () => {
    const { requests } = settingsServer();
    renderApp('/settings/calls');
    const file = fileOf('greeting.mp3', 'audio/mpeg', 200_000);

    await userEvent.upload(await screen.findByLabelText('העלאת הקלטת פתיח'), file);
    await userEvent.click(screen.getByRole('button', { name: 'העלאה' }));

    const preview = await screen.findByLabelText('הקלטת הפתיח הנוכחית');
    expect(preview.tagName).toBe('AUDIO');
    expect(preview).toHaveAttribute('src', '/media/public/greetings/b1.mp3');
    expect(screen.getByText('ההקלטה הועלתה.')).toBeInTheDocument();
    const upload = requests.find((r) => r.url === '/api/admin/call-settings/greeting-audio' && r.method === 'PUT')!;
    expect(upload.authorization).toBe('Bearer token-1');
    expect(upload.form?.get('file')).toMatchObject({ name: 'greeting.mp3', type: 'audio/mpeg' });
    expect(upload.contentType).toBeNull(); // fetch sets the multipart boundary itself

    await userEvent.click(screen.getByRole('button', { name: 'הסרת ההקלטה' }));

    expect(await screen.findByText('ההקלטה הוסרה.')).toBeInTheDocument();
    expect(screen.queryByLabelText('הקלטת הפתיח הנוכחית')).not.toBeInTheDocument();
    expect(requests.some((r) => r.url === '/api/admin/call-settings/greeting-audio' && r.method === 'DELETE')).toBe(true);
  });

  it('refuses a file that is not audio, and explains the server’s refusals', async () => {
    settingsServer(({ url, method }) =>
      url === '/api/admin/call-settings/greeting-audio' && method === 'PUT'
        ? problem(415, { title: 'Unsupported Media Type', detail: 'הקובץ אינו קובץ שמע.' })
        : undefined,
    );
    renderApp('/settings/calls');
    const input = await screen.findByLabelText('העלאת הקלטת פתיח');

    await userEvent.upload(input, fileOf('notes.txt', 'text/plain', 100), { applyAccept: false });
    expect(screen.getByText('יש לבחור קובץ שמע (למשל MP3 או WAV).')).toBeInTheDocument();

    await userEvent.upload(input, fileOf('odd.wav', 'audio/wav', 100));
    await userEvent.click(screen.getByRole('button', { name: 'העלאה' }));
    expect(await screen.findByText('הקובץ אינו קובץ שמע.')).toBeInTheDocument();
  });

  it('plays the built-in hold music, uploads the business’s own clip as field "file", and goes back to the built-in one', async () => {
    const { requests } = settingsServer();
    renderApp('/settings/calls');

    const builtIn = await screen.findByLabelText('מוזיקת ההמתנה המובנית');
    expect(builtIn).toHaveAttribute('src', 'https://crm.example.com/media/hold.wav');
    expect(screen.queryByRole('button', { name: 'חזרה למוזיקה המובנית' })).not.toBeInTheDocument();

    await userEvent.upload(screen.getByLabelText('העלאת קטע המתנה'), fileOf('music.mp3', 'audio/mpeg', 120_000));
    await userEvent.click(screen.getByRole('button', { name: 'העלאת הקטע' }));

    const own = await screen.findByLabelText('קטע ההמתנה הנוכחי');
    expect(own).toHaveAttribute('src', '/media/clip-key');
    expect(screen.getByText(/הקטע שלכם \(7\.5 שניות\)/)).toBeInTheDocument();
    expect(screen.getByText('קטע ההמתנה הועלה.')).toBeInTheDocument();
    const upload = requests.find((r) => r.url === '/api/admin/call-settings/hold-clip' && r.method === 'PUT')!;
    expect(upload.form?.get('file')).toMatchObject({ name: 'music.mp3', type: 'audio/mpeg' });

    await userEvent.click(screen.getByRole('button', { name: 'חזרה למוזיקה המובנית' }));

    expect(await screen.findByText('חזרתם למוזיקת ההמתנה המובנית.')).toBeInTheDocument();
    expect(screen.getByLabelText('מוזיקת ההמתנה המובנית')).toBeInTheDocument();
    expect(requests.some((r) => r.url === '/api/admin/call-settings/hold-clip' && r.method === 'DELETE')).toBe(true);
  });

  it('explains a hold clip whose length the server refuses', async () => {
    settingsServer(({ url, method }) =>
      url === '/api/admin/call-settings/hold-clip' && method === 'PUT'
        ? problem(422, { title: 'The hold clip cannot be used.', detail: 'The hold clip plays 40 seconds.' })
        : undefined,
    );
    renderApp('/settings/calls');

    await userEvent.upload(await screen.findByLabelText('העלאת קטע המתנה'), fileOf('long.wav', 'audio/wav', 100_000));
    await userEvent.click(screen.getByRole('button', { name: 'העלאת הקטע' }));

    expect(await screen.findByText('אורך הקטע חייב להיות בין 1 ל-20 שניות, בקובץ MP3 או WAV תקין.')).toBeInTheDocument();
    expect(screen.getByLabelText('העלאת קטע המתנה')).toHaveAttribute('aria-invalid', 'true');
  });

  it('is for admins only', async () => {
    settingsServer(undefined, { role: 'agent' });
    renderApp('/settings/calls');

    expect(await screen.findByRole('heading', { name: 'הדף מיועד למנהלים בלבד' })).toBeInTheDocument();
    await openUserMenu();
    expect(screen.queryByRole('link', { name: 'הגדרות מענה טלפוני' })).not.toBeInTheDocument();
  });

  it('is linked from the admin navigation only when the business has calls', async () => {
    settingsServer(undefined, { features: ['crm'] });
    renderApp('/settings/calls');

    expect(await screen.findByRole('heading', { name: 'התכונה אינה זמינה בחבילה שלך' })).toBeInTheDocument();
    await openUserMenu();
    expect(screen.getByRole('link', { name: 'הגדרות' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'הגדרות מענה טלפוני' })).not.toBeInTheDocument();
  });

  it('is in the admin navigation when the business has calls', async () => {
    settingsServer();
    renderApp('/');

    await openUserMenu();
    await userEvent.click(screen.getByRole('link', { name: 'הגדרות מענה טלפוני' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'הגדרות: מענה טלפוני' })).toBeInTheDocument();
  });
});
