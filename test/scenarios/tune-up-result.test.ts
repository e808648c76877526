/**
 * Issue 18, tune-up races and results that recalibrate paces, over the real core (the
 * conversation, as every surface drives it) and the embedded store with a fake clock: a tune-up
 * half in week 9 of a marathon plan with a faster result, whose accepted paces change week 10's
 * sessions (against the same plan whose athlete kept their paces); concurrent Accepts; a
 * stranger's press; bad input. Each scenario ends with every stored week passing PLAN-RULES v2
 * and the athlete's logs kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACES_ACCEPT_ACTION, PACES_KEEP_ACTION } from '../../src/conversation/action-ids.js';
import { parseCommandText } from '../../src/conversation/command-parser.js';
import { createConversation, type Conversation } from '../../src/conversation/conversation.js';
import type { Intent, IntentActor } from '../../src/conversation/intents.js';
import type { View, ViewButton } from '../../src/conversation/views.js';
import { addDaysIso } from '../../src/domain/calendar.js';
import { pacesForWeek } from '../../src/domain/paces.js';
import { formatPace } from '../../src/domain/time.js';
import { validatePlan } from '../../src/domain/validator.js';
import { createLogger } from '../../src/log.js';
import type { PlanRecord } from '../../src/plans/plan-record.js';
import { plannedWeeks } from '../../src/plans/plan-weeks.js';
import { renderPlanIcs } from '../../src/plans/use-cases/export-ical.js';
import { MARATHON_FIELDS, startTestService, type TestService } from '../support/plan-service.js';

let s: TestService;
let core: Conversation;
const errors: string[] = [];
let count = 0;

beforeAll(async () => {
  s = await startTestService({ now: '2026-11-25T12:00:00Z' });
  const logger = createLogger('error', { write: (line: string) => errors.push(line) });
  core = createConversation({ plans: s.plans, logger, clock: s.clock });
});

afterAll(async () => {
  await s.close();
});

/** The Monday of week N of the sample plan (week 1 starts Monday 2026-11-30). */
function mondayOf(week: number): string {
  return addDaysIso('2026-11-30', 7 * (week - 1));
}

const HALF_DAY = addDaysIso(mondayOf(9), 6); // Sunday 2027-01-31

function athlete(): IntentActor {
  count += 1;
  return { identity: `slack:T1:RUNNER${count}`, timezone: 'UTC', origin: { kind: 'dm' } };
}

const BEN: IntentActor = { identity: 'slack:T1:BEN', timezone: 'UTC', origin: { kind: 'dm' } };

async function say(actor: IntentActor, text: string): Promise<View[]> {
  return core.handle({ kind: 'command', actor, command: parseCommandText(text) });
}

function textOf(views: readonly View[]): string {
  return JSON.stringify(views);
}

function buttonsOf(views: readonly View[]): ViewButton[] {
  return views.flatMap((v) => (v.kind === 'message' ? v.blocks.flatMap((b) => (b.type === 'buttons' ? [...b.buttons] : [])) : []));
}

function press(actor: IntentActor, button: ViewButton | undefined): Intent {
  if (!button) throw new Error('no such button');
  return { kind: 'button', actor, actionId: button.actionId, planId: button.planId, value: button.value };
}

/** A confirmed sample marathon whose weeks 1..N−1 were made and logged as done; today Monday of week N, week N made. */
async function planInWeek(actor: IntentActor, week: number): Promise<PlanRecord> {
  s.clock.set('2026-11-25T12:00:00Z');
  const preview = await s.plans.createPreview({ owner: actor.identity, fields: { ...MARATHON_FIELDS } });
  let plan = await s.plans.confirmPlan(actor.identity, preview.id);
  for (let n = 1; n <= week; n += 1) {
    s.clock.set(`${mondayOf(n)}T08:00:00Z`);
    ({ plan } = await s.plans.ensureWeek(actor.identity, plan.id, n));
    const done = plan.weeks[n - 2];
    if (n >= 2 && done) {
      const runs = done.days.filter((d) => d.type !== 'rest').length;
      plan = await s.plans.logExecution(actor.identity, plan.id, n - 1, { completedDays: runs, totalMiles: Number(done.miles.toFixed(1)) });
    }
  }
  return plan;
}

async function expectValidWithLogs(actor: IntentActor, planId: string, logged: number): Promise<PlanRecord> {
  const plan = await s.plans.getPlan(actor.identity, planId);
  expect(validatePlan({ inputs: plan.inputs!, phases: plan.phases, weeks: plannedWeeks(plan.weeks) })).toEqual([]);
  for (let n = 1; n <= logged; n += 1) expect(plan.weeks[n - 1]?.execution, `week ${n}'s log`).not.toBeNull();
  return plan;
}

