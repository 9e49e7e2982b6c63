// Accessibility checks with axe-core, injected from the npm package (no download at test time). A test fails on a
// serious or critical violation; minor and moderate ones are reported in the test's output but do not fail it.

import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe's violations on the page as it is now, as readable lines, serious and critical ones first. */
export async function axeViolations(page: Page): Promise<{ blocking: string[]; other: string[] }> {
  await page.addScriptTag({ path: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  const lines = (violations as AxeViolation[]).map((violation) => ({
    blocking: violation.impact === 'serious' || violation.impact === 'critical',
    line: `${violation.impact} ${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  }));
  return { blocking: lines.filter((l) => l.blocking).map((l) => l.line), other: lines.filter((l) => !l.blocking).map((l) => l.line) };
}
