/**
 * Message views as Discord messages: an embed (header as title, text and warnings in the
 * description, fields inline, a week as one field per day, the mileage chart as a code block, the
 * outcome in the footer where the buttons were) and buttons in action rows. A picture (the plan
 * chart, a week card) is a PNG attached to the first message and shown as its embed's image
 * (`attachment://…`), the attachment's description holding the alt text. A view in, message
 * payloads out; the only work beyond building objects is rasterising a picture (remembered by its
 * SVG, see chart-png.ts).
 *
 * Discord allows 5 buttons per row and 5 rows per message. A day's Done / Skipped stay together in
 * a row (two days per row), so a week of seven run days takes four rows and its Log button the
 * fifth. Anything beyond five rows, or beyond 25 fields / 6000 characters of embeds, continues in
 * further payloads that the caller sends as follow-up messages; nothing the core wrote is dropped.
 */
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
} from 'discord.js';

import { chartPng } from '../charts/chart-png.js';
import type { ChartBar, ImageBlock, MessageView, ViewButton, WeekRow } from '../../conversation/views.js';
import { encodeButtonId, withSuffix } from './custom-ids.js';
import { LIMITS, clip } from './limits.js';

export type DiscordRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** A file to attach (an exported calendar, a chart's PNG). */
type DiscordFile = { readonly name: string; readonly description: string; readonly contentType: string; readonly data: Buffer };

/** One Discord message to send: the adapter turns it into discord.js message options. */
export type DiscordPayload = {
  readonly content: string;
  readonly embeds: readonly APIEmbed[];
  readonly components: readonly DiscordRow[];
  readonly files?: readonly DiscordFile[];
  /** Shown only to the user who acted (interaction replies only; channel posts ignore it). */
  readonly ephemeral: boolean;
};

/** GoFast orange, so the coach's messages are recognisable in a busy channel. */
const EMBED_COLOR = 0xf97316;
const CHART_WIDTH = 16;
const EMPTY = '\u200b';
const MARKS = { done: '✓ done', skipped: '✗ skipped' } as const;
const CONTINUED = '(continued)';

const STYLES: Record<ViewButton['style'], APIButtonComponentWithCustomId['style']> = {
  primary: ButtonStyle.Primary,
  danger: ButtonStyle.Danger,
  default: ButtonStyle.Secondary,
};

type Parts = {
  title: string | null;
  lines: string[];
  fields: APIEmbedField[];
  footer: string[];
  images: ImageBlock[];
  /** Buttons that belong together (a day's pair, a block's row). */
  groups: { block: number; label: (b: ViewButton) => string; buttons: readonly ViewButton[] }[];
};

function field(name: string, value: string, inline = false): APIEmbedField {
  return {
    name: clip(name.trim() === '' ? EMPTY : name, LIMITS.fieldName),
    value: clip(value.trim() === '' ? EMPTY : value, LIMITS.fieldValue),
    inline,
  };
}

function dayField(row: WeekRow): APIEmbedField {
  const mark = row.mark ? ` · ${MARKS[row.mark]}` : '';
  const body = [row.workout, row.notes === '' ? '' : `_${row.notes}_`].filter((line) => line !== '').join('\n');
  return field(`${row.dayLabel} · ${row.typeLabel} · ${row.distance}${mark}`, body);
}

function chartLines(bars: readonly ChartBar[]): string[] {
  const max = Math.max(0, ...bars.map((b) => b.value));
  const labelWidth = Math.max(0, ...bars.map((b) => b.label.length));
  return bars.map((b) => {
    const length = max > 0 ? Math.round((b.value / max) * CHART_WIDTH) : 0;
    const bar = '█'.repeat(length).padEnd(CHART_WIDTH, ' ');
    return `${b.label.padEnd(labelWidth, ' ')} ${bar} ${b.display}${b.highlight ? ' ◀' : ''}`;
  });
}

/** A chart as code-block fields, split so no field passes Discord's 1024 characters. */
function chartFields(title: string, bars: readonly ChartBar[]): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  let chunk: string[] = [];
  const flush = (): void => {
    if (chunk.length === 0) return;
    fields.push(field(fields.length === 0 ? title : `${title} (continued)`, `\`\`\`\n${chunk.join('\n')}\n\`\`\``));
    chunk = [];
  };
  for (const line of chartLines(bars)) {
    if ([...chunk, line].join('\n').length + 8 > LIMITS.fieldValue) flush();
    chunk.push(line);
  }
  flush();
  return fields.length > 0 ? fields : [field(title, EMPTY)];
}