/** The pace of week N's easy days (their one workout lap). */
function easyPaceOf(plan: PlanRecord, week: number): string | null | undefined {
  return plan.weeks[week - 1]?.days.find((d) => d.session === 'easy')?.workout[0]?.paceGoal;
}

/** A tune-up half in week 9 (added in week 8, once week 9 was made early), run in 1:36:00. */
async function halfRun(actor: IntentActor): Promise<{ plan: PlanRecord; result: View[] }> {
  let plan = await planInWeek(actor, 8);
  ({ plan } = await s.plans.ensureWeek(actor.identity, plan.id, 9));
  const oldWeek9 = plan.weeks[8];
  const added = await say(actor, `/plan tuneup date=${HALF_DAY} distance=half name="Winter Half"`);
  expect(textOf(added)).toContain('Tune-up added: Winter Half');
  expect(textOf(added)).toContain('Week 9 was made again around it');
  plan = await s.plans.getPlan(actor.identity, plan.id);
  expect(
    plan.history.some((h) => h.kind === 'week' && h.weekNumber === 9 && h.week?.generatedAt.getTime() === oldWeek9?.generatedAt.getTime()),
  ).toBe(true);
  // The week view names the race day, and the half replaces Sunday's long run after a Saturday shakeout.
  const week9 = await say(actor, '/plan week 9');
  expect(textOf(week9)).toContain('Tune-up: Winter Half');
  const days = plan.weeks[8]!.days;
  expect(days.find((d) => d.date === HALF_DAY)?.type).toBe('race');
  expect(days.find((d) => d.dayNumber === 6)?.type).toBe('shakeout');
  expect(days.some((d) => d.type === 'long')).toBe(false);
  // Status and the calendar show it too.
  expect(textOf(await say(actor, '/plan status'))).toContain('Winter Half');
  expect(renderPlanIcs(plan).content).toContain('Tune-up: Winter Half');

  // Week 8 logged; the race run; the time entered that afternoon (no distance: the tune-up's).
  const week8 = plan.weeks[7]!;
  await s.plans.logExecution(actor.identity, plan.id, 8, {
    completedDays: week8.days.filter((d) => d.type !== 'rest').length,
    totalMiles: week8.miles,
  });
  s.clock.set(`${HALF_DAY}T15:00:00Z`);
  const result = await say(actor, '/plan result time=1:36:00');
  return { plan: await s.plans.getPlan(actor.identity, plan.id), result };
}

describe('a tune-up half in week 9 with a faster result', () => {
  it("recalibrates week 10's paces once accepted, and not when the athlete keeps theirs", async () => {
    const ana = athlete();
    const kim = athlete();
    const accepted = await halfRun(ana);
    const kept = await halfRun(kim);

    // The preview: new paces, the effect on the goal, Accept / Keep; nothing changed yet.
    const preview = textOf(accepted.result);
    expect(preview).toContain('Recorded: 1:36:00 for half marathon');
    expect(preview).toContain('faster');
    expect(preview).toMatch(/Race prediction \d:\d\d:\d\d \(was \d:\d\d:\d\d\) against your goal of 3:30:00/);
    const [accept, keep] = buttonsOf(accepted.result);
    expect(accept).toMatchObject({ actionId: PACES_ACCEPT_ACTION, label: 'Accept' });
    expect(keep).toMatchObject({ actionId: PACES_KEEP_ACTION });
    expect(accepted.plan.inputs?.paceChanges).toBeUndefined();
    expect(accepted.plan.pendingPaces?.id).toBe(accept?.value);

    const yes = await core.handle(press(ana, accept));
    expect(textOf(yes)).toContain('New paces accepted: week 10 and the weeks after it use them.');
    const no = await core.handle(press(kim, buttonsOf(kept.result)[1]));
    expect(textOf(no)).toContain('Kept your paces');

    s.clock.set(`${mondayOf(10)}T08:00:00Z`);
    const a = (await s.plans.ensureWeek(ana.identity, accepted.plan.id, 10)).plan;
    const k = (await s.plans.ensureWeek(kim.identity, kept.plan.id, 10)).plan;
    const faster = pacesForWeek(a.inputs!, 10);
    const own = pacesForWeek(k.inputs!, 10);
    expect(faster.easy).toBeLessThan(own.easy);
    expect(faster.threshold).toBeLessThan(own.threshold);
    // Week 10's sessions are written at the new paces, week 9's (made before) at the old ones.
    expect(easyPaceOf(a, 10)).toBe(formatPace(faster.easy));
    expect(easyPaceOf(k, 10)).toBe(formatPace(own.easy));
    expect(easyPaceOf(a, 9)).toBe(easyPaceOf(k, 9));
    const quality = (p: PlanRecord) =>
      p.weeks[9]!.days.filter((d) => d.type === 'tempo' || d.type === 'intervals').flatMap((d) =>
        d.workout.map((l) => l.paceGoal).filter((x) => x !== null),
      );
    expect(quality(a)).not.toEqual(quality(k));

    await expectValidWithLogs(ana, a.id, 8);
    await expectValidWithLogs(kim, k.id, 8);
    // The result is kept with the tune-up, and status shows it.
    expect(a.results?.at(-1)).toMatchObject({ tuneUpDate: HALF_DAY, distance: 'half', timeSeconds: 5760, outcome: 'accepted' });
    expect(k.results?.at(-1)?.outcome).toBe('kept');
    expect(textOf(await say(ana, '/plan status'))).toContain('(1:36:00)');
    expect(errors).toEqual([]);
  });

  it('makes one change from concurrent Accepts, and refuses a stranger and a stale press', async () => {
    const lee = athlete();
    const { plan, result } = await halfRun(lee);
    const accept = buttonsOf(result)[0];
    const stranger = await core.handle(press(BEN, accept));
    expect(textOf(stranger)).toContain('belongs to someone else');
    expect((await s.plans.getPlan(lee.identity, plan.id)).revision).toBe(plan.revision);

    const other = await s.instance();
    const [one, two] = await Promise.all([
      s.plans.choosePaces(lee.identity, plan.id, accept!.value!, true),
      other.plans.choosePaces(lee.identity, plan.id, accept!.value!, true),
    ]);
    await other.close();
    expect([one.outcome, two.outcome].sort()).toEqual(['already', 'done']);
    const after = await s.plans.getPlan(lee.identity, plan.id);
    expect(after.inputs?.paceChanges).toHaveLength(1);
    expect(after.revision).toBe(plan.revision + 1);
    // Pressed again later: answered, nothing changes.
    expect(textOf(await core.handle(press(lee, accept)))).toContain('Already done');
    // Keep on the same change after it was accepted: a stale press, refused in one sentence.
    const stale = await core.handle(press(lee, buttonsOf(result)[1]));
    expect(textOf(stale)).toContain('no longer waiting');
    expect((await s.plans.getPlan(lee.identity, plan.id)).revision).toBe(after.revision);
    await expectValidWithLogs(lee, plan.id, 8);
  });
});

