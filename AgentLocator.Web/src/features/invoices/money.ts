// Amounts travel as whole agorot. The live totals of the form follow the server's one rounding rule
// (AgentLocator.Grains/Invoices/Agorot.cs, DocumentTotals): round half away from zero to the agora, once per figure.

const shekels = new Intl.NumberFormat('he-IL', { style: 'currency', currency: 'ILS', minimumFractionDigits: 2 });

/** "‏1,234.50 ₪" as he-IL writes it; show it inside <bdi dir="ltr"> (see <Money>) so its digits keep their order. */
export function formatAgorot(agorot: number): string {
  return shekels.format(agorot / 100);
}

/** Shekels typed by a person ("1,234.5") → agorot, or null when it is not an amount. */
export function parseShekels(text: string): number | null {
  const cleaned = text.replace(/[,\s₪]/g, '');
  if (!/^\d+(\.\d{0,2})?$/.test(cleaned)) return null;
  return roundHalfAway(Number(cleaned) * 100);
}

export function roundHalfAway(value: number): number {
  // Guard against binary fractions such as 1.005 * 100 = 100.49999…
  const nudged = Math.abs(value) + 1e-9;
  return Math.sign(value) * Math.round(nudged);
}

export interface LineDraft {
  description: string;
  quantity: number;
  unitPriceAgorot: number;
  discountAgorot: number;
}

export interface Totals {
  lineAmounts: number[];
  subtotalAgorot: number;
  vatAgorot: number;
  totalAgorot: number;
}

export function lineAmount(line: LineDraft): number {
  return roundHalfAway(line.quantity * line.unitPriceAgorot) - line.discountAgorot;
}

/** The document's figures as the server will compute them; `ratePercent` is 0 for receipts and exempt dealers. */
export function computeTotals(lines: LineDraft[], ratePercent: number, pricesIncludeVat: boolean): Totals {
  const lineAmounts = lines.map(lineAmount);
  const sum = lineAmounts.reduce((a, b) => a + b, 0);
  const rate = ratePercent / 100;
  if (pricesIncludeVat) {
    const subtotal = roundHalfAway(sum / (1 + rate));
    return { lineAmounts, subtotalAgorot: subtotal, vatAgorot: sum - subtotal, totalAgorot: sum };
  }
  const vat = roundHalfAway(sum * rate);
  return { lineAmounts, subtotalAgorot: sum, vatAgorot: vat, totalAgorot: sum + vat };
}
