/**
 * The seed's flow over real HTTP on 127.0.0.1: create a draft, generate phases and Week 1, confirm,
 * then week by week (with the previous week's execution), read the plan, export it, cancel it —
 * plus the seed's rules for the week endpoint and replays. Every answer is checked against the
 * OpenAPI document by the world's client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARATHON_FIELDS } from '../../support/plan-service.js';
import { startHttpWorld, type HttpWorld } from './http-world.js';

const ATHLETE = 'http:club:alice';
let world: HttpWorld;
let key: string;

beforeAll(async () => {
  world = await startHttpWorld();
  key = await world.keyFor(ATHLETE);
});

afterAll(async () => {
  await world.close();
});

const CREATE_BODY = { ...MARATHON_FIELDS, days: [2, 3, 4, 6, 7], mileage: 30 };

async function createDraft(body: Record<string, unknown> = CREATE_BODY, as = key): Promise<string> {
  const created = await world.request('POST', '/api/training-plan', { key: as, body });
  expect(created.status).toBe(201);
  return created.body.trainingPlanId as string;
}

async function activePlan(as = key): Promise<string> {
  const id = await createDraft(CREATE_BODY, as);
  expect((await world.request('POST', '/api/training-plan/generate', { key: as, body: { trainingPlanId: id } })).status).toBe(200);
  expect((await world.request('PUT', '/api/training-plan/generate', { key: as, body: { trainingPlanId: id } })).status).toBe(200);
  return id;
}

describe('the seed’s flow over HTTP', () => {
  it('creates, generates, confirms, makes weeks 2 and 3 with the log, reads, exports and cancels', async () => {
    const created = await world.request('POST', '/api/training-plan', { key, body: CREATE_BODY });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ trainingPlanId: expect.any(String), status: 'draft' });
    const id = created.body.trainingPlanId as string;

    const generated = await world.request('POST', '/api/training-plan/generate', { key, body: { trainingPlanId: id } });
    expect(generated.status).toBe(200);
    expect(generated.body).toMatchObject({ trainingPlanId: id, status: 'preview', totalWeeks: 20, warnings: [] });
    expect((generated.body.phases as { name: string }[]).map((p) => p.name)).toEqual(['base', 'build', 'peak', 'taper']);
    expect(generated.body.phases).toEqual(expect.arrayContaining([{ name: 'base', weekCount: expect.any(Number) }]));
    expect(generated.body.week).toMatchObject({ weekNumber: 1 });
    expect((generated.body.week as { days: unknown[] }).days).toHaveLength(7);
    expect(generated.body.paces).toMatchObject({
      fiveK: expect.stringMatching(/^\d{1,2}:\d\d$/),
      easy: expect.stringMatching(/^\d{1,2}:\d\d$/),
    });

    const confirmed = await world.request('PUT', '/api/training-plan/generate', { key, body: { trainingPlanId: id } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toEqual({ trainingPlanId: id, status: 'active' });

    const week2 = await world.request('POST', '/api/training-plan/week/generate', { key, body: { trainingPlanId: id, weekNumber: 2 } });
    expect(week2.status).toBe(200);
    expect(week2.body).toMatchObject({ trainingPlanId: id, totalWeeks: 20, week: { weekNumber: 2, source: 'rules', execution: null } });
    expect((week2.body.week as { days: unknown[] }).days).toHaveLength(7);

    const log = { completedDays: 4, totalMiles: 27.5, averagePace: '8:45', notes: 'legs heavy on Thursday' };
    const week3 = await world.request('POST', '/api/training-plan/week/generate', {
      key,
      body: { trainingPlanId: id, weekNumber: 3, previousWeekExecution: log },
    });
    expect(week3.status).toBe(200);
    expect(week3.body.week).toMatchObject({ weekNumber: 3 });

    const plan = await world.request('GET', `/api/training-plan/${id}`, { key });
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({ trainingPlanId: id, owner: ATHLETE, status: 'active', totalWeeks: 20, preview: null });
    const weeks = plan.body.weeks as { weekNumber: number; execution: unknown }[];
    expect(weeks.map((w) => w.weekNumber)).toEqual([1, 2, 3]);
    expect(weeks[1]?.execution).toMatchObject(log);
    expect(weeks[2]?.execution).toBeNull();

    const ics = await world.request('GET', `/api/training-plan/${id}.ics`, { key });
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(ics.headers.get('content-disposition')).toMatch(/attachment; filename="gofast-boston-marathon\.ics"/);
    expect(ics.text).toMatch(/^BEGIN:VCALENDAR/);
    expect(ics.text.match(/BEGIN:VEVENT/g)?.length).toBeGreaterThan(10);
    // The whole plan (issue 20): the weeks not made yet as tentative, and the race day.
    expect(ics.text).toContain('STATUS:TENTATIVE');
    expect(ics.text).toContain(`UID:${id}-race@gofast.coach`);

    const cancelled = await world.request('DELETE', `/api/training-plan/${id}`, { key });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ trainingPlanId: id, status: 'cancelled', nextWeekDueAt: null });
    expect((await world.request('GET', `/api/training-plan/${id}`, { key })).body.status).toBe('cancelled');
    // A cancelled plan makes no more weeks.
    const after = await world.request('POST', '/api/training-plan/week/generate', { key, body: { trainingPlanId: id, weekNumber: 4 } });
    expect(after.status).toBe(409);
    expect(after.body.error?.code).toBe('WRONG_STATE');
  });

  it('answers a replayed confirm with the same answer and keeps one active plan', async () => {
    const owner = 'http:club:replay';
    const replayKey = await world.keyFor(owner);
    const id = await createDraft(CREATE_BODY, replayKey);
    await world.request('POST', '/api/training-plan/generate', { key: replayKey, body: { trainingPlanId: id } });
    const confirm = () => world.request('PUT', '/api/training-plan/generate', { key: replayKey, body: { trainingPlanId: id } });
    const answers = [await confirm(), ...(await Promise.all([confirm(), confirm(), confirm()])), await confirm()];
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ trainingPlanId: id, status: 'active' });
    }
    const active = await world.service.plans.listPlans({ owner, statuses: ['active'] });
    expect(active.map((p) => p.id)).toEqual([id]);
    expect(active[0]?.weeks).toHaveLength(1);
  });

  it('accepts the generated plan sent along with a confirm, as the seed’s client does', async () => {
    const id = await createDraft();
    const generated = await world.request('POST', '/api/training-plan/generate', { key, body: { trainingPlanId: id } });
    const confirmed = await world.request('PUT', '/api/training-plan/generate', { key, body: { ...generated.body, trainingPlanId: id } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('active');
  });

  it('returns the same preview when generate is called again', async () => {
    const id = await createDraft();
    const first = await world.request('POST', '/api/training-plan/generate', { key, body: { trainingPlanId: id } });
    const second = await world.request('POST', '/api/training-plan/generate', { key, body: { trainingPlanId: id } });
    expect(second.body).toEqual(first.body);
  });

  it('refuses week N+1 before week N, naming the missing week', async () => {
    const id = await activePlan();
    const early = await world.request('POST', '/api/training-plan/week/generate', { key, body: { trainingPlanId: id, weekNumber: 3 } });
    expect(early.status).toBe(400);
    expect(early.body.error?.code).toBe('INVALID_INPUT');
    expect(early.body.error?.fields?.weekNumber).toMatch(/^week 3 needs week 2 first/);
    // Nothing was made on the way.
    const plan = await world.service.plans.getPlan('operator', id);
    expect(plan.weeks).toHaveLength(1);
    // Past the plan's last week: a field error too.
    const beyond = await world.request('POST', '/api/training-plan/week/generate', { key, body: { trainingPlanId: id, weekNumber: 21 } });
    expect(beyond.status).toBe(400);
    expect(beyond.body.error?.fields?.weekNumber).toMatch(/20 weeks/);
  });

  it('returns an existing week as it is instead of making it again', async () => {
    const id = await activePlan();
    const request = () => world.request('POST', '/api/training-plan/week/generate', { key, body: { trainingPlanId: id, weekNumber: 2 } });
    const first = await request();
    const again = await Promise.all([request(), request(), request()]);
    for (const answer of again) {
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(first.body);
    }
    const weekOne = await world.request('POST', '/api/training-plan/week/generate', { key, body: { trainingPlanId: id, weekNumber: 1 } });
    expect(weekOne.body.week).toMatchObject({ weekNumber: 1 });
    const plan = await world.service.plans.getPlan('operator', id);
    expect(plan.weeks.map((w) => w.weekNumber)).toEqual([1, 2]);
  });

  it('finds the plan of the first request when a create is repeated with the same Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'create-7f3a' };
    const first = await world.request('POST', '/api/training-plan', { key, body: CREATE_BODY, headers });
    const second = await world.request('POST', '/api/training-plan', { key, body: CREATE_BODY, headers });
    expect(first.status).toBe(201);
    expect(second.body).toEqual(first.body);
    // The same key from another owner is another request.
    const otherKey = await world.keyFor('http:club:carol');
    const other = await world.request('POST', '/api/training-plan', { key: otherKey, body: CREATE_BODY, headers });
    expect(other.body.trainingPlanId).not.toBe(first.body.trainingPlanId);
  });

  it('answers 422 when an Idempotency-Key is reused with another body, and still finds the first plan with the same body', async () => {
    const headers = { 'idempotency-key': 'create-reused-1' };
    const first = await world.request('POST', '/api/training-plan', { key, body: CREATE_BODY, headers });
    expect(first.status).toBe(201);
    const before = (await world.service.plans.listPlans({ owner: ATHLETE })).length;
    const changed = await world.request('POST', '/api/training-plan', { key, body: { ...CREATE_BODY, goal: '3:15:00' }, headers });
    expect(changed.status).toBe(422);
    expect(changed.body.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(changed.body.error?.message).toMatch(/^this Idempotency-Key was already used with a different request body; .*[^.]$/);
    const zoned = await world.request('POST', '/api/training-plan', { key, body: { ...CREATE_BODY, timezone: 'Asia/Tokyo' }, headers });
    expect(zoned.status).toBe(422);
    // Nothing was stored for the refused requests, and the first plan is unchanged.
    expect(await world.service.plans.listPlans({ owner: ATHLETE })).toHaveLength(before);
    expect((await world.service.plans.getPlan(ATHLETE, String(first.body.trainingPlanId))).draft.goal).toBe(CREATE_BODY.goal);
    // The same request again, spelt differently (keys reordered), is still a retry of the first.
    const reordered = Object.fromEntries(Object.entries(CREATE_BODY).reverse());
    const again = await world.request('POST', '/api/training-plan', { key, body: reordered, headers });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
  });

  it('takes numbers, day lists as text, units and a time zone, and stores the draft as typed', async () => {
    const id = await createDraft({
      distance: 13.1,
      raceDate: '2027-03-07',
      goal: '1:45:00',
      fiveK: '7:20',
      mileage: '25',
      days: '2,4,6,7',
      units: 'km',
      recentLong: 16,
      longDay: 'sun',
      timezone: 'Europe/Berlin',
    });
    const plan = await world.request('GET', `/api/training-plan/${id}`, { key });
    expect(plan.body).toMatchObject({
      status: 'draft',
      timezone: 'Europe/Berlin',
      inputs: null,
      paces: null,
      draft: { distance: '13.1', mileage: '25', days: '2,4,6,7', units: 'km', recentLong: '16', longDay: 'sun' },
    });
    const preview = await world.request('POST', '/api/training-plan/generate', { key, body: { trainingPlanId: id } });
    expect(preview.status).toBe(200);
    const read = await world.request('GET', `/api/training-plan/${id}`, { key });
    expect(read.body).toMatchObject({
      status: 'preview',
      preview: { totalWeeks: preview.body.totalWeeks },
      // With units km the numbers were kilometres; the plan keeps miles.
      inputs: {
        units: 'km',
        preferredDays: [2, 4, 6, 7],
        distance: '13.1 km',
        weeklyMileage: 15.53,
        recentLongRunMiles: 9.94,
        longRunDay: 7,
      },
    });
  });

  it('answers /healthz always and /readyz by the readiness check', async () => {
    expect((await world.request('GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await world.request('GET', '/readyz')).status).toBe(200);
    world.ready = false;
    try {
      const down = await world.request('GET', '/readyz');
      expect(down.status).toBe(503);
      expect(down.body).toEqual({ status: 'unavailable' });
    } finally {
      world.ready = true;
    }
  });
});
