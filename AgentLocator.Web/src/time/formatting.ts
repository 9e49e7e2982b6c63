// Dates are shown in the business's time zone (from /api/me), not the browser's: an agent abroad
// must see the same "last activity" time as the office does.
import { dateTimeFormat } from './dateTimeFormat';

function formatter(timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  return dateTimeFormat('he-IL', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  });
}

export function formatDate(iso: string | null, timeZone: string, withTime = false): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : formatter(timeZone, withTime).format(date);
}

/** YYYY-MM-DD of "today" in the business's time zone, for file names. */
export function isoDay(now: Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
