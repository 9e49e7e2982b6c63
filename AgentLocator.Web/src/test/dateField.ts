import { expect } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { hebrewFullDate, parseWallTime } from '../ui/forms/calendar';
import { hebrewWallTime } from '../ui/forms/DateField';

/**
 * Picks "YYYY-MM-DD[THH:mm]" in a DateField the way a user does: opens its calendar, month and year lists, the day, the time.
 * (The lists are changed with one change event each: typing through every option is slow on a busy machine.)
 */
export async function pickDate(field: HTMLElement, value: string) {
  const wall = parseWallTime(value)!;
  await userEvent.click(field);
  const dialog = screen.getByRole('dialog');
  fireEvent.change(within(dialog).getByRole('combobox', { name: 'שנה' }), { target: { value: String(wall.year) } });
  fireEvent.change(within(dialog).getByRole('combobox', { name: 'חודש' }), { target: { value: String(wall.month) } });
  await userEvent.click(within(dialog).getByRole('button', { name: hebrewFullDate(value.slice(0, 10)) }));
  if (wall.hour === undefined) return;
  fireEvent.change(within(dialog).getByRole('combobox', { name: 'שעה' }), { target: { value: String(wall.hour) } });
  fireEvent.change(within(dialog).getByRole('combobox', { name: 'דקות' }), { target: { value: String(wall.minute) } });
  await userEvent.click(within(dialog).getByRole('button', { name: 'סיום' }));
}

/** A DateField shows its value as its Hebrew reading (its accessible description). */
export function expectDateValue(field: HTMLElement, value: string) {
  expect(field).toHaveAccessibleDescription(new RegExp(`^${hebrewWallTime(value)}`));
}
