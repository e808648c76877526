/**
 * A console transcript against the real core (piped mode): Regenerate gives another take of the
 * preview each time, every one holding PLAN-RULES (the validator runs on each stored preview), until
 * the takes run out; then one sentence says so and the preview stays as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRAFT_FIELDS } from '../../../src/conversation/forms/draft-fields.js';
import type { IntentActor } from '../../../src/conversation/intents.js';
import { validatePlan } from '../../../src/domain/validator.js';
import { previewTakes } from '../../../src/engine/rules/rules-engine.js';
import type { PlanRecord, StoredPreview } from '../../../src/plans/plan-record.js';
import { startTestService, type TestService } from '../../support/plan-service.js';
import { transcriptOn } from '../../support/console-transcript.js';

let s: TestService;

beforeAll(async () => {
  s = await startTestService({ now: '2026-11-25T12:00:00Z' });
});

afterAll(async () => {
  await s.close();
});

const SHORTCUT =
  '/plan new distance=half race-date=2027-03-21 start=2026-11-30 goal=1:45:00 five-k=23:00 mileage=20 days=2,4,6,7 race="Rome Half"';

const transcript = (actor: IntentActor, lines: readonly string[]): Promise<string> => transcriptOn(s, actor, lines);

/** Each preview the transcript printed with its buttons open: its Week 1 table, as the console shows it. */
function openWeeks(printed: string): string[] {
  return printed
    .split('Your plan: ')
    .slice(1)
    .filter((part) => part.includes('Regenerate'))
    .map((part) => part.slice(part.indexOf('Week 1'), part.indexOf('Weekly mileage')));
}

function holdsRules(plan: PlanRecord, preview: StoredPreview | null): void {
  if (!plan.inputs || !preview) throw new Error('a preview with inputs');
  expect(validatePlan({ inputs: plan.inputs, phases: preview.phases, weeks: [preview.week] })).toEqual([]);
}

describe('console: Regenerate', () => {
  it('gives two different previews that both pass PLAN-RULES, and says when the takes run out', async () => {
    const actor: IntentActor = { identity: 'console:local:regen', timezone: 'Europe/London', origin: { kind: 'dm' } };
    const printed = await transcript(actor, [SHORTCUT, 'regenerate', 'regenerate']);
    const weeks = openWeeks(printed);
    expect(weeks).toHaveLength(3);
    expect(weeks[1]).not.toBe(weeks[0]);
    expect(weeks[2]).not.toBe(weeks[1]);
    expect(weeks[2]).not.toBe(weeks[0]);
    expect(printed).toContain('Replaced by a new version below.');

    const [plan] = await s.plans.listPlans({ owner: actor.identity });
    if (!plan?.inputs) throw new Error('one plan in preview');
    expect(plan).toMatchObject({ status: 'preview', variant: 2 });
    // The two replaced previews are kept in history; all three hold every rule.
    expect(plan.history.map((h) => h.reason)).toEqual(['regenerated', 'regenerated']);
    for (const h of plan.history) holdsRules(plan, h.preview);
    holdsRules(plan, plan.preview);

    // On to the last take, then one more: the sentence, and the preview kept.
    const count = previewTakes(plan.inputs).length;
    const rest = Array.from({ length: count - 3 }, () => '/plan regenerate');
    const end = await transcript(actor, [...rest, '/plan regenerate']);
    expect(end).toContain("That's every take I have for these inputs; Edit changes them.");
    const last = await s.plans.getPlan(actor.identity, plan.id);
    expect(last).toMatchObject({ status: 'preview', variant: count - 1 });
    expect(last.history).toHaveLength(count - 1);
    holdsRules(last, last.preview);
  });

  it('Edit asks the form again with the values kept; one answer changed previews the edited plan', async () => {
    const actor: IntentActor = { identity: 'console:local:editor', timezone: 'Europe/London', origin: { kind: 'dm' } };
    // Enter keeps each value in brackets; only the weekly volume changes.
    const answers = DRAFT_FIELDS.map((f) => (f.id === 'mileage' ? '25' : ''));
    const printed = await transcript(actor, [SHORTCUT, 'regenerate', 'edit', ...answers]);
    expect(printed).toMatch(/Race name[^\n]*\[Rome Half\]/);
    expect(printed).toContain('[2027-03-21]');
    const [plan] = await s.plans.listPlans({ owner: actor.identity });
    if (!plan) throw new Error('one plan');
    expect(plan).toMatchObject({ status: 'preview', variant: 0 });
    expect(plan.inputs?.weeklyMileage).toBe(25);
    expect(plan.history.map((h) => h.reason)).toEqual(['regenerated', 'draft edited']);
    holdsRules(plan, plan.preview);
    // The edited preview is the last thing shown, with its buttons.
    expect(openWeeks(printed)).toHaveLength(3);
  });
});
