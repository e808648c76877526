/**
 * `/plan export fit [week N]` through the conversation core: a zip of FIT workouts as a binary
 * file view (base64 in plain JSON data), this week by default; a bad week gets one sentence and
 * no file; `/plan export` alone is still the calendar file.
 */
import { Decoder, Stream } from '@garmin/fitsdk';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommandText } from '../../src/conversation/command-parser.js';
import { createConversation, type Conversation } from '../../src/conversation/conversation.js';
import type { Intent, IntentActor } from '../../src/conversation/intents.js';
import { fileBytes, type View } from '../../src/conversation/views.js';
import { createLogger } from '../../src/log.js';
import { startTestService, type TestService } from '../support/plan-service.js';
import { MARATHON_FIELDS } from '../support/sample-inputs.js';

const ANA: IntentActor = { identity: 'discord:G1:ANA', timezone: 'UTC', origin: { kind: 'dm' } };

let s: TestService;
let core: Conversation;
const errors: string[] = [];

beforeAll(async () => {
  s = await startTestService({ now: '2026-11-25T12:00:00Z' });
  core = createConversation({
    plans: s.plans,
    logger: createLogger('error', { write: (line: string) => errors.push(line) }),
    clock: s.clock,
  });
  const preview = await s.plans.createPreview({ owner: ANA.identity, fields: MARATHON_FIELDS });
  await s.plans.confirmPlan(ANA.identity, preview.id);
});

afterAll(async () => {
  await s.close();
  expect(errors).toEqual([]);
});

const say = (text: string): Promise<View[]> =>
  core.handle({ kind: 'command', actor: ANA, command: parseCommandText(text) } satisfies Intent);

/** The one text a refusal shows. */
function sentence(views: View[]): string {
  expect(views).toHaveLength(1);
  const [view] = views;
  if (view?.kind !== 'message') throw new Error(`expected a message, got ${view?.kind}`);
  expect(view.ephemeral).toBe(true);
  return view.summary;
}

describe('/plan export fit', () => {
  it('answers with this week as a zip of FIT workouts, one per run day', async () => {
    const [file] = await say('/plan export fit');
    if (file?.kind !== 'file') throw new Error('expected a file');
    expect(file).toMatchObject({ filename: 'gofast-boston-marathon-week-1.zip', mimeType: 'application/zip', encoding: 'base64' });
    expect(file.caption).toContain('Garmin Connect');
    const files = unzipSync(fileBytes(file));
    const runDays = (await s.plans.currentPlan(ANA.identity))?.weeks[0]?.days.filter((d) => d.type !== 'rest') ?? [];
    expect(Object.keys(files).map((name) => name.slice(0, 10))).toEqual(runDays.map((d) => d.date));
    for (const bytes of Object.values(files)) expect(new Decoder(Stream.fromByteArray(bytes)).checkIntegrity()).toBe(true);
  });

  it('takes week N as "fit week N" or "fit N"', async () => {
    await s.plans.generateNextWeek(ANA.identity, (await s.plans.currentPlan(ANA.identity))?.id ?? '');
    for (const text of ['/plan export fit week 2', '/plan export fit 2', '/plan export week 2 fit']) {
      const [file] = await say(text);
      expect(file).toMatchObject({ kind: 'file', filename: 'gofast-boston-marathon-week-2.zip' });
    }
  });

  it('refuses a bad week in one sentence, with no file', async () => {
    expect(sentence(await say('/plan export fit week 30'))).toBe('This plan has 20 weeks, so there is no week 30.');
    expect(sentence(await say('/plan export fit week 9'))).toBe('Week 9 is not made yet: weeks are made as you go, adapting to your logs.');
    expect(sentence(await say('/plan export fit week soon'))).toBe('"soon" is not a week number.');
    expect(sentence(await say('/plan export ics week 2'))).toContain('/plan export fit week N');
  });

  it('keeps /plan export as the calendar file', async () => {
    for (const text of ['/plan export', '/plan export ics']) {
      const [file] = await say(text);
      if (file?.kind !== 'file') throw new Error('expected a file');
      expect(file).toMatchObject({ filename: 'gofast-boston-marathon.ics', mimeType: 'text/calendar' });
      expect(file.encoding).toBeUndefined();
      expect(file.content).toContain('BEGIN:VCALENDAR');
    }
  });
});
