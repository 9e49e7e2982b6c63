import { describe, expect, it } from 'vitest';
import indexHtml from '../index.html?raw';

const stylesheets = import.meta.glob<string>('./**/*.css', { query: '?raw', import: 'default', eager: true });

// A physical side in a property name (margin-left, left:) or value (text-align: right, float: left).
const PHYSICAL_SIDE = /(^|[\s;{])((margin|padding|border|scroll-margin|scroll-padding)-(left|right)\b|(left|right)\s*:)|:[^;]*\b(left|right)\b/;

function physicalSideLines(css: string): string[] {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .filter((line) => PHYSICAL_SIDE.test(line))
    .map((line) => line.trim());
}

describe('right-to-left Hebrew document', () => {
  it('declares lang="he" and dir="rtl" on <html> with a Hebrew title', () => {
    const html = new DOMParser().parseFromString(indexHtml, 'text/html');

    expect(html.documentElement.getAttribute('lang')).toBe('he');
    expect(html.documentElement.getAttribute('dir')).toBe('rtl');
    expect(html.title).toContain('ניהול לקוחות');
  });

  it('the physical-side check recognises what it must reject and accept', () => {
    expect(physicalSideLines('a { margin-left: 4px; }\n.b { text-align: right; }\n.c { right: 0 }')).toHaveLength(3);
    expect(physicalSideLines('a { margin-inline-start: 4px; text-align: start; inset-inline-end: 0 }')).toEqual([]);
  });

  it('uses only logical CSS properties, so layouts mirror in RTL', () => {
    expect(Object.keys(stylesheets).length).toBeGreaterThanOrEqual(4);
    const offenders = Object.entries(stylesheets).flatMap(([file, css]) =>
      physicalSideLines(css).map((line) => `${file}: ${line}`),
    );

    expect(offenders).toEqual([]);
  });
});
