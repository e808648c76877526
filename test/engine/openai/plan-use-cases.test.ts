/**
 * The OpenAI engine behind the plan use cases, over the test database: the stored preview and
 * weeks record who made them (`source`, `provenance`), a week the model could not make is the
 * rules engine's with the reason, and a regenerated week keeps the old one in history.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { validatePlan } from '../../../src/domain/validator.js';
import { plannedWeeks } from '../../../src/plans/plan-weeks.js';
import { FakeOpenAi } from '../../fakes/openai/fake-openai.js';
import { rulesResponder } from '../../fakes/openai/plan-replies.js';
import { MemoryTokenBudget } from '../../fakes/openai/memory-token-budget.js';
import { ATHLETE, MARATHON_FIELDS, startTestService, type TestService } from '../../support/plan-service.js';
import { INPUTS, MODEL, engineFor } from './engine-harness.js';

let fake: FakeOpenAi;
let s: TestService;
const budget = new MemoryTokenBudget();

beforeAll(async () => {
  fake = await FakeOpenAi.start();
  fake.otherwise(rulesResponder(INPUTS));
  s = await startTestService({ engine: engineFor(fake, { budget, config: { maxRetries: 0 } }) });
});
afterAll(async () => {
  await s.close();
  await fake.close();
});

it('stores who made the preview and each week, with attempts, tokens and fallback reasons', async () => {
  const preview = await s.plans.createPreview({ owner: ATHLETE, fields: MARATHON_FIELDS });
  expect(preview.preview?.source).toBe(`openai:${MODEL}`);
  expect(preview.preview?.provenance).toMatchObject({ source: `openai:${MODEL}`, attempts: 1, fallbackReason: null });
  expect(budget.spentBy.get(`slack:T1|${new Date().toISOString().slice(0, 7)}`)).toBeGreaterThan(0);

  const active = await s.plans.confirmPlan(ATHLETE, preview.id);
  expect(active.weeks[0]).toMatchObject({ source: `openai:${MODEL}`, provenance: { attempts: 1, fallbackReason: null } });

  const { plan: withWeek2 } = await s.plans.generateNextWeek(ATHLETE, preview.id);
  const week2 = withWeek2.weeks[1];
  expect(week2).toMatchObject({ weekNumber: 2, source: `openai:${MODEL}`, provenance: { fallbackReason: null } });
  expect(week2?.provenance?.promptTokens).toBeGreaterThan(0);

  // The model is down for week 3: the rules engine makes it, and the week says so.
  fake.script({ kind: 'status', status: 500 });
  const { plan, week: week3 } = await s.plans.generateNextWeek(ATHLETE, preview.id);
  expect(week3).toMatchObject({
    weekNumber: 3,
    source: 'rules',
    provenance: { source: 'rules', attempts: 1, promptTokens: 0, completionTokens: 0, fallbackReason: 'server-error' },
  });
  expect(validatePlan({ inputs: INPUTS, phases: plan.phases, weeks: plannedWeeks(plan.weeks) })).toEqual([]);

  // Regenerating week 2 asks the model for another take; the old weeks 2 and 3 go to history.
  const { plan: again, week: regenerated } = await s.plans.regenerateWeek(ATHLETE, preview.id, 2);
  expect(regenerated).toMatchObject({ weekNumber: 2, source: `openai:${MODEL}` });
  expect(fake.requests[fake.requests.length - 1]?.body.seed).toBe(again.variant);
  expect(again.weeks.map((w) => w.weekNumber)).toEqual([1, 2]);
  const replaced = again.history.filter((h) => h.kind === 'week').map((h) => [h.week?.weekNumber, h.week?.source, h.reason]);
  expect(replaced).toEqual([
    [2, `openai:${MODEL}`, 'regenerated'],
    [3, 'rules', 'built on week 2, which was regenerated'],
  ]);
  expect(validatePlan({ inputs: INPUTS, phases: again.phases, weeks: plannedWeeks(again.weeks) })).toEqual([]);
});
