import { dateTimeFormat } from '../../time/dateTimeFormat';

/** A wall-clock date (and maybe time), as the field's value "YYYY-MM-DD[THH:mm]" holds it: no zone can move it. */
export interface WallTime {
  year: number;
  month: number; // 1..12
  day: number;
  hour?: number;
  minute?: number;
}

export function parseWallTime(value: string): WallTime | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part)));
  return { year: year!, month: month!, day: day!, hour, minute };
}

const two = (n: number) => String(n).padStart(2, '0');

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}`;
}

export function isoWallTime(date: string, hour: number, minute: number): string {
  return `${date}T${two(hour)}:${two(minute)}`;
}

/** Day arithmetic in UTC, so daylight saving never skips or repeats a day. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const moved = new Date(Date.UTC(year, month - 1, day + days));
  return isoDate(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
}

/** The same day of another month, clamped to that month's length (31 January + 1 month = 28/29 February). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const length = daysInMonth(first.getUTCFullYear(), first.getUTCMonth() + 1);
  return isoDate(first.getUTCFullYear(), first.getUTCMonth() + 1, Math.min(day, length));
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 0 = Sunday: the Israeli week starts on Sunday. */
export function weekday(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** The month's days laid out in weeks from Sunday; null pads the first and last week. */
export function monthWeeks(year: number, month: number): (string | null)[][] {
  const first = isoDate(year, month, 1);
  const cells: (string | null)[] = Array.from({ length: weekday(first) }, () => null);
  for (let day = 1; day <= daysInMonth(year, month); day++) cells.push(isoDate(year, month, day));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let start = 0; start < cells.length; start += 7) weeks.push(cells.slice(start, start + 7));
  return weeks;
}

function utc(date: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day));
}

/** Hebrew names from Intl he-IL, whatever the browser's language. */
export const hebrewMonthName = (month: number) =>
  dateTimeFormat('he-IL', { timeZone: 'UTC', month: 'long' }).format(new Date(Date.UTC(2024, month - 1, 1)));
/** "א׳".."ש׳" for Sunday..Saturday (1 January 2023 was a Sunday). */
export const hebrewWeekdayShort = (day: number) =>
  dateTimeFormat('he-IL', { timeZone: 'UTC', weekday: 'narrow' }).format(new Date(Date.UTC(2023, 0, 1 + day)));
export const hebrewWeekdayLong = (day: number) =>
  dateTimeFormat('he-IL', { timeZone: 'UTC', weekday: 'long' }).format(new Date(Date.UTC(2023, 0, 1 + day)));
/** "יום שישי, 27 במרץ 2026": what a screen reader says for a day button. */
export const hebrewFullDate = (date: string) =>
  dateTimeFormat('he-IL', { timeZone: 'UTC', dateStyle: 'full' }).format(utc(date));

/** Today's date on this device, as the field's value holds dates. */
export function todayIso(now = new Date()): string {
  return isoDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

export function clampDate(date: string, min?: string, max?: string): string {
  if (min && date < min.slice(0, 10)) return min.slice(0, 10);
  if (max && date > max.slice(0, 10)) return max.slice(0, 10);
  return date;
}
