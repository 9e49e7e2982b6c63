/**
 * A phone number typed in international form, as E.164 ("+972 50-123-4567" → "+972501234567"), or null when it is
 * not one: a plus, a country code that does not start with 0, and 8 to 15 digits in all.
 */
export function toE164(text: string): string | null {
  const compact = text.trim().replace(/[\s\-().]/g, '');
  return /^\+[1-9]\d{7,14}$/.test(compact) ? compact : null;
}
