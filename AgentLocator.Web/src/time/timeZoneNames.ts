// Time zones by the names Hebrew readers know. The business's zone comes from the API as an IANA id
// ("Asia/Jerusalem"), which is never shown as it is.
import { dateTimeFormat } from './dateTimeFormat';

/** The zones a business is offered or likely to have, named in Hebrew. */
export const TIME_ZONE_NAMES: Readonly<Record<string, string>> = {
  'Asia/Jerusalem': 'שעון ישראל',
  'Asia/Tel_Aviv': 'שעון ישראל',
  UTC: 'זמן אוניברסלי מתואם',
  'Etc/UTC': 'זמן אוניברסלי מתואם',
  'Europe/London': 'שעון לונדון',
  'Europe/Paris': 'שעון מרכז אירופה',
  'Europe/Berlin': 'שעון מרכז אירופה',
  'Europe/Kyiv': 'שעון מזרח אירופה',
  'Europe/Moscow': 'שעון מוסקבה',
  'America/New_York': 'שעון החוף המזרחי בארה״ב',
  'America/Los_Angeles': 'שעון החוף המערבי בארה״ב',
};

/**
 * The zone's Hebrew name: from the map, else the browser's Hebrew name for it (Intl), else a neutral
 * "שעון העסק" rather than a Latin id.
 */
export function timeZoneName(timeZone: string): string {
  const known = TIME_ZONE_NAMES[timeZone];
  if (known) return known;
  try {
    const part = dateTimeFormat('he-IL', { timeZone, timeZoneName: 'longGeneric' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName')?.value;
    if (part && !/[A-Za-z]/.test(part)) return part;
  } catch {
    // An id the browser does not know: fall through to the neutral name.
  }
  return 'שעון העסק';
}