describe('a tune-up’s result entered from its day', () => {
  it('offers Result on the race day; the form comes with its distance and date, and sending a time checks the paces', async () => {
    const eve = athlete();
    let plan = await planInWeek(eve, 8);
    ({ plan } = await s.plans.ensureWeek(eve.identity, plan.id, 9));
    await say(eve, `/plan tuneup date=${HALF_DAY} distance=half name="Winter Half"`);
    s.clock.set(`${HALF_DAY}T15:00:00Z`);

    const week9 = await say(eve, '/plan week 9');
    const rows = week9.flatMap((v) => (v.kind === 'message' ? v.blocks.flatMap((b) => (b.type === 'week' ? [...b.rows] : [])) : []));
    const raceRow = rows.find((r) => r.typeLabel.includes('Winter Half'));
    const resultButton = raceRow?.buttons.find((b) => b.label === 'Result');
    expect(resultButton?.value).toBe(HALF_DAY);
    // Only the tune-up's day has it.
    expect(rows.filter((r) => r.buttons.some((b) => b.label === 'Result'))).toHaveLength(1);

    const [form] = await core.handle(press(eve, resultButton));
    if (form?.kind !== 'form') throw new Error(`not a form: ${textOf([form!])}`);
    expect(form.values).toEqual({ distance: 'half', date: HALF_DAY });
    expect(form.fields.map((f) => f.id)).toEqual(['time', 'distance', 'date']);

    // A time that is no time is named on the form; a real one gets the command's answer.
    const bad = await core.handle({
      kind: 'form',
      actor: eve,
      formId: form.formId,
      planId: form.planId,
      values: { ...form.values, time: 'fast' },
    });
    expect(textOf(bad)).toContain('time');
    expect((await s.plans.getPlan(eve.identity, plan.id)).results ?? []).toHaveLength(0);
    const sent = await core.handle({
      kind: 'form',
      actor: eve,
      formId: form.formId,
      planId: form.planId,
      values: { ...form.values, time: '1:36:00' },
    });
    expect(buttonsOf(sent).map((b) => b.actionId)).toEqual([PACES_ACCEPT_ACTION, PACES_KEEP_ACTION]);
    expect((await s.plans.getPlan(eve.identity, plan.id)).results?.at(-1)).toMatchObject({ tuneUpDate: HALF_DAY, timeSeconds: 5760 });

    // `/plan result` with nothing typed opens the same form.
    const [typed] = await say(eve, '/plan result');
    expect(typed?.kind).toBe('form');
  });
});

