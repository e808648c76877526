/**
 * MessageView → Block Kit (`{ text, blocks }` for chat.postMessage, chat.update, chat.postEphemeral,
 * a response_url, or the App Home). Pure. Every piece of the core's text is kept; what Block Kit
 * cannot hold in one element is split (long text, many fields, many buttons) and only what exceeds
 * a whole message's 50 blocks is dropped, with a line saying so.
 */
import type { types } from '@slack/bolt';

import type { ChartBar, ImageBlock, MessageView, ViewBlock, ViewButton, WeekRow } from '../../conversation/views.js';
import { LIMITS, chunk, escapeMrkdwn, splitText, truncate } from './block-kit-limits.js';
import { DAY_MENU_ACTION, encodeButtonValue, encodeMenuOption } from './button-value.js';

export type SlackBlock = types.KnownBlock;

/**
 * An image block's SVG → the Slack file that shows it (uploaded by `SlackImages`). A picture with
 * no file is left out: the message goes without it, and its text already says what it shows.
 */
export type ImageFiles = ReadonlyMap<string, string>;

export const NO_IMAGES: ImageFiles = new Map();

export type SlackMessage = {
  /** The notification and screen-reader text; Slack shows it where blocks cannot be shown. */
  readonly text: string;
  readonly blocks: SlackBlock[];
};

const MARKS = { done: '✅ done', skipped: '⏭️ skipped' } as const;
const CHART_WIDTH = 20;
const SHORTENED_NOTICE = 'Shortened to fit Slack; /plan week shows everything.';

function mrkdwn(text: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text };
}

function plain(text: string, max: number): types.PlainTextElement {
  return { type: 'plain_text', text: truncate(text, max), emoji: true };
}

function sections(text: string): types.SectionBlock[] {
  return splitText(text, LIMITS.sectionText).map((piece) => ({ type: 'section', text: mrkdwn(piece) }));
}

function renderButton(button: ViewButton): types.Button {
  return {
    type: 'button',
    action_id: button.actionId,
    text: plain(button.label, LIMITS.buttonText),
    value: encodeButtonValue(button),
    ...(button.style === 'default' ? {} : { style: button.style }),
  };
}

function actionsBlocks(buttons: readonly ViewButton[]): types.ActionsBlock[] {
  return chunk(buttons, LIMITS.actionsElements).map((group) => ({ type: 'actions', elements: group.map(renderButton) }));
}

function rowText(row: WeekRow): string {
  const mark = row.mark === null ? '' : `  ${MARKS[row.mark]}`;
  const lines = [`*${escapeMrkdwn(row.dayLabel)}* · ${escapeMrkdwn(row.typeLabel)} · ${escapeMrkdwn(row.distance)}${mark}`];
  if (row.workout !== '') lines.push(escapeMrkdwn(row.workout));
  if (row.notes !== '') lines.push(`_${escapeMrkdwn(row.notes)}_`);
  return lines.join('\n');
}

/** Slack's overflow menus hold at most five options. */
const OVERFLOW_OPTIONS = 5;

/** A day's menu (Not today, Move…) as an overflow element: the "⋯" beside its buttons. */
function dayMenu(menu: readonly ViewButton[]): types.Overflow {
  return {
    type: 'overflow',
    action_id: DAY_MENU_ACTION,
    options: menu.slice(0, OVERFLOW_OPTIONS).map((b) => ({ text: plain(b.label, LIMITS.optionText), value: encodeMenuOption(b) })),
  };
}

/**
 * A week as a title line and one section per day, each run day followed by its Done / Skipped and
 * its menu (an overflow with Not today and Move…) in one actions block.
 */
function weekBlocks(block: Extract<ViewBlock, { type: 'week' }>): SlackBlock[] {
  const blocks: SlackBlock[] = [{ type: 'section', text: mrkdwn(`*${escapeMrkdwn(block.title)}* · ${escapeMrkdwn(block.total)}`) }];
  for (const row of block.rows) {
    blocks.push(...sections(rowText(row)));
    const menu = row.menu ?? [];
    if (row.buttons.length > 0 && menu.length > 0 && row.buttons.length < LIMITS.actionsElements) {
      blocks.push({ type: 'actions', elements: [...row.buttons.map(renderButton), dayMenu(menu)] });
    } else if (row.buttons.length > 0) {
      blocks.push(...actionsBlocks(row.buttons));
    }
  }
  return blocks;
}

