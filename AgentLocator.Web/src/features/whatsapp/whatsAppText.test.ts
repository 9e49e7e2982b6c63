import { describe, expect, it } from 'vitest';
import { toE164 } from './e164';
import { mediaKind, windowText } from './whatsAppText';

const now = Date.parse('2026-12-06T10:00:00Z');
const inHours = (hours: number) => new Date(now + hours * 3_600_000).toISOString();

describe('the 24-hour window in words', () => {
  it('counts the whole hours left while open, then minutes', () => {
    expect(windowText(inHours(3.5), now)).toEqual({ open: true, text: 'החלון נסגר בעוד 3 שעות' });
    expect(windowText(inHours(1.2), now)).toEqual({ open: true, text: 'החלון נסגר בעוד שעה' });
    expect(windowText(inHours(0.25), now)).toEqual({ open: true, text: 'החלון נסגר בעוד 15 דקות' });
  });

  it('is closed once the time passed, and when the customer never wrote', () => {
    expect(windowText(inHours(-1), now).open).toBe(false);
    expect(windowText(null, now)).toMatchObject({ open: false, text: expect.stringContaining('עוד לא כתב') });
  });
});

describe('media and numbers', () => {
  it('tells images, voice notes and PDFs apart by content type', () => {
    expect(['image/jpeg', 'audio/ogg', 'application/pdf', 'text/vcard', null].map(mediaKind)).toEqual(['image', 'audio', 'pdf', 'file', 'file']);
  });

  it('takes international numbers with spaces and dashes, and refuses national or short ones', () => {
    expect(toE164(' +972 50-123-4567 ')).toBe('+972501234567');
    expect(toE164('050-123-4567')).toBeNull();
    expect(toE164('+0501234567')).toBeNull();
    expect(toE164('+97250')).toBeNull();
  });
});
