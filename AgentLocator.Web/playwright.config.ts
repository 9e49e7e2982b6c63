import { defineConfig } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { chromiumArgs, chromiumPath, e2eTwilioSid, e2eTwilioToken, fakesPort, fakesURL, refreshReuseGraceSeconds } from './e2e/environment';

// The e2e suite runs the built SPA served by the real AgentLocator.Api (same origin, SPA fallback).
// The test script builds the solution and this app, and exports the Postgres/Redis connection strings.
const webDir = path.dirname(fileURLToPath(import.meta.url));
const apiDir = path.resolve(webDir, '../AgentLocator.Api');
const port = Number(process.env.E2E_PORT ?? 5199);
const baseURL = `http://127.0.0.1:${port}`;


/** Only pass a connection string when it is set, so the API reports a missing one clearly. */
function passThrough(...names: string[]): Record<string, string> {
  return Object.fromEntries(names.flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : [])));
}

export default defineConfig({
  testDir: './e2e',
  workers: 1,
  retries: 0,
  fullyParallel: false,
  forbidOnly: true,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    headless: true,
    locale: 'he-IL',
    timezoneId: 'Asia/Jerusalem',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: chromiumArgs,
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: [
  {
    // With the account's SID and token the fake checks the API's credentials and signs its WhatsApp status callbacks.
    command: `dotnet ../tests/AgentLocator.FakeProviders/bin/Debug/net10.0/AgentLocator.FakeProviders.dll --port ${fakesPort} --twilio-sid ${e2eTwilioSid} --twilio-token ${e2eTwilioToken}`,
    cwd: webDir,
    url: `${fakesURL}/_fake/requests`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
  {
    command: 'dotnet ../AgentLocator.Api/bin/Debug/net10.0/AgentLocator.Api.dll',
    cwd: apiDir,
    url: `${baseURL}/alive`,
    reuseExistingServer: false,
    timeout: 120_000,
    // The API's request log is long; its stderr (start-up failures) is enough to diagnose a failed start.
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      ASPNETCORE_ENVIRONMENT: 'Development',
      ASPNETCORE_URLS: baseURL,
      Web__DistPath: path.join(webDir, 'dist'),
      Orleans__SiloPort: process.env.E2E_SILO_PORT ?? '11199',
      Orleans__GatewayPort: process.env.E2E_GATEWAY_PORT ?? '30199',
      // A fresh cluster id so a silo left over from another run is never joined.
      Orleans__ClusterId: `e2e-${randomBytes(4).toString('hex')}`,
      ...passThrough('ConnectionStrings__agentlocator', 'ConnectionStrings__redis'),
      PUBLIC_HOST: baseURL,
      Auth__RefreshReuseGrace: `00:00:${String(refreshReuseGraceSeconds).padStart(2, '0')}`,
      TWILIO_TOKEN: e2eTwilioToken,
      TWILIO_SID: e2eTwilioSid,
      // WhatsApp sends go to the fake's Messages API, which calls the status webhook back at PUBLIC_HOST.
      Twilio__ApiBaseUrl: fakesURL,
      OPENAI_API_KEY: 'sk-fake-agentlocator',
      OPENAI_BASE_URL: `${fakesURL}/v1`,
      // The Tax Authority's OAuth2 and allocation numbers at the fake, as its registered client.
      TaxAuthority__AuthorizeUrl: `${fakesURL}/tax-authority/oauth2/authorize`,
      TaxAuthority__TokenUrl: `${fakesURL}/tax-authority/oauth2/token`,
      TaxAuthority__ApiBaseUrl: `${fakesURL}/tax-authority/`,
      TaxAuthority__ClientId: 'agentlocator-fake-client',
      TaxAuthority__ClientSecret: 'fake-tax-authority-secret',
      Media__Path: path.join(os.tmpdir(), `agentlocator-e2e-media-${randomBytes(4).toString('hex')}`),
    },
  },
  ],
});
