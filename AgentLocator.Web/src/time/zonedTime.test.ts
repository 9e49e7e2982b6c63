import { describe, expect, it } from 'vitest';
import { formatDueAt, toWallTime, zonedDay, zonedWallTimeToIso, zoneOffsetMinutes } from './zonedTime';

const TZ = 'Asia/Jerusalem';

describe('business time zone conversion', () => {
  it('uses +02:00 in winter and +03:00 in summer', () => {
    expect(zonedWallTimeToIso('2026-01-15T09:30', TZ)).toBe('2026-01-15T09:30:00+02:00');
    expect(zonedWallTimeToIso('2026-07-15T09:30', TZ)).toBe('2026-07-15T09:30:00+03:00');
    expect(new Date(zonedWallTimeToIso('2026-07-15T09:30', TZ)!).toISOString()).toBe('2026-07-15T06:30:00.000Z');
  });

  it('handles the spring-forward day (Friday 27 March 2026, 02:00 → 03:00)', () => {
    expect(zonedWallTimeToIso('2026-03-27T01:59', TZ)).toBe('2026-03-27T01:59:00+02:00');
    expect(zonedWallTimeToIso('2026-03-27T03:00', TZ)).toBe('2026-03-27T03:00:00+03:00');
    expect(zonedWallTimeToIso('2026-03-27T09:00', TZ)).toBe('2026-03-27T09:00:00+03:00');
    // 02:30 does not exist that night: it comes out as the moment a clock set forward shows 03:30.
    expect(zonedWallTimeToIso('2026-03-27T02:30', TZ)).toBe('2026-03-27T03:30:00+03:00');
    expect(zonedWallTimeToIso('2026-03-26T23:00', TZ)).toBe('2026-03-26T23:00:00+02:00');
  });

  it('handles the fall-back day (Sunday 25 October 2026, 02:00 → 01:00): the first 01:30 wins', () => {
    expect(zonedWallTimeToIso('2026-10-25T00:30', TZ)).toBe('2026-10-25T00:30:00+03:00');
    expect(zonedWallTimeToIso('2026-10-25T01:30', TZ)).toBe('2026-10-25T01:30:00+03:00');
    expect(zonedWallTimeToIso('2026-10-25T02:30', TZ)).toBe('2026-10-25T02:30:00+02:00');
    expect(zonedWallTimeToIso('2026-10-25T12:00', TZ)).toBe('2026-10-25T12:00:00+02:00');
  });

  it('does not depend on the browser zone, and works for other zones', () => {
    expect(zonedWallTimeToIso('2026-03-08T02:30', 'America/New_York')).toBe('2026-03-08T03:30:00-04:00');
    expect(zonedWallTimeToIso('2026-06-01T10:00', 'UTC')).toBe('2026-06-01T10:00:00+00:00');
    expect(zonedWallTimeToIso('not a date', TZ)).toBeNull();
  });

  it('round-trips an instant to the wall time shown in the picker', () => {
    expect(toWallTime('2026-03-27T00:30:00Z', TZ)).toBe('2026-03-27T03:30');
    expect(toWallTime('2026-10-24T22:30:00Z', TZ)).toBe('2026-10-25T01:30');
    expect(toWallTime('2026-10-24T23:30:00Z', TZ)).toBe('2026-10-25T01:30');
    expect(zoneOffsetMinutes(Date.parse('2026-10-24T23:30:00Z'), TZ)).toBe(120);
    expect(zonedDay('2026-01-15T22:30:00Z', TZ)).toBe('2026-01-16');
  });

  it('formats a due time in Hebrew in the business zone', () => {
    const text = formatDueAt('2026-07-15T06:30:00Z', TZ);
    expect(text).toContain('09:30');
    expect(text).toContain('15.7.2026');
  });
});
