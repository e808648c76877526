/**
 * Docs never drift: docs/design/example-plans.md is what scripts/example-plans.ts renders from the
 * engine today. The renderer runs in process (no tsx child) so the test is fast and its failure
 * shows the diff.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_PLANS_DOC, EXAMPLE_PLANS_PATH, renderExamplePlans } from '../../scripts/example-plans.js';

describe('docs/design/example-plans.md', () => {
  it('equals what the rules engine makes today', () => {
    const committed = readFileSync(EXAMPLE_PLANS_PATH, 'utf8');
    expect(committed, `${EXAMPLE_PLANS_DOC} is out of date: run npx tsx scripts/example-plans.ts`).toBe(renderExamplePlans());
  });
});
