/**
 * "Not today" in Slack, against the fake Web API and the real core: a posted week carries an
 * overflow menu per run day (Not today, Move…); choosing Not today moves the run and edits the
 * posted message in place (chat.update); a typed `/plan move` edits the posted message through the
 * poster (the week's stored `channel:ts`); a stranger's choice changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createWeekNotifier } from '../../../src/conversation/week-delivery.js';
import type { PlanRecord } from '../../../src/plans/plan-record.js';
import type { RecordedCall } from '../../fakes/slack/fake-slack-api.js';
import { overflowChoice, overflowsIn, slashCommand, type SlackPerson } from '../../fakes/slack/payloads.js';
import { MARATHON_FIELDS } from '../../support/plan-service.js';
import { ATHLETE, STRANGER, dmOf, identityOf, startSlackWorld, type SlackWorld } from './slack-world.js';

type Json = Record<string, unknown>;

let world: SlackWorld;
let plan: PlanRecord;
let posted: RecordedCall;

const blocksOf = (call: RecordedCall): Json[] => call.args.blocks as Json[];

/** Saturday's (day 6) menu in the posted week 2. */
function menuOf(call: RecordedCall, dayNumber: number): Json {
  const menu = overflowsIn(blocksOf(call)).find((o) =>
    (o.options as Json[]).some((option) => String(option.value).includes(`"value":"2:${dayNumber}:`)),
  );
  if (!menu) throw new Error(`no menu for day ${dayNumber}`);
  return menu;
}

const choose = (person: SlackPerson, on: RecordedCall, dayNumber: number, label: string) =>
  world.transport.interaction(
    overflowChoice(
      person,
      menuOf(on, dayNumber),
      label,
      { kind: 'message', channelId: String(on.args.channel), channelName: 'directmessage', ts: String(on.args.ts ?? '') },
      world.api.responseUrl(`${person.userId}-${label}-${dayNumber}`),
    ),
  );

let planId = '';
const current = () => world.service.plans.getPlan(identityOf(ATHLETE), planId);
const typeOf = (p: PlanRecord, dayNumber: number) => p.weeks[1]?.days.find((d) => d.dayNumber === dayNumber)?.type;

beforeAll(async () => {
  world = await startSlackWorld('socket');
  const { service } = world;
  const owner = identityOf(ATHLETE);
  service.clock.set('2026-11-25T12:00:00Z');
  const preview = await service.plans.createPreview({ owner, fields: { ...MARATHON_FIELDS, longDay: 'sat' } });
  await service.plans.confirmPlan(owner, preview.id);
  planId = preview.id;
  service.clock.set('2026-12-07T09:00:00Z');
  const made = (await service.plans.ensureWeek(owner, preview.id, 2)).plan;
  // As the scheduler posts a week: through the poster, and the message's reference stored.
  const since = world.api.mark();
  const { messageRef } = await createWeekNotifier([world.adapter.poster]).deliverWeek(made, 2, null);
  const now = service.clock.now();
  await service.store.update(made.id, {}, { posted: { weekNumber: 2, at: now, messageRef } }, now);
  posted = await world.api.waitForCall('chat.postMessage', { since });
  // The fake answers with the ts it gave the message; the update must name that one.
  posted = { ...posted, args: { ...posted.args, ts: messageRef.slice(messageRef.indexOf(':') + 1) } };
  plan = await current();
});

afterAll(async () => {
  await world.stop();
});

describe('Slack: Not today and Move on a posted week', () => {
  it('puts Not today and Move… in an overflow menu beside each run day’s Done / Skipped', () => {
    const week = plan.weeks[1];
    const runDays = week?.days.filter((d) => d.type !== 'rest') ?? [];
    const menus = overflowsIn(blocksOf(posted));
    expect(menus).toHaveLength(runDays.length);
    expect((menus[0]?.options as Json[]).map((o) => (o.text as Json).text)).toEqual(['Not today', 'Move…']);
  });

  it("refuses a stranger's Not today and changes nothing", async () => {
    const since = world.api.mark();
    await choose(STRANGER, posted, 6, 'Not today');
    const reply = await world.api.waitForCall('chat.postEphemeral', { since });
    expect(reply.args.user).toBe(STRANGER.userId);
    expect(JSON.stringify(reply.args)).toContain('belongs to someone else');
    expect(world.api.callsOf('chat.update', since)).toEqual([]);
    expect((await current()).revision).toBe(plan.revision);
  });

  it("moves Saturday's long run to the next day that takes it, editing the posted message in place", async () => {
    const since = world.api.mark();
    await choose(ATHLETE, posted, 6, 'Not today');
    const update = await world.api.waitForCall('chat.update', { since });
    expect(update.args).toMatchObject({ channel: dmOf(ATHLETE), ts: posted.args.ts });
    const after = await current();
    expect(typeOf(after, 7)).toBe('long');
    expect(typeOf(after, 6)).toBe(typeOf(plan, 7));
    expect(JSON.stringify(blocksOf(update))).toMatch(/Sun 13 Dec\* · Long run/);
    plan = after;
  });

  it('edits the posted message when a move is typed, and says so', async () => {
    const since = world.api.mark();
    await world.transport.command(
      slashCommand(ATHLETE, {
        text: 'move sun sat',
        channelId: dmOf(ATHLETE),
        channelName: 'directmessage',
        responseUrl: world.api.responseUrl('typed-move'),
      }),
    );
    const update = await world.api.waitForCall('chat.update', { since });
    expect(update.args).toMatchObject({ channel: dmOf(ATHLETE), ts: posted.args.ts });
    expect(JSON.stringify(blocksOf(update))).toMatch(/Sat 12 Dec\* · Long run/);
    const said = await world.api.waitForCall('chat.postMessage', {
      since,
      where: (c) => JSON.stringify(c.args).includes('message is updated'),
    });
    expect(JSON.stringify(said.args)).toContain("Moved Sunday's long run to Saturday");
    expect(typeOf(await current(), 6)).toBe('long');
  });
});
