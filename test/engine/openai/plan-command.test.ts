/** `gofast plan --engine openai`: the CLI with the OpenAI engine against the fake, and its usage errors. */
import { describe, expect, it } from 'vitest';
import { OPENAI_KEY_MISSING, runPlanCommand } from '../../../src/cli/plan-command.js';
import { UsageError } from '../../../src/cli/usage-error.js';
import { planFileSchema } from '../../../src/cli/plan-json.js';
import { validatePlan } from '../../../src/domain/validator.js';
import { createRulesEngine } from '../../../src/engine/rules/rules-engine.js';
import { FakeOpenAi } from '../../fakes/openai/fake-openai.js';
import { outlineAnswer } from '../../fakes/openai/plan-replies.js';
import { INPUTS, MODEL, useFakeOpenAi } from './engine-harness.js';

const ARGS = [
  '--distance',
  'marathon',
  '--race-date',
  '2027-04-18',
  '--start',
  '2026-11-30',
  '--goal',
  '3:30:00',
  '--five-k',
  '22:30',
  '--mileage',
  '30',
  '--days',
  '2,3,4,6,7',
  '--race-name',
  'Boston Marathon',
];
const TODAY = '2026-11-25';

let fake: FakeOpenAi;
useFakeOpenAi(INPUTS, (started) => (fake = started));

function config() {
  return { apiKey: fake.apiKey, model: MODEL, baseUrl: fake.baseUrl, timeoutMs: 300, maxRetries: 0, monthlyTokenBudget: 1_000_000 };
}

describe('gofast plan --engine', () => {
  it('uses the OpenAI engine for the preview and says which engine made it', async () => {
    const text = await runPlanCommand([...ARGS, '--engine', 'openai'], createRulesEngine(), TODAY, { openAiConfig: config });
    expect(fake.requests).toHaveLength(1);
    expect(text).toContain('Week 1 · base');
    expect(text.trimEnd().split('\n').pop()).toBe(`Engine: openai:${MODEL}.`);
  });

  it('makes every week through the model with --weeks all', async () => {
    const out = await runPlanCommand([...ARGS, '--engine', 'openai', '--weeks', 'all', '--json'], createRulesEngine(), TODAY, {
      openAiConfig: config,
    });
    const plan = planFileSchema.parse(JSON.parse(out));
    expect(fake.requests).toHaveLength(20);
    expect(Object.keys(plan.weeks[1] ?? {})).not.toContain('provenance');
    const logged = plan.weeks.map((w, i) =>
      i === plan.weeks.length - 1
        ? w
        : { ...w, execution: { completedDays: w.days.filter((d) => d.type !== 'rest').length, totalMiles: w.miles } },
    );
    expect(validatePlan({ ...plan, weeks: logged })).toEqual([]);
    const text = await runPlanCommand([...ARGS, '--engine', 'openai', '--weeks', 'all'], createRulesEngine(), TODAY, {
      openAiConfig: config,
    });
    expect(text.trimEnd().split('\n').pop()).toBe(`Engine: openai:${MODEL}.`);
  });

  it('names the weeks the rules engine made when the model could not', async () => {
    fake.reset();
    fake.otherwise(() => ({ kind: 'status', status: 500 }));
    fake.script({ kind: 'json', value: outlineAnswer(INPUTS) });
    const text = await runPlanCommand([...ARGS, '--engine', 'openai', '--weeks', 'all'], createRulesEngine(), TODAY, {
      openAiConfig: config,
    });
    // Three failed weeks open the circuit breaker: the rest go straight to the rules engine.
    expect(text.trimEnd().split('\n').pop()).toBe(
      `Engine: openai:${MODEL}; the rules engine made weeks 2-4 (server-error), 5-20 (circuit-open).`,
    );
  });

  it('keeps the rules engine as the default and never reads the OpenAI settings for it', async () => {
    let read = 0;
    const text = await runPlanCommand(ARGS, createRulesEngine(), TODAY, {
      openAiConfig: () => {
        read += 1;
        return config();
      },
    });
    expect(read).toBe(0);
    expect(fake.requests).toHaveLength(0);
    expect(text).not.toContain('Engine:');
  });

  it('refuses --engine openai without a key, and an unknown engine, in one line', async () => {
    await expect(
      runPlanCommand([...ARGS, '--engine', 'openai'], createRulesEngine(), TODAY, { openAiConfig: () => undefined }),
    ).rejects.toThrow(new UsageError(OPENAI_KEY_MISSING));
    await expect(runPlanCommand([...ARGS, '--engine', 'openai'], createRulesEngine(), TODAY)).rejects.toThrow(OPENAI_KEY_MISSING);
    expect(OPENAI_KEY_MISSING).toBe('gofast plan: --engine openai needs OPENAI_API_KEY (and OPENAI_BASE_URL for a compatible server)');
    await expect(runPlanCommand([...ARGS, '--engine', 'gpt'], createRulesEngine(), TODAY)).rejects.toThrow(
      'gofast plan: --engine must be rules or openai, not "gpt"',
    );
  });
});
