/**
 * `GET /api/training-plan/{id}/fit[?week=N]` over real HTTP: the key's owner gets a week of their
 * plan as a zip of FIT workouts (the same zip `/plan export fit` gives in chat); a bad week is a
 * 400 or 409 with one sentence, another owner's plan a 404. Every answer is checked against the
 * OpenAPI document.
 */
import { Decoder, Stream } from '@garmin/fitsdk';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARATHON_FIELDS } from '../../support/sample-inputs.js';
import { startHttpWorld, type HttpWorld } from './http-world.js';

const ATHLETE = 'http:club:fit';
let world: HttpWorld;
let key: string;
let id: string;

beforeAll(async () => {
  world = await startHttpWorld();
  key = await world.keyFor(ATHLETE);
  const preview = await world.service.plans.createPreview({ owner: ATHLETE, fields: MARATHON_FIELDS });
  id = (await world.service.plans.confirmPlan(ATHLETE, preview.id)).id;
});

afterAll(async () => {
  await world.close();
});

/** The answer's bytes, after the world's client has checked it against the document. */
async function zipOf(path: string): Promise<{ status: number; headers: Headers; bytes: Uint8Array }> {
  const checked = await world.request('GET', path, { key });
  const response = await fetch(`${world.api.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: checked.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
}

describe('GET /api/training-plan/{id}/fit', () => {
  it('answers this week, or week N, as a zip of FIT workouts', async () => {
    const zip = await zipOf(`/api/training-plan/${id}/fit`);
    expect(zip.status).toBe(200);
    expect(zip.headers.get('content-type')).toBe('application/zip');
    expect(zip.headers.get('content-disposition')).toBe('attachment; filename="gofast-boston-marathon-week-1.zip"');
    const files = unzipSync(zip.bytes);
    expect(Object.keys(files)).toHaveLength(5);
    for (const bytes of Object.values(files)) expect(new Decoder(Stream.fromByteArray(bytes)).checkIntegrity()).toBe(true);
    const week1 = await zipOf(`/api/training-plan/${id}/fit?week=1`);
    expect(Object.keys(unzipSync(week1.bytes))).toEqual(Object.keys(files));
  });

  it('refuses a week it cannot give in one sentence', async () => {
    const outside = await world.request('GET', `/api/training-plan/${id}/fit?week=40`, { key });
    expect(outside.status).toBe(400);
    expect(outside.body.error?.message).toBe('this plan has 20 weeks, so there is no week 40');
    const later = await world.request('GET', `/api/training-plan/${id}/fit?week=3`, { key });
    expect(later.status).toBe(409);
    expect(later.body.error?.message).toMatch(/^week 3 is not made yet/);
    expect((await world.request('GET', `/api/training-plan/${id}/fit?week=soon`, { key })).status).toBe(400);
  });

  it('is the key owner’s: another owner’s plan answers as an unknown one', async () => {
    const other = await world.keyFor('http:club:other');
    const answer = await world.request('GET', `/api/training-plan/${id}/fit`, { key: other });
    expect(answer.status).toBe(404);
    expect((await world.request('GET', `/api/training-plan/${id}/fit`, { key: null })).status).toBe(401);
  });
});
