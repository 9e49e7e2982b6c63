// What the e2e API is started with and the tests need to know too (see playwright.config.ts).

/** Local fakes of OpenAI's and Twilio's wire formats (tests/AgentLocator.FakeProviders): a simulated call is transcribed and answered. */
export const fakesPort = Number(process.env.E2E_FAKES_PORT ?? 5198);
export const fakesURL = `http://127.0.0.1:${fakesPort}`;

/** Signs the simulated Twilio webhooks; the API is given the same token, and its own address as PUBLIC_HOST. */
export const e2eTwilioToken = 'e2e-twilio-token';

/**
 * The account the fake Twilio requires (HTTP Basic with the token) and sends WhatsApp messages for: AC as Twilio's,
 * but never a real account's 32 hex digits; the same value as FakeTwilio.DefaultAccountSid (tests/AgentLocator.FakeProviders).
 */
export const e2eTwilioSid = 'ACfake-local-twilio-account';

/** The WhatsApp sender number the e2e test gives the demo business. */
export const demoWhatsAppNumber = '+97235550177';

/** The demo business's Twilio number (DevelopmentSeed). */
export const demoBusinessNumber = '+97235550100';

/**
 * How long the e2e API honours a repeat of the previous refresh token (Auth:RefreshReuseGrace), short so that a
 * test can step past it; long enough that a reload on a busy machine still repeats a lost answer inside it.
 */
export const refreshReuseGraceSeconds = 5;

/** Debian's Chromium, since Playwright cannot download browsers here. */
export const chromiumPath = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';

// The network flags stop Chromium from calling home, which on this closed network shows up as connection errors.
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