function collect(view: MessageView): Parts {
  const parts: Parts = { title: null, lines: [], fields: [], footer: [], images: [], groups: [] };
  const plain = (b: ViewButton): string => b.label;
  for (const [index, block] of view.blocks.entries()) {
    switch (block.type) {
      case 'header':
        if (parts.title === null) parts.title = block.text;
        else parts.lines.push(`**${block.text}**`);
        break;
      case 'text':
        parts.lines.push(block.text);
        break;
      case 'warning':
        parts.lines.push(`⚠️ ${block.text}`);
        break;
      case 'fields':
        for (const f of block.fields) parts.fields.push(field(f.label, f.value, true));
        break;
      case 'week':
        parts.fields.push(field(block.title, `Total: ${block.total}`));
        for (const row of block.rows) {
          parts.fields.push(dayField(row));
          if (row.buttons.length > 0)
            parts.groups.push({ block: index, label: (b) => `${row.dayLabel} · ${b.label}`, buttons: row.buttons });
        }
        break;
      case 'chart':
        parts.fields.push(...chartFields(block.title, block.bars));
        break;
      case 'image':
        parts.images.push(block);
        break;
      case 'outcome':
        parts.footer.push(block.text);
        break;
      case 'buttons':
        for (let i = 0; i < block.buttons.length; i += LIMITS.buttonsPerRow) {
          parts.groups.push({ block: index, label: plain, buttons: block.buttons.slice(i, i + LIMITS.buttonsPerRow) });
        }
        break;
    }
  }
  return parts;
}

function embedSize(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}

/** Title, description, fields and footer as embeds within Discord's per-embed limits. */
function embedsOf(parts: Parts): APIEmbed[] {
  const first: APIEmbed = { color: EMBED_COLOR };
  if (parts.title !== null) first.title = clip(parts.title, LIMITS.embedTitle);
  const description = parts.lines.join('\n\n');
  if (description !== '') first.description = clip(description, LIMITS.embedDescription);
  const embeds: APIEmbed[] = [first];
  let current = first;
  const budget = LIMITS.embedTotal - 500;
  for (const f of parts.fields) {
    const count = current.fields?.length ?? 0;
    if (count >= LIMITS.embedFields || embedSize(current) + f.name.length + f.value.length > budget) {
      current = { color: EMBED_COLOR };
      embeds.push(current);
    }
    current.fields = [...(current.fields ?? []), f];
  }
  if (parts.footer.length > 0) current.footer = { text: clip(parts.footer.join('\n'), 2048) };
  return embeds;
}

/** Embeds grouped into messages of at most 10 embeds and 6000 characters. */
function embedMessages(embeds: readonly APIEmbed[]): APIEmbed[][] {
  const messages: APIEmbed[][] = [];
  let current: APIEmbed[] = [];
  let size = 0;
  for (const embed of embeds) {
    const s = embedSize(embed);
    if (current.length > 0 && (current.length >= LIMITS.embedsPerMessage || size + s > LIMITS.embedTotal)) {
      messages.push(current);
      current = [];
      size = 0;
    }
    current.push(embed);
    size += s;
  }
  if (current.length > 0) messages.push(current);
  return messages;
}

/**
 * Button groups packed into rows of five: a group is never split across rows when it fits in one,
 * and each block starts its own row (the Log button does not ride along with the last days).
 */