describe('a tune-up around a week already posted', () => {
  it('remakes the posted week, keeps it posted, and edits its message (or shows the new week)', async () => {
    const edits: number[] = [];
    const logger = createLogger('error', { write: (line: string) => errors.push(line) });
    const editing = createConversation({
      plans: s.plans,
      logger,
      clock: s.clock,
      weekMessages: { edit: async (_plan, n) => (edits.push(n), true) },
    });
    for (const [who, conversation] of [
      [athlete(), editing],
      [athlete(), core],
    ] as const) {
      let plan = await planInWeek(who, 8);
      ({ plan } = await s.plans.ensureWeek(who.identity, plan.id, 9));
      const postedAt = new Date(`${addDaysIso(mondayOf(9), -1)}T18:00:00Z`);
      await s.store.update(plan.id, {}, { posted: { weekNumber: 9, at: postedAt, messageRef: 'C1:1700000000.000100' } }, postedAt);
      const views = await conversation.handle({
        kind: 'command',
        actor: who,
        command: parseCommandText(`/plan tuneup date=${HALF_DAY} distance=half`),
      });
      const after = await s.plans.getPlan(who.identity, plan.id);
      expect(after.weeks[8]).toMatchObject({ postedAt, messageRef: 'C1:1700000000.000100' });
      expect(after.weeks[8]?.days.find((d) => d.date === HALF_DAY)?.type).toBe('race');
      if (conversation === editing) {
        expect(views).toHaveLength(1);
        expect(textOf(views)).toContain("Week 9's message is updated.");
      } else {
        expect(views).toHaveLength(2);
        expect(textOf(views)).toContain('Week 9, made again around your tune-up:');
        expect(textOf(views)).toContain('Tune-up: half tune-up');
      }
      await expectValidWithLogs(who, plan.id, 7);
    }
    expect(edits).toEqual([9]);
  });
});

describe('results within 1% and bad input', () => {
  it('records a result close to the plan and says the paces stand', async () => {
    const joe = athlete();
    const plan = await planInWeek(joe, 3);
    const views = await say(joe, '/plan result time=22:31 distance=5k');
    expect(textOf(views)).toContain('Your paces stand');
    expect(buttonsOf(views)).toEqual([]);
    const after = await s.plans.getPlan(joe.identity, plan.id);
    expect(after.results?.[0]).toMatchObject({ outcome: 'within', distance: '5k' });
    expect(after.pendingPaces).toBeNull();
    await expectValidWithLogs(joe, plan.id, 2);
  });

  it('answers each bad tune-up or result in one sentence and changes nothing', async () => {
    const amy = athlete();
    let plan = await planInWeek(amy, 4);
    await say(amy, `/plan tuneup date=${addDaysIso(mondayOf(8), 5)} distance=10k`);
    plan = await s.plans.getPlan(amy.identity, plan.id);
    const cases: [string, string][] = [
      [`/plan tuneup date=${addDaysIso(mondayOf(4), -2)} distance=10k`, 'not in the future'],
      [`/plan tuneup date=${mondayOf(4)} distance=10k`, 'not in the future'],
      ['/plan tuneup date=2027-04-05 distance=10k', "inside your race's taper"],
      ['/plan tuneup date=2027-05-01 distance=10k', 'not before your race'],
      [`/plan tuneup date=${addDaysIso(mondayOf(8), 3)} distance=5k`, 'keep tune-ups a week apart'],
      [`/plan tuneup date=${addDaysIso(mondayOf(11), 6)} distance=31`, 'longer than your'],
      [`/plan tuneup date=${addDaysIso(mondayOf(11), 6)} distance=banana`, 'is not a distance'],
      ['/plan result time=3:30:00 distance=half', 'slower than walking pace'],
      ['/plan result time=1:40:00 distance=half date=2027-03-01', 'in the future'],
      ['/plan result time=40:00 distance=banana', 'is not a distance'],
      ['/plan result time=fast distance=10k', 'is not a time'],
    ];
    for (const [text, expected] of cases) {
      const views = await say(amy, text);
      expect(views, text).toHaveLength(1);
      expect(textOf(views), text).toContain(expected);
      expect((await s.plans.getPlan(amy.identity, plan.id)).revision, text).toBe(plan.revision);
    }
    // A tune-up in a week already under way (this week) is refused too.
    const week4 = await say(amy, `/plan tuneup date=${addDaysIso(mondayOf(4), 6)} distance=5k`);
    expect(textOf(week4)).toContain('Week 4 is already under way');
    expect((await s.plans.getPlan(amy.identity, plan.id)).revision).toBe(plan.revision);
    await expectValidWithLogs(amy, plan.id, 3);
  });
});
