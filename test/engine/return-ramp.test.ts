/**
 * The return ramp after a break and the reachability check of the re-plan core: the shares by
 * the break's length and reason, and the numbers a race out of reach is explained with.
 */
import { describe, expect, it } from 'vitest';
import { phasesAfter, reachability } from '../../src/engine/rules/replan.js';
import { returnRampOf } from '../../src/engine/rules/return-ramp.js';
import { marathonInputs } from '../support/plan-fixtures.js';

const STATE = { volume: 40, long: 14 };

describe('the return ramp', () => {
  it('brings a short break back at about 90% for a week, illness 10 points lower and easy only', () => {
    expect(returnRampOf(5, 'travel', STATE)).toMatchObject({
      kind: 'short',
      shares: [0.9],
      weeks: [{ volume: 36, long: 12.5, quality: 1 }],
    });
    expect(returnRampOf(7, 'sick', STATE)).toMatchObject({ kind: 'short', shares: [0.8], weeks: [{ volume: 32, long: 11, quality: 0 }] });
  });

  it('brings 8–14 days back at about 70% then 85%, quality only in the second week', () => {
    const travel = returnRampOf(10, 'busy', STATE);
    expect(travel.shares).toEqual([0.7, 0.85]);
    expect(travel.weeks.map((w) => w.quality)).toEqual([0, 1]);
    const flu = returnRampOf(14, 'sick', STATE);
    expect(flu.shares.map((s) => Number(s.toFixed(2)))).toEqual([0.6, 0.75]);
    expect(flu.weeks.map((w) => w.quality)).toEqual([0, 0]);
  });

  it('starts a new base block after a longer break: easy first, one quality session at its end', () => {
    const injury = returnRampOf(21, 'injured', STATE);
    expect(injury.kind).toBe('base-block');
    expect(injury.shares.map((s) => Number(s.toFixed(2)))).toEqual([0.5, 0.6, 0.7, 0.8]);
    expect(injury.weeks.map((w) => w.quality)).toEqual([0, 0, 1, 1]);
    expect(returnRampOf(60, 'travel', STATE).shares).toHaveLength(6);
  });
});

describe('the reachability check', () => {
  it('needs the shortest plan for the race after a base block, and says so with numbers', () => {
    const inputs = marathonInputs();
    const phases = phasesAfter([], 12, inputs);
    expect(phases).toBeDefined();
    const why = reachability(inputs, phases!, 5, returnRampOf(21, 'injured', STATE), 21);
    expect(why?.reason).toMatch(
      /^after 21 days off the plan restarts with a base block, and a marathon plan needs at least 10 weeks; \d+ are left/,
    );
  });

  it('accepts a short break early in a long plan', () => {
    const inputs = marathonInputs();
    const phases = phasesAfter([], 12, inputs)!;
    expect(reachability(inputs, phases, 3, returnRampOf(5, 'travel', STATE), 5)).toBeUndefined();
  });
});

describe('the phases after a change', () => {
  it('keeps the phases of the weeks made and splits the rest, taper as R1 sets it', () => {
    const made = ['base', 'base', 'base', 'base', 'base', 'build', 'build'] as const;
    expect(phasesAfter(made, 24, marathonInputs())?.map((p) => `${p.name} ${p.weekCount}`)).toEqual([
      'base 5',
      'build 11',
      'peak 5',
      'taper 3',
    ]);
    // The made weeks reach into the new taper: no such plan.
    expect(phasesAfter(made, 9, marathonInputs())).toBeUndefined();
  });
});