function rowsOf(parts: Parts): APIButtonComponentWithCustomId[][] {
  const rows: APIButtonComponentWithCustomId[][] = [];
  let row: APIButtonComponentWithCustomId[] = [];
  let block = -1;
  for (const group of parts.groups) {
    const buttons = group.buttons.map((b): APIButtonComponentWithCustomId => ({
      type: ComponentType.Button,
      style: STYLES[b.style],
      label: clip(group.label(b), LIMITS.buttonLabel),
      custom_id: encodeButtonId(b.actionId, b.planId, b.value),
    }));
    if (row.length > 0 && (group.block !== block || row.length + buttons.length > LIMITS.buttonsPerRow)) {
      rows.push(row);
      row = [];
    }
    block = group.block;
    for (const button of buttons) {
      if (row.length === LIMITS.buttonsPerRow) {
        rows.push(row);
        row = [];
      }
      row.push(button);
    }
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

/** Action rows for one message, custom ids made unique within it. */
function actionRows(rows: readonly APIButtonComponentWithCustomId[][]): DiscordRow[] {
  const seen = new Map<string, number>();
  return rows.map((buttons) => ({
    type: ComponentType.ActionRow,
    components: buttons.map((b) => {
      const n = seen.get(b.custom_id) ?? 0;
      seen.set(b.custom_id, n + 1);
      return n === 0 ? b : { ...b, custom_id: withSuffix(b.custom_id, n) };
    }),
  }));
}

/** Discord's limit on an attachment's description (its alt text). */
const ATTACHMENT_DESCRIPTION = 1024;

/**
 * The pictures as PNG attachments of the first message: the first one is its first embed's image,
 * any other gets an embed of its own. The attachment's description is the alt text, which Discord
 * gives to screen readers.
 */
function withImages(embeds: readonly APIEmbed[], images: readonly ImageBlock[]): { embeds: APIEmbed[]; files: DiscordFile[] } {
  const files = images.map((image, i) => ({
    name: `${image.image}${i === 0 ? '' : `-${i + 1}`}.png`,
    description: clip(image.alt, ATTACHMENT_DESCRIPTION),
    contentType: 'image/png',
    data: chartPng(image.svg),
  }));
  const [first, ...rest] = embeds;
  const shown: APIEmbed[] = files.map((file, i) =>
    i === 0 && first
      ? { ...first, image: { url: `attachment://${file.name}` } }
      : { color: EMBED_COLOR, image: { url: `attachment://${file.name}` } },
  );
  return { embeds: first ? [shown[0] ?? first, ...rest, ...shown.slice(1)] : shown, files };
}

function isPlainText(view: MessageView): boolean {
  return view.blocks.every((b) => b.type === 'text' || b.type === 'outcome' || b.type === 'buttons');
}

export function renderMessage(view: MessageView): DiscordPayload[] {
  const parts = collect(view);
  const rows = rowsOf(parts);
  const ephemeral = view.ephemeral;
  const plainText = [...parts.lines, ...parts.footer.map((t) => `**${t}**`)].join('\n\n');
  const bodies: { content: string; embeds: APIEmbed[] }[] =
    isPlainText(view) && plainText.length <= LIMITS.content
      ? [{ content: plainText, embeds: [] }]
      : embedMessages(embedsOf(parts)).map((embeds) => ({ content: '', embeds }));
  const payloads: DiscordPayload[] = bodies.map((b, i) => ({
    ...(i === 0 && parts.images.length > 0 ? withImages(b.embeds, parts.images) : b),
    content: b.content,
    components: i === bodies.length - 1 ? actionRows(rows.slice(0, LIMITS.rowsPerMessage)) : [],
    ephemeral,
  }));
  for (let i = LIMITS.rowsPerMessage; i < rows.length; i += LIMITS.rowsPerMessage) {
    payloads.push({ content: CONTINUED, embeds: [], components: actionRows(rows.slice(i, i + LIMITS.rowsPerMessage)), ephemeral });
  }
  return payloads;
}

/** A short message of the adapter's own (a step saved, a field to fix) with its buttons. */
export function noticePayload(
  text: string,
  buttons: readonly { customId: string; label: string; style: 'primary' | 'default' }[],
  ephemeral: boolean,
): DiscordPayload {
  const row: APIButtonComponentWithCustomId[] = buttons.map((b) => ({
    type: ComponentType.Button,
    style: b.style === 'primary' ? ButtonStyle.Primary : ButtonStyle.Secondary,
    label: clip(b.label, LIMITS.buttonLabel),
    custom_id: b.customId,
  }));
  return { content: clip(text, LIMITS.content), embeds: [], components: row.length > 0 ? actionRows([row]) : [], ephemeral };
}
