// Times in the business's time zone (from /api/me), durations as a clock shows them.

import { formatDate } from '../../time/formatting';
import { CALL_TURN_TEXT } from './strings';

/** "3:07" for 187 s, "0:05" for 5 s, "1:02:03" past an hour; "—" when unknown (a call still going). */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—';
  const total = Math.round(seconds);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${secs}` : `${minutes}:${secs}`;
}

/** When the call started, in the business's zone: "27.03.2026, 09:30". */
export function formatCallTime(iso: string, timeZone: string): string {
  return formatDate(iso, timeZone, true);
}

/** A step's length in Hebrew units: "310 מילישניות" under a second, "1.24 שנ׳" from a second up. */
export function formatMilliseconds(ms: number): string {
  const rounded = Math.round(ms);
  if (rounded < 1000) return CALL_TURN_TEXT.milliseconds(rounded.toLocaleString('he-IL'));
  const seconds = (rounded / 1000).toLocaleString('he-IL', { maximumFractionDigits: 2 });
  return CALL_TURN_TEXT.seconds(seconds);
}
