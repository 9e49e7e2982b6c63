// Signing in for e2e tests: through the UI for the page, and as an API client for arranging data.

import { request as newRequest, type APIRequestContext, type Page } from '@playwright/test';
import { expect } from './fixtures';

export const ADMIN = { email: 'admin@demo.local', password: 'Passw0rd!' };

export async function accessToken(baseURL: string, user = ADMIN): Promise<string> {
  const anonymous = await newRequest.newContext({ baseURL });
  const login = await anonymous.post('/api/auth/login', { data: user });
  expect(login.status()).toBe(200);
  const { accessToken: token } = (await login.json()) as { accessToken: string };
  await anonymous.dispose();
  return token;
}

/** An API client with the user's bearer token (its own session, separate from the browser's). */
export async function authed(baseURL: string, user = ADMIN): Promise<APIRequestContext> {
  const token = await accessToken(baseURL, user);
  return newRequest.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
}

/**
 * The demo business without a WhatsApp sender (the development seed gives it one for the simulator), for specs whose
 * WhatsApp actions are expected as wa.me links.
 */
export async function withoutWhatsAppSender(baseURL: string) {
  const admin = await authed(baseURL);
  const cleared = await admin.put('/api/whatsapp/settings', { data: { senderNumber: null } });
  expect(cleared.ok(), await cleared.text()).toBe(true);
  await admin.dispose();
}

export async function signIn(page: Page, user = ADMIN) {
  await page.goto('/login');
  await page.getByLabel('אימייל').fill(user.email);
  await page.getByLabel('סיסמה').fill(user.password);
  await page.getByRole('button', { name: 'כניסה' }).click();
  await expect(page.getByTestId('user-display-name')).toBeVisible();
}
