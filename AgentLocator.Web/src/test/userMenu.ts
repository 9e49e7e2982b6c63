import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

/** Opens the header's user menu, where the user's settings and the admin's tools are linked. */
export async function openUserMenu() {
  await userEvent.click(await screen.findByRole('button', { name: /^תפריט המשתמש/ }));
}
