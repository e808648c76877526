/** `weeklyVolumes`: every week of a plan for the charts, made or projected, the race apart (R5). */
import { describe, expect, it } from 'vitest';
import { weekNumberOf } from '../../src/domain/calendar.js';
import { trainingMiles, weekMiles } from '../../src/domain/plan-math.js';
import { projectPlan } from '../../src/engine/rules/plan-projection.js';
import type { PlanRecord } from '../../src/plans/plan-record.js';
import { weeklyVolumes } from '../../src/plans/plan-volumes.js';
import { planFixture } from '../contract/sample-views.js';
import { wholePlan } from '../support/engine-fixtures.js';

const AT = new Date('2026-11-25T09:00:00Z');

/** The sample marathon with every week made by the rules engine, each logged as planned. */
function finishedPlan(): PlanRecord {
  const active = planFixture({ status: 'active' });
  if (!active.inputs) throw new Error('fixture without inputs');
  const { phases, weeks } = wholePlan(active.inputs);
  return {
    ...active,
    status: 'completed',
    phases,
    weeks: weeks.map((w) => ({
      ...w,
      source: 'rules',
      provenance: null,
      generatedAt: AT,
      postedAt: AT,
      messageRef: null,
      execution: w.execution ?? null,
    })),
  };
}

describe('weeklyVolumes', () => {
  it('gives every week of the plan, the weeks made at their training miles and the rest as projected', () => {
    const plan = planFixture({ status: 'active' });
    const volumes = weeklyVolumes(plan);
    expect(plan.totalWeeks).toBe(20);
    expect(volumes.map((v) => v.weekNumber)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const curve = plan.inputs ? projectPlan(plan.inputs, plan.phases) : undefined;
    for (const v of volumes) {
      const made = plan.weeks.find((w) => w.weekNumber === v.weekNumber);
      expect(v.projected).toBe(made === undefined);
      expect(v.planned).toBeCloseTo(made ? trainingMiles(made) : (curve?.weeks[v.weekNumber - 1]?.level ?? NaN), 6);
      expect(v.phase).toBe(made?.phase ?? curve?.weeks[v.weekNumber - 1]?.phase);
    }
    expect(volumes.filter((v) => !v.projected).map((v) => v.weekNumber)).toEqual([1, 2]);
  });

  it('overlays what was logged, and null where nothing was', () => {
    const volumes = weeklyVolumes(planFixture({ status: 'active' }));
    expect(volumes[0]?.logged).toBe(24);
    expect(volumes.slice(1).every((v) => v.logged === null)).toBe(true);
  });

  it('keeps the race apart: only race week holds it, and its bar is training only, never the tallest', () => {
    const plan = finishedPlan();
    const volumes = weeklyVolumes(plan);
    expect(volumes.every((v) => !v.projected)).toBe(true);
    const raceWeek = volumes.at(-1);
    expect(volumes.filter((v) => v.raceWeek)).toEqual([raceWeek]);
    expect(volumes.filter((v) => v.race !== null)).toHaveLength(1);
    expect(raceWeek?.race).toEqual({ date: '2027-04-18', name: 'Boston Marathon', miles: 26.219 });
    const stored = plan.weeks.at(-1);
    expect(stored && raceWeek ? weekMiles(stored) - raceWeek.planned : 0).toBeGreaterThan(26);
    expect(raceWeek?.planned).toBeLessThan(Math.max(...volumes.map((v) => v.planned)));
    // Logged as planned: the athlete's miles overlay every week but the last (logged after the race).
    expect(volumes.slice(0, -1).every((v) => v.logged !== null)).toBe(true);
  });

  it('marks the cutback weeks the plan’s curve places (R8), and none in the taper', () => {
    const volumes = weeklyVolumes(planFixture({ status: 'active' }));
    const cutbacks = volumes.filter((v) => v.cutback);
    expect(cutbacks.length).toBeGreaterThanOrEqual(3);
    for (const v of cutbacks) {
      expect(v.phase).not.toBe('taper');
      expect(v.planned).toBeLessThanOrEqual(0.9 * (volumes[v.weekNumber - 2]?.planned ?? 0) + 1e-9);
    }
  });

  it('charts a preview from its Week 1 and phases, the rest projected', () => {
    const plan = planFixture();
    const volumes = weeklyVolumes(plan);
    expect(volumes).toHaveLength(plan.preview?.totalWeeks ?? 0);
    expect(volumes[0]).toMatchObject({ projected: false, planned: trainingMiles(plan.preview?.week ?? { days: [] }) });
    expect(volumes.slice(1).every((v) => v.projected)).toBe(true);
  });

  it('puts a tune-up race in its week, apart from the bar', () => {
    const active = planFixture({ status: 'active' });
    if (!active.inputs) throw new Error('fixture without inputs');
    const tuneUp = { date: '2027-01-31', distance: 'half', distanceMiles: 13.109, name: 'Winter Half' };
    const plan: PlanRecord = { ...active, inputs: { ...active.inputs, tuneUps: [tuneUp] } };
    const volumes = weeklyVolumes(plan);
    const week = weekNumberOf(active.inputs.startDate, tuneUp.date);
    expect(volumes.filter((v) => v.tuneUps.length > 0).map((v) => v.weekNumber)).toEqual([week]);
    expect(volumes[week - 1]?.tuneUps).toEqual([{ date: '2027-01-31', name: 'Winter Half', miles: 13.109 }]);
    expect(volumes[week - 1]?.planned).toBe(weeklyVolumes(active)[week - 1]?.planned);
  });

  it('has nothing to chart for a draft', () => {
    const plan: PlanRecord = { ...planFixture(), status: 'draft', inputs: null, preview: null, totalWeeks: null };
    expect(weeklyVolumes(plan)).toEqual([]);
  });
});
