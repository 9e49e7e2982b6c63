// Users without a developer: an admin invites an agent, the agent sets a password from the one-time link and lands
// signed in; the admin disables them and the agent's open tab is signed out at once (the hub's session:ended).

import { expect, test } from './fixtures';
import { signIn } from './session';

test('an invited agent sets a password and lands signed in; disabled, their open tab is signed out', async ({ page, browser }) => {
  const email = `invited-${Date.now()}@demo.local`;
  await signIn(page);
  await page.getByRole('button', { name: /^תפריט המשתמש/ }).click();
  await page.getByRole('link', { name: 'משתמשים' }).click();
  await expect(page.getByRole('heading', { name: 'משתמשים', level: 1 })).toBeVisible();

  await page.getByRole('button', { name: 'הזמנת משתמש' }).click();
  const dialog = page.getByRole('dialog', { name: 'הזמנת משתמש' });
  await dialog.getByLabel('אימייל').fill(email);
  await dialog.getByLabel('תפקיד').selectOption('agent');
  await dialog.getByRole('button', { name: 'יצירת הזמנה' }).click();
  const link = await dialog.getByTestId('one-time-link').inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await dialog.getByRole('button', { name: 'סגירה' }).click();
  await expect(page.getByText(email)).toBeVisible();

  // The agent, in a browser of their own.
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  await agent.goto(link);
  await agent.getByLabel('שם לתצוגה').fill('סוכנת מוזמנת');
  await agent.getByLabel(/^סיסמה/).fill('short');
  await agent.getByLabel('אימות סיסמה').fill('short');
  await agent.getByRole('button', { name: 'הצטרפות' }).click();
  await expect(agent.getByRole('alert')).toContainText('לפחות 10 תווים');
  await agent.getByLabel(/^סיסמה/).fill('password1234');
  await agent.getByLabel('אימות סיסמה').fill('password1234');
  await agent.getByRole('button', { name: 'הצטרפות' }).click();
  await expect(agent.getByRole('alert')).toContainText('נפוצה');
  // Her tab's live connection must be up to be closed: wait for the hub's handshake answer.
  const liveConnection = agent
    .waitForEvent('websocket', (socket) => new URL(socket.url()).pathname === '/ws')
    .then((socket) => socket.waitForEvent('framereceived'));
  await agent.getByLabel(/^סיסמה/).fill('Galil-Morning-Coffee-42');
  await agent.getByLabel('אימות סיסמה').fill('Galil-Morning-Coffee-42');
  await agent.getByRole('button', { name: 'הצטרפות' }).click();
  await expect(agent.getByTestId('user-display-name')).toHaveText('סוכנת מוזמנת');
  await liveConnection;

  // The admin disables her; her open tab goes to the sign-in page without a reload.
  await page.reload();
  const row = page.getByTestId(`user-row-${email}`);
  await expect(row.getByTestId('user-status')).toHaveText('פעיל');
  await row.getByRole('button', { name: 'השבתה' }).click();
  await expect(row.getByTestId('user-status')).toHaveText('מושבת');
  await expect(agent).toHaveURL(/\/login$/);
  await expect(agent.getByRole('heading', { name: 'כניסה ל-AgentLocator' })).toBeVisible();

  await agentContext.close();
});
