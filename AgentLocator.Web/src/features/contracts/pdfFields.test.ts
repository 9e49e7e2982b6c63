import { describe, expect, it } from 'vitest';
import { moveBy, nudge, placeAt } from './pdfFields';

describe('placed PDF fields', () => {
  it('centres a new field on the click and keeps it inside the page', () => {
    const middle = placeAt('text', 'customer', 1, 0.5, 0.5, 0.7);
    expect(middle.x).toBeCloseTo(0.35);
    expect(middle.x + middle.width).toBeLessThanOrEqual(1);

    const corner = placeAt('signature', 'customer', 2, 0.99, 0.99, 0.7);
    expect(corner.x + corner.width).toBeLessThanOrEqual(1);
    expect(corner.y + corner.height).toBeLessThanOrEqual(1);
    expect(corner.page).toBe(2);
  });

  it('keeps a checkbox square on the page whatever its shape', () => {
    const box = placeAt('checkbox', 'co_signer', 1, 0.2, 0.2, 595 / 842);
    expect(box.width * 595).toBeCloseTo(box.height * 842, 0);
    expect(box.required).toBe(false);
  });

  it('moves with the arrow keys in page directions and stops at the edges', () => {
    const field = placeAt('date', 'customer', 1, 0.1, 0.1, 0.7);
    expect(nudge(field, 'ArrowRight', false)!.x).toBeCloseTo(field.x + 0.01);
    expect(nudge(field, 'ArrowDown', true)!.y).toBeCloseTo(field.y + 0.05);
    expect(nudge(field, 'Enter', false)).toBeNull();
    expect(moveBy(field, -5, -5)).toMatchObject({ x: 0, y: 0 });
    expect(moveBy(field, 5, 5).x).toBeCloseTo(1 - field.width);
  });
});
