// Timeline items grouped by calendar day in the business's time zone, headed "היום", "אתמול", or weekday and date.

import type { TimelineItem } from './timelineApi';
import { zonedDay } from '../../time/zonedTime';
import { dateTimeFormat } from '../../time/dateTimeFormat';

export interface DayGroup {
  /** yyyy-MM-dd in the business's zone. */
  day: string;
  label: string;
  items: TimelineItem[];
}

/** The calendar day before `day` (yyyy-MM-dd), by the calendar, not by subtracting 24 hours (DST days are 23 or 25). */
function previousDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date - 1)).toISOString().slice(0, 10);
}

export function dayLabel(day: string, now: number, timeZone: string): string {
  const today = zonedDay(now, timeZone);
  if (day === today) return 'היום';
  if (day === previousDay(today)) return 'אתמול';
  const [year, month, date] = day.split('-').map(Number);
  // Noon UTC of that date is the same calendar date in every zone a business can be in, so format it in UTC.
  const noon = new Date(Date.UTC(year, month - 1, date, 12));
  const sameYear = today.slice(0, 4) === day.slice(0, 4);
  return dateTimeFormat('he-IL', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(noon);
}

/** Items are already newest first, so consecutive runs of one day make the groups. */
export function groupByDay(items: readonly TimelineItem[], now: number, timeZone: string): DayGroup[] {
  const groups: DayGroup[] = [];
  for (const item of items) {
    const day = zonedDay(item.occurredAt, timeZone);
    const current = groups.at(-1);
    if (current?.day === day) current.items.push(item);
    else groups.push({ day, label: dayLabel(day, now, timeZone), items: [item] });
  }
  return groups;
}

/** "14:05" in the business's zone, for a card's corner. */
export function formatTime(iso: string, timeZone: string): string {
  return dateTimeFormat('he-IL', { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}
