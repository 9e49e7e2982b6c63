import { describe, expect, it } from 'vitest';
import { computeTotals, formatAgorot, parseShekels } from './money';

describe('money', () => {
  it('computes totals by the server rule, excluding and including VAT', () => {
    expect(computeTotals([{ description: 'x', quantity: 3, unitPriceAgorot: 333, discountAgorot: 0 }], 18, false)).toEqual({
      lineAmounts: [999],
      subtotalAgorot: 999,
      vatAgorot: 180,
      totalAgorot: 1179,
    });
    expect(computeTotals([{ description: 'x', quantity: 1, unitPriceAgorot: 100, discountAgorot: 0 }], 18, true)).toEqual({
      lineAmounts: [100],
      subtotalAgorot: 85,
      vatAgorot: 15,
      totalAgorot: 100,
    });
    expect(computeTotals([{ description: 'x', quantity: 2.5, unitPriceAgorot: 101, discountAgorot: 0 }], 18, false).totalAgorot).toBe(299);
  });

  it('parses shekels to agorot and refuses what is not an amount', () => {
    expect(parseShekels('1,234.5')).toBe(123450);
    expect(parseShekels('1.005')).toBeNull();
    expect(parseShekels('abc')).toBeNull();
    expect(parseShekels('0.1')).toBe(10);
  });

  it('formats ₪ with he-IL digits', () => {
    expect(formatAgorot(123450)).toContain('1,234.50');
    expect(formatAgorot(123450)).toContain('₪');
  });
});
