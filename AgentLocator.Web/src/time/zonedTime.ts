// Wall-clock time in the business's time zone (from /api/me), independent of the browser's zone: an agent
// abroad who picks "09:00" means nine in the office. Only Intl is used, so DST rules come from the browser's tz data.
import { dateTimeFormat } from './dateTimeFormat';

/** "YYYY-MM-DDTHH:mm", the value of an <input type="datetime-local">. */
export type WallTime = string;

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  return dateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

interface WallParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function wallParts(instant: number, timeZone: string): WallParts & { second: number } {
  const parts = Object.fromEntries(
    partsFormatter(timeZone)
      .formatToParts(new Date(instant))
      .map((part) => [part.type, Number(part.value)]),
  );
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

/** The zone's offset from UTC at `instant`, in minutes (+120 for Israel in winter, +180 in summer). */
export function zoneOffsetMinutes(instant: number, timeZone: string): number {
  const p = wallParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

function parseWallTime(value: WallTime): WallParts | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  return { year, month, day, hour, minute };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The instant at which the zone's clocks show `wall`, with the rules for the two DST edge cases. */
export function zonedWallTimeToInstant(wall: WallTime, timeZone: string): number | null {
  const parts = parseWallTime(wall);
  if (!parts) return null;
  const wallAsUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute);
  // The offsets in force half a day either side cover any single transition around this wall time.
  const offsets = [...new Set([-12, 12].map((h) => zoneOffsetMinutes(wallAsUtc + h * 3_600_000, timeZone)))];
  const matches = offsets
    .map((offset) => wallAsUtc - offset * 60_000)
    .filter((instant) => toWallTime(instant, timeZone) === wall.slice(0, 16))
    .sort((a, b) => a - b);
  // Fall back (01:30 happens twice): the first one, so an alert never comes an hour late.
  if (matches.length) return matches[0];
  // Spring forward (02:30 never happens): the same distance past the change, as a clock set forward would show.
  return wallAsUtc - offsets[0] * 60_000;
}

/**
 * What the API wants: ISO 8601 with the zone's offset at that moment, e.g. "2026-03-27T09:30:00+03:00".
 * A wall time inside a spring-forward gap comes out shifted by the gap (02:30 → 03:30+03:00).
 */
export function zonedWallTimeToIso(wall: WallTime, timeZone: string): string | null {
  const instant = zonedWallTimeToInstant(wall, timeZone);
  if (instant === null) return null;
  return `${toWallTime(instant, timeZone)}:00${formatOffset(zoneOffsetMinutes(instant, timeZone))}`;
}

/** The zone's wall time at `instant`, as a datetime-local value (to edit an existing due time). */
export function toWallTime(instant: number | string | Date, timeZone: string): WallTime {
  const p = wallParts(new Date(instant).getTime(), timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** "YYYY-MM-DD" of `instant` in the zone, to compare calendar days. */
export function zonedDay(instant: number | string | Date, timeZone: string): string {
  return toWallTime(instant, timeZone).slice(0, 10);
}

/** A due time as Hebrew readers expect it, in the business's zone: "יום ו׳, 27.3.2026, 09:30". */
export function formatDueAt(iso: string, timeZone: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? '—'
    : dateTimeFormat('he-IL', {
        timeZone,
        weekday: 'short',
        day: 'numeric',
        month: 'numeric',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      }).format(date);
}

export const DEFAULT_TIME_ZONE = 'Asia/Jerusalem';
