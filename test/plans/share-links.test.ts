/**
 * Share tokens and links (src/plans/use-cases/share-plan.ts) on a real store: tokens carry at
 * least 128 bits (32 bytes from crypto.randomBytes, base64url), only their sha256 is stored, one
 * link a plan is live, and a token opens its own plan only while it is live and the plan is shared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRulesEngine } from '../../src/engine/rules/rules-engine.js';
import { createPlanUseCases } from '../../src/plans/plan-use-cases.js';
import { hashShareToken, SHARE_TOKEN_PATTERN } from '../../src/plans/use-cases/share-plan.js';
import { ATHLETE, MARATHON_FIELDS, SHARE_BASE_URL, STRANGER, startTestService, type TestService } from '../support/plan-service.js';

let s: TestService;
let planId: string;

const tokenOf = (url: string): string => url.slice(`${SHARE_BASE_URL}/p/`.length);

beforeAll(async () => {
  s = await startTestService();
  const preview = await s.plans.createPreview({ owner: ATHLETE, fields: MARATHON_FIELDS });
  planId = (await s.plans.confirmPlan(ATHLETE, preview.id)).id;
});

afterAll(async () => {
  await s.close();
});

describe('share tokens', () => {
  it('take 32 bytes from the random source (256 bits), written as 43 base64url characters', async () => {
    const asked: number[] = [];
    const plans = createPlanUseCases({
      store: s.store,
      engine: createRulesEngine(),
      clock: s.clock,
      sharing: { store: s.shareLinks, baseUrl: SHARE_BASE_URL, random: (n) => (asked.push(n), Buffer.alloc(n, 0xfb)) },
    });
    const link = await plans.sharePlan(ATHLETE, planId);
    expect(asked).toEqual([32]);
    expect(tokenOf(link.url)).toBe(Buffer.alloc(32, 0xfb).toString('base64url'));
    expect(Buffer.from(tokenOf(link.url), 'base64url')).toHaveLength(32);
  });

  it('are uniformly random: 400 tokens, all distinct, every character position near 6 bits of entropy', async () => {
    const tokens: string[] = [];
    for (let i = 0; i < 400; i += 1) tokens.push(tokenOf((await s.plans.sharePlan(ATHLETE, planId)).url));
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens) expect(token).toMatch(SHARE_TOKEN_PATTERN);
    // Shannon entropy of the characters over all tokens (17,200 samples of 64 symbols): a fixed or
    // biased source falls far below log2(64) = 6 bits; 42 full characters at 6 bits is 252 bits.
    const counts = new Map<string, number>();
    for (const token of tokens.map((t) => t.slice(0, 42))) for (const c of token) counts.set(c, (counts.get(c) ?? 0) + 1);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const entropy = -[...counts.values()].reduce((sum, n) => sum + (n / total) * Math.log2(n / total), 0);
    expect(counts.size).toBe(64);
    expect(entropy).toBeGreaterThan(5.95);
    expect(entropy * 42).toBeGreaterThanOrEqual(128);
  });
});

describe('share links', () => {
  it('store only the hash, keep one live link a plan, and open only the plan they were made for', async () => {
    const first = tokenOf((await s.plans.sharePlan(ATHLETE, planId)).url);
    const second = await s.plans.sharePlan(ATHLETE, planId);
    expect(second.replaced).toBe(true);
    const docs = await s.connection.collection('share_links').find({ planId }).toArray();
    expect(JSON.stringify(docs)).not.toContain(first);
    expect(docs.filter((d) => d.revokedAt === null)).toHaveLength(1);
    expect(docs.find((d) => d.revokedAt === null)?.hash).toBe(hashShareToken(tokenOf(second.url)));
    expect(await s.plans.sharedPlan(first)).toBeUndefined();
    expect((await s.plans.sharedPlan(tokenOf(second.url)))?.id).toBe(planId);
  });

  it("refuse another athlete's plan, a plan not yet confirmed, and stop at cancel", async () => {
    await expect(s.plans.sharePlan(STRANGER, planId)).rejects.toMatchObject({ code: 'NOT_YOUR_PLAN' });
    const preview = await s.plans.createPreview({ owner: STRANGER, fields: MARATHON_FIELDS });
    await expect(s.plans.sharePlan(STRANGER, preview.id)).rejects.toMatchObject({ code: 'WRONG_STATE' });
    const other = await s.plans.confirmPlan(STRANGER, preview.id);
    const token = tokenOf((await s.plans.sharePlan(STRANGER, other.id)).url);
    expect((await s.plans.sharedPlan(token))?.owner).toBe(STRANGER);
    await s.plans.cancelPlan(STRANGER, other.id);
    expect(await s.plans.sharedPlan(token)).toBeUndefined();
  });

  it('treat malformed tokens as unknown without a lookup', async () => {
    for (const token of ['', 'short', `${'A'.repeat(43)}=`, '../../etc/passwd', 'A'.repeat(44)]) {
      expect(await s.plans.sharedPlan(token)).toBeUndefined();
    }
  });
});
