/**
 * The Block Kit renderers: the shared renderer contract (nothing the core wrote is lost), Slack's
 * limits on every sample (checked by the fake's validator), and the modal's native inputs read back
 * from `state.values`.
 */
import { describe, expect, it } from 'vitest';

import {
  BLOCK_KIT_LIMITS,
  decodeButtonValue,
  decodeModalMetadata,
  encodeButtonValue,
  renderBlocks,
  renderHome,
  renderMessage,
  renderModal,
  unescapeMrkdwn,
} from '../../../src/adapters/slack/index.js';
import type { ImageFiles } from '../../../src/adapters/slack/render-blocks.js';
import { formValues } from '../../../src/adapters/slack/submission-values.js';
import { viewSubmissionSchema } from '../../../src/adapters/slack/slack-payloads.js';
import { DRAFT_FORM_ID, PLAN_CONFIRM_ACTION } from '../../../src/conversation/action-ids.js';
import { draftForm } from '../../../src/conversation/forms/draft-fields.js';
import { logForm } from '../../../src/conversation/forms/log-form.js';
import { textView } from '../../../src/conversation/plan-views.js';
import { message, type View, type ViewBlock } from '../../../src/conversation/views.js';
import { describeRendererContract, foldWhitespace } from '../../contract/renderer-contract.js';
import { sampleViews, SAMPLE_PLAN_ID } from '../../contract/sample-views.js';
import { blockKitProblems } from '../../fakes/slack/block-kit-checks.js';
import { viewSubmission } from '../../fakes/slack/payloads.js';
import { ATHLETE } from './slack-world.js';

type Json = Record<string, unknown>;

const CONTRACT_ORIGIN = { channelId: 'C0CONTRACT', channelName: 'club' };

/** Every picture of a view as if uploaded (`F…` ids), as SlackImages hands them to the renderer. */
function uploaded(view: View): ImageFiles {
  const blocks = view.kind === 'message' ? view.blocks : [];
  return new Map(blocks.flatMap((b, i) => (b.type === 'image' ? [[b.svg, `FIMAGE${i}`] as const] : [])));
}

/** What Slack receives for a view, stringified: a message payload, a modal, or the file upload's arguments. */
function renderForSlack(view: View): string {
  switch (view.kind) {
    case 'message':
      return JSON.stringify(renderMessage(view, uploaded(view)));
    case 'form':
      return JSON.stringify(renderModal(view, CONTRACT_ORIGIN));
    case 'file':
      return JSON.stringify({ filename: view.filename, title: view.filename, initial_comment: view.caption, length: view.content.length });
  }
}

