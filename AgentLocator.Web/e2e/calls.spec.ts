import { writeFile } from 'node:fs/promises';
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures';
import { authed, signIn } from './session';
import { simulateCall } from './twilio';

/** Unique per run, so reruns against the same database never collide on names or phones. */
const RUN = Math.random().toString(36).slice(2, 8);
/** A random mobile number in E.164 (as Twilio posts `From`), never a seeded customer's. */
const randomCaller = () => `+97250${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

/** What the simulated caller says in their one message, and what the transcription must come back with. */
const TRANSCRIPT = `שלום, זו בדיקה ${RUN}. אני מבקש הצעת מחיר לביטוח רכב, תחזרו אליי בבקשה.`;

/** `seconds` of a quiet 440 Hz tone as 8 kHz mono 16-bit PCM WAV: a real, decodable recording with a duration. */
function wav(seconds: number): Buffer {
  const rate = 8_000;
  const samples = Math.round(rate * seconds);
  const buffer = Buffer.alloc(44 + samples * 2);
  buffer.write('RIFF', 0, 'ascii');
  buffer.writeUInt32LE(36 + samples * 2, 4);
  buffer.write('WAVE', 8, 'ascii');
  buffer.write('fmt ', 12, 'ascii');
  buffer.writeUInt32LE(16, 16); // fmt chunk size
  buffer.writeUInt16LE(1, 20); // PCM
  buffer.writeUInt16LE(1, 22); // mono
  buffer.writeUInt32LE(rate, 24);
  buffer.writeUInt32LE(rate * 2, 28); // byte rate
  buffer.writeUInt16LE(2, 32); // block align
  buffer.writeUInt16LE(16, 34); // bits per sample
  buffer.write('data', 36, 'ascii');
  buffer.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) {
    buffer.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 3_000), 44 + i * 2);
  }
  return buffer;
}

let api: APIRequestContext;

test.describe.configure({ mode: 'serial' });
// This spec is about alerts: none is snoozed for it.
test.use({ strayAlerts: 'keep' });

test.beforeAll(async ({ baseURL }) => {
  api = await authed(baseURL!);
  // The follow-up rings at once (the business's callback delay 0), as these tests wait for its alert.
  const timing = await api.put('/api/admin/call-settings/callback', { data: { callbackDelayMinutes: 0, workingHours: null } });
  expect(timing.status()).toBe(200);
});

test.afterAll(async () => {
  await api.dispose();
});

test('a call appears live in the list, and its page shows the transcript and plays the recording', async ({ page, baseURL }, testInfo) => {
  const caller = randomCaller();
  await signIn(page);
  await page.goto('/calls');
  await expect(page.getByRole('heading', { level: 1, name: 'שיחות' })).toBeVisible();
  // Only once the hub has accepted WatchCalls can a push reach this page.
  await expect(page.locator('.calls-page')).toHaveAttribute('data-live', 'active');
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  const result = await simulateCall(
    api,
    baseURL!,
    { from: caller, messages: [{ wav: wav(3), transcript: TRANSCRIPT }], durationSeconds: 14 },
    async ({ callId }) => {
      // Still ringing on: the row is there, marked as in progress, without a reload.
      const row = page.getByTestId(`call-row-${callId}`);
      await expect(row).toBeVisible();
      await expect(row.getByTestId('disposition-chip')).toHaveText('בשיחה');
    },
  );

  const row = page.getByTestId(`call-row-${result.callId}`);
  await expect(row.getByTestId('disposition-chip')).toHaveText('הושארה הודעה', { timeout: 20_000 });
  await expect(row.locator('[data-column="duration"]')).toHaveText('0:14');
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  // The follow-up task for the default agent (this admin) is due now: it rings here with the call's summary.
  // Alerts of other tasks due now (earlier runs on the same database) are snoozed out of the way until it shows.
  const due = page.getByRole('dialog');
  await expect
    .poll(
      async () => {
        if (!(await due.isVisible())) return false;
        if ((await due.textContent())?.includes(TRANSCRIPT)) return true;
        await due.getByRole('button', { name: /נודניק/ }).click();
        return false;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  await expect(due).toContainText('בעקבות הודעה');
  await page.screenshot({ path: testInfo.outputPath('calls-list.png'), fullPage: true });
  while (await due.isVisible()) {
    // A snooze can take longer than the pause below on a busy machine: the dialog may then close (its last alert
    // snoozed) while this click waits for the button, and there is nothing left to snooze.
    await due
      .getByRole('button', { name: /נודניק/ })
      .click({ timeout: 5_000 })
      .catch(async (error: unknown) => {
        if (await due.isVisible()) throw error;
      });
    await page.waitForTimeout(200);
  }

  await row.locator('[data-column="startedAt"] a').click();
  await expect(page).toHaveURL(new RegExp(`/calls/${result.callId}$`));
  await expect(page.getByRole('heading', { level: 1, name: /שיחה מאת/ })).toBeVisible();

  const turn = page.getByTestId('call-turn-1');
  if (result.transcriptionConfigured) {
    // The page polls every 2 s until the turn is no longer pending.
    await expect(turn.getByTestId('transcript')).toHaveText(TRANSCRIPT, { timeout: 30_000 });
    await expect(turn.getByRole('heading', { name: 'מה אמר המתקשר' })).toBeVisible();
    await expect(turn.getByRole('table', { name: 'זמני עיבוד של הודעה 1' })).toBeVisible();
  } else {
    await expect(page.getByTestId('transcription-off')).toContainText('התמלול אינו מוגדר');
    await expect(turn).toHaveAttribute('data-state', 'not-configured', { timeout: 30_000 });
  }

  // The recording needs the bearer token, so it plays from an object URL the page made from the fetched bytes.
  const player = turn.getByLabel('הקלטת הודעה 1');
  await expect(player).toHaveAttribute('src', /^blob:/);
  await expect(player).toHaveAttribute('preload', 'metadata');
  await expect
    .poll(() => player.evaluate((audio: HTMLAudioElement) => audio.readyState), { timeout: 10_000 })
    .toBeGreaterThanOrEqual(1); // HAVE_METADATA
  // Muted, so Chromium's autoplay policy allows play() without a user gesture.
  await player.evaluate((audio: HTMLAudioElement) => {
    audio.muted = true;
    return audio.play();
  });
  await expect.poll(() => player.evaluate((audio: HTMLAudioElement) => audio.duration)).toBeGreaterThan(0);
  await expect
    .poll(() => player.evaluate((audio: HTMLAudioElement) => audio.currentTime > 0 || audio.ended))
    .toBe(true);
  await page.screenshot({ path: testInfo.outputPath('call-page.png'), fullPage: true });

  // The caller's customer card (a lead made for the new number) lists the call under its Calls tab.
  const customerLink = page.locator('.call-page__facts').getByRole('link').first();
  await customerLink.click();
  await page.getByRole('tab', { name: 'שיחות' }).click();
  await expect(page.getByRole('table', { name: 'שיחות הלקוח' }).getByTestId(`call-row-${result.callId}`)).toBeVisible();
});

test('an admin sets the greeting text and uploads, previews and removes a greeting recording and a hold clip', async ({ page }, testInfo) => {
  const before = (await (await api.get('/api/admin/call-settings')).json()) as {
    greetingText: string | null;
    replyPrompt: string | null;
    fallbackMessage: string | null;
    defaultAgentId: string | null;
  };
  const greeting = `שלום, הגעתם לסוכנות הבדיקות ${RUN}. השאירו הודעה אחרי הצליל.`;
  const file = testInfo.outputPath('greeting.wav');
  await writeFile(file, wav(2));

  try {
    await signIn(page);
    await page.getByRole('button', { name: /^תפריט המשתמש/ }).click();
    await page.getByRole('link', { name: 'הגדרות מענה טלפוני' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'הגדרות: מענה טלפוני' })).toBeVisible();

    await page.getByRole('textbox', { name: 'נוסח הפתיח' }).fill(greeting);
    await page.getByRole('button', { name: 'שמירת הגדרות' }).click();
    await expect(page.getByText('ההגדרות נשמרו.')).toBeVisible();
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'נוסח הפתיח' })).toHaveValue(greeting);

    await page.getByLabel('העלאת הקלטת פתיח').setInputFiles(file);
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/admin/call-settings/greeting-audio'));
    await page.getByRole('button', { name: 'העלאה' }).click();
    const response = await answer;
    expect(response.status()).toBe(200);
    expect(response.request().headers()['content-type']).toMatch(/^multipart\/form-data; boundary=/);

    // The greeting's URL is public (Twilio plays it), so the element loads it without a token.
    const preview = page.getByLabel('הקלטת הפתיח הנוכחית');
    await expect(preview).toBeVisible();
    await expect
      .poll(() => preview.evaluate((audio: HTMLAudioElement) => audio.duration), { timeout: 10_000 })
      .toBeGreaterThan(1.5);
    await page.screenshot({ path: testInfo.outputPath('call-settings.png'), fullPage: true });

    await page.getByRole('button', { name: 'הסרת ההקלטה' }).click();
    await expect(page.getByText('ההקלטה הוסרה.')).toBeVisible();
    await expect(preview).toHaveCount(0);

    // The hold music: the built-in clip plays from its public URL; the business's own replaces it until removed.
    await expect(page.getByLabel('מוזיקת ההמתנה המובנית')).toBeVisible();
    await page.getByLabel('העלאת קטע המתנה').setInputFiles(file);
    const held = page.waitForResponse((r) => r.url().endsWith('/api/admin/call-settings/hold-clip'));
    await page.getByRole('button', { name: 'העלאת הקטע' }).click();
    expect((await held).status()).toBe(200);
    const clip = page.getByLabel('קטע ההמתנה הנוכחי');
    await expect
      .poll(() => clip.evaluate((audio: HTMLAudioElement) => audio.duration), { timeout: 10_000 })
      .toBeGreaterThan(1.5);
    await page.getByRole('button', { name: 'חזרה למוזיקה המובנית' }).click();
    await expect(page.getByText('חזרתם למוזיקת ההמתנה המובנית.')).toBeVisible();
    await expect(clip).toHaveCount(0);
  } finally {
    await api.delete('/api/admin/call-settings/hold-clip');
    const { greetingText, replyPrompt, fallbackMessage, defaultAgentId } = before;
    await api.put('/api/admin/call-settings', { data: { greetingText, replyPrompt, fallbackMessage, defaultAgentId } });
  }
});