/** A bar chart in a code block: monospace keeps the bars aligned in every Slack client. */
function chartText(title: string, bars: readonly ChartBar[]): string {
  const max = Math.max(0, ...bars.map((b) => b.value));
  const labelWidth = Math.max(0, ...bars.map((b) => [...b.label].length));
  const lines = bars.map((bar) => {
    const length = max <= 0 ? 0 : Math.round((bar.value / max) * CHART_WIDTH);
    const filled = bar.value > 0 ? Math.max(1, length) : 0;
    const label = bar.label + ' '.repeat(labelWidth - [...bar.label].length);
    const body = '█'.repeat(filled) + '·'.repeat(CHART_WIDTH - filled);
    return `${label} ${body} ${bar.display}${bar.highlight ? ' ◀' : ''}`;
  });
  return `*${escapeMrkdwn(title)}*\n\`\`\`\n${escapeMrkdwn(lines.join('\n'))}\n\`\`\``;
}

function fieldsBlocks(block: Extract<ViewBlock, { type: 'fields' }>): SlackBlock[] {
  return chunk(block.fields, LIMITS.sectionFields).map((group) => ({
    type: 'section',
    fields: group.map((f) => mrkdwn(truncate(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, LIMITS.fieldText))),
  }));
}

function contextBlocks(prefix: string, text: string): SlackBlock[] {
  return splitText(`${prefix}${escapeMrkdwn(text)}`, LIMITS.contextText).map((piece) => ({ type: 'context', elements: [mrkdwn(piece)] }));
}

/** A picture by its uploaded file, its alt text the image's own (Slack reads it to screen readers). */
function imageBlocks(block: ImageBlock, images: ImageFiles): SlackBlock[] {
  const id = images.get(block.svg);
  if (id === undefined) return [];
  return [
    {
      type: 'image',
      slack_file: { id },
      alt_text: truncate(block.alt, LIMITS.imageAltText),
      title: plain(block.title, LIMITS.imageAltText),
    },
  ];
}

function renderViewBlock(block: ViewBlock, images: ImageFiles): SlackBlock[] {
  switch (block.type) {
    case 'header':
      return [{ type: 'header', text: plain(block.text, LIMITS.headerText) }];
    case 'text':
      return sections(escapeMrkdwn(block.text));
    case 'fields':
      return fieldsBlocks(block);
    case 'warning':
      return sections(`:warning: ${escapeMrkdwn(block.text)}`);
    case 'week':
      return weekBlocks(block);
    case 'chart':
      return sections(chartText(block.title, block.bars));
    case 'image':
      return imageBlocks(block, images);
    case 'outcome':
      return contextBlocks(':white_check_mark: ', block.text);
    case 'buttons':
      return actionsBlocks(block.buttons);
  }
}

/**
 * Keeps a block list within `max`: the overflow is dropped before a trailing actions block (the
 * decision or Log buttons matter more than the last rows) and a context line says it was cut.
 */
export function fitBlocks(blocks: SlackBlock[], max: number): SlackBlock[] {
  if (blocks.length <= max) return blocks;
  const last = blocks[blocks.length - 1];
  const keepLast = last?.type === 'actions';
  const room = max - 1 - (keepLast ? 1 : 0);
  const notice: SlackBlock = { type: 'context', elements: [mrkdwn(SHORTENED_NOTICE)] };
  return [...blocks.slice(0, room), notice, ...(keepLast && last ? [last] : [])];
}

export function renderBlocks(view: MessageView, maxBlocks: number = LIMITS.messageBlocks, images: ImageFiles = NO_IMAGES): SlackBlock[] {
  return fitBlocks(
    view.blocks.flatMap((block) => renderViewBlock(block, images)),
    maxBlocks,
  );
}

export function renderMessage(view: MessageView, images: ImageFiles = NO_IMAGES): SlackMessage {
  return { text: view.summary, blocks: renderBlocks(view, LIMITS.messageBlocks, images) };
}