/** Undoes JSON string escaping and mrkdwn escaping, then folds whitespace. */
function normalize(text: string): string {
  const unjson = text.replace(/\\(["\\/bfnrt]|u[0-9a-fA-F]{4})/g, (_m, c: string) =>
    c.length === 5
      ? String.fromCharCode(parseInt(c.slice(1), 16))
      : (({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' } as Record<string, string>)[c] ?? c),
  );
  return foldWhitespace(unescapeMrkdwn(unjson));
}

const countButtons = (rendered: string): number => rendered.match(/"type":"button"/g)?.length ?? 0;

describeRendererContract('slack', renderForSlack, { normalize, countButtons });

describe('Block Kit limits', () => {
  it.each(sampleViews().map((s) => [s.name, s.view] as const))('%s stays within what Slack accepts', (_name, view) => {
    if (view.kind === 'message') expect(blockKitProblems({ blocks: renderBlocks(view) }, 'message')).toEqual([]);
    if (view.kind === 'form') expect(blockKitProblems(renderModal(view, CONTRACT_ORIGIN) as unknown as Json, 'modal')).toEqual([]);
  });

  it('splits a text longer than a section holds and keeps all of it', () => {
    const long = Array.from({ length: 120 }, (_, i) => `Line ${i}: ${'x'.repeat(40)}`).join('\n');
    const blocks = renderBlocks(textView(long)) as unknown as Json[];
    expect(blocks.length).toBeGreaterThan(1);
    expect(blockKitProblems({ blocks }, 'message')).toEqual([]);
    expect(blocks.map((b) => (b.text as Json).text).join('\n')).toBe(long);
  });

  it('shows a person the core names (<@U…>) as a mention, and no other text in angle brackets as markup', () => {
    const [block] = renderBlocks(
      textView('<@U1ANA>, here is your week 2. Race: <!channel> & <https://x.example|click>'),
    ) as unknown as Json[];
    expect((block?.text as Json).text).toBe('<@U1ANA>, here is your week 2. Race: &lt;!channel&gt; &amp; &lt;https://x.example|click&gt;');
  });

  it('cuts a message over 50 blocks, says so, and keeps its closing buttons', () => {
    const many: ViewBlock[] = Array.from({ length: 70 }, (_, i) => ({ type: 'text', text: `paragraph ${i}` }));
    const button = { actionId: PLAN_CONFIRM_ACTION, label: 'Confirm', style: 'primary' as const, planId: SAMPLE_PLAN_ID, value: null };
    const blocks = renderBlocks(message([...many, { type: 'buttons', buttons: [button] }], 'many')) as unknown as Json[];
    expect(blocks).toHaveLength(BLOCK_KIT_LIMITS.messageBlocks);
    expect(blocks.at(-1)?.type).toBe('actions');
    expect(JSON.stringify(blocks.at(-2))).toContain('Shortened to fit Slack');
  });

  it('puts more than 25 buttons into several actions blocks and shortens labels to 75 characters', () => {
    const buttons = Array.from({ length: 30 }, (_, i) => ({
      actionId: `a${i}`,
      label: `Button ${i} ${'y'.repeat(80)}`,
      style: 'default' as const,
      planId: 'p',
      value: String(i),
    }));
    const blocks = renderBlocks(message([{ type: 'buttons', buttons }], 'buttons')) as unknown as Json[];
    expect(blocks.map((b) => (b.elements as unknown[]).length)).toEqual([25, 5]);
    expect(blockKitProblems({ blocks }, 'message')).toEqual([]);
  });

  it('shortens a modal title to 24 characters', () => {
    const modal = renderModal({ ...draftForm(), title: 'A very long title for a little modal' });
    expect([...modal.title.text].length).toBeLessThanOrEqual(24);
  });

  it('renders the App Home from several views within 100 blocks', () => {
    const views = sampleViews().map((s) => s.view);
    const home = renderHome(views);
    expect(home.type).toBe('home');
    expect(blockKitProblems(home as unknown as Json, 'home')).toEqual([]);
  });
});

describe('button values', () => {
  it('round-trips {planId, value} and rejects anything else', () => {
    const encoded = encodeButtonValue({ planId: 'plan-1', value: '3:5' });
    expect(JSON.parse(encoded)).toEqual({ planId: 'plan-1', value: '3:5' });
    expect(decodeButtonValue(encoded)).toEqual({ planId: 'plan-1', value: '3:5' });
    expect(decodeButtonValue('not json')).toBeUndefined();
    expect(decodeButtonValue('{"planId":""}')).toBeUndefined();
    expect(decodeButtonValue(undefined)).toBeUndefined();
  });

  it('refuses a value over 2000 characters instead of sending what Slack rejects', () => {
    expect(() => encodeButtonValue({ planId: 'p'.repeat(2100), value: null })).toThrow(/2000/);
  });
});

describe('the modal and state.values', () => {
  it('reads back every field of the draft as the core expects it', () => {
    const modal = renderModal(draftForm({ delivery: 'dm', units: 'mi' }), CONTRACT_ORIGIN) as unknown as Json;
    const answers = {
      raceName: 'Berlin',
      distance: 'half',
      raceDate: '2027-03-01',
      goal: '1:45:00',
      fiveK: '23:00',
      mileage: '22.5',
      days: ['2', '4', '6'],
      startDate: null,
      units: 'km',
      delivery: 'channel',
    };
    const payload = viewSubmissionSchema.parse(viewSubmission(ATHLETE, modal, 'V1', answers));
    expect(payload.view.callback_id).toBe(DRAFT_FORM_ID);
    expect(formValues(payload.view.state.values)).toEqual({
      raceName: 'Berlin',
      distance: 'half',
      raceDate: '2027-03-01',
      goal: '1:45:00',
      fiveK: '23:00',
      mileage: '22.5',
      days: '2,4,6',
      units: 'km',
      delivery: 'channel',
    });
    expect(decodeModalMetadata(payload.view.private_metadata)).toEqual({
      planId: null,
      channelId: 'C0CONTRACT',
      units: 'mi',
      channelName: 'club',
    });
  });

  it('pre-fills values and shows errors the core already found', () => {
    const form = draftForm(
      { distance: 'marathon', raceDate: '2027-04-18', days: '2,3', mileage: '30', units: 'km', delivery: 'dm' },
      { goal: 'use H:MM:SS' },
    );
    const modal = renderModal(form) as unknown as Json;
    const blocks = modal.blocks as Json[];
    const element = (id: string) => blocks.find((b) => b.block_id === id)?.element as Json;
    expect(element('distance').initial_option).toMatchObject({ value: 'marathon' });
    expect(element('raceDate').initial_date).toBe('2027-04-18');
    expect((element('days').initial_options as Json[]).map((o) => o.value)).toEqual(['2', '3']);
    // Volumes are typed as text ("32 km"), which the core's forgiving parsers read.
    expect(element('mileage')).toMatchObject({ type: 'plain_text_input', initial_value: '30' });
    expect(element('units').initial_option).toMatchObject({ value: 'km' });
    // Opened in a DM there is no "this channel" to choose.
    expect((element('delivery').options as Json[]).map((o) => o.value)).toEqual(['dm']);
    const goalIndex = blocks.findIndex((b) => b.block_id === 'goal');
    expect(JSON.stringify(blocks[goalIndex + 1])).toContain('use H:MM:SS');
  });

  it('records the log form units so a submission is checked in them', () => {
    expect(decodeModalMetadata(renderModal(logForm('p1', 2, {}, {}, 'km')).private_metadata)).toEqual({
      planId: 'p1',
      channelId: null,
      units: 'km',
    });
    expect(decodeModalMetadata(renderModal(logForm('p1', 2)).private_metadata)?.units).toBe('mi');
    expect(decodeModalMetadata('{"nope":1}')).toBeUndefined();
    expect(decodeModalMetadata('not json')).toBeUndefined();
  });
});
