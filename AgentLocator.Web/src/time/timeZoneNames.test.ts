import { describe, expect, it } from 'vitest';
import { timeZoneName } from './timeZoneNames';

describe('timeZoneName', () => {
  it('names the zones we offer in Hebrew', () => {
    expect(timeZoneName('Asia/Jerusalem')).toBe('שעון ישראל');
    expect(timeZoneName('Europe/London')).toBe('שעון לונדון');
  });

  it('never shows a Latin id, even for a zone outside the map or one the browser does not know', () => {
    for (const zone of ['Asia/Tokyo', 'Not/AZone']) {
      expect(timeZoneName(zone)).not.toMatch(/[A-Za-z]/);
    }
  });
});
