/**
 * Views as terminal text. Pure: a view in, the text to print and its buttons out. Buttons are
 * numbered `[1] Confirm  [2] Regenerate` in the order they appear (per-day row buttons included),
 * and the returned `buttons` array follows that order, so typing `2` presses `buttons[1]`.
 */
import type {
  ChartBar,
  FileView,
  FormField,
  FormView,
  MessageView,
  View,
  ViewBlock,
  ViewButton,
  ViewField,
  WeekRow,
} from '../../conversation/views.js';

export type ConsoleRender = {
  readonly text: string;
  /** Every button of the view, in the order of their numbers (number n is `buttons[n - 1]`). */
  readonly buttons: ViewButton[];
};

export type ConsoleRenderOptions = {
  /** The number of the view's first button (default 1), so several views can number on. */
  readonly firstButtonNumber?: number;
  /** Width of the longest chart bar, in characters (default 24). */
  readonly chartWidth?: number;
};

const EPHEMERAL_PREFIX = '(only you)';
const DEFAULT_CHART_WIDTH = 24;
const MARK_SYMBOLS = { done: '✓', skipped: '✗' } as const;

/** Characters as a terminal counts them (code points, not UTF-16 units). */
function width(text: string): number {
  return [...text].length;
}

function padEnd(text: string, size: number): string {
  return text + ' '.repeat(Math.max(0, size - width(text)));
}

/** Hands out button numbers in order and remembers each button. */
class ButtonNumbers {
  readonly buttons: ViewButton[] = [];
  constructor(private readonly first: number) {}

  label(button: ViewButton): string {
    this.buttons.push(button);
    return `[${this.first + this.buttons.length - 1}] ${button.label}`;
  }

  line(buttons: readonly ViewButton[]): string {
    return buttons.map((b) => this.label(b)).join('  ');
  }
}

function header(text: string): string {
  const lines = text.split('\n');
  const longest = Math.max(...lines.map(width));
  return `${text}\n${'═'.repeat(Math.max(longest, 3))}`;
}

function fields(list: readonly ViewField[]): string {
  const labelWidth = Math.max(0, ...list.map((f) => width(f.label) + 1));
  return list
    .map((f) => {
      const label = padEnd(`${f.label}:`, labelWidth);
      const [first = '', ...rest] = f.value.split('\n');
      const continuation = rest.map((line) => `${' '.repeat(labelWidth + 1)}${line}`);
      return [`${label} ${first}`.trimEnd(), ...continuation].join('\n');
    })
    .join('\n');
}

function prefixed(symbol: string, text: string): string {
  const [first = '', ...rest] = text.split('\n');
  return [`${symbol} ${first}`, ...rest.map((line) => `  ${line}`)].join('\n');
}

function week(block: { title: string; total: string; rows: readonly WeekRow[] }, numbers: ButtonNumbers): string {
  const dayWidth = Math.max(0, ...block.rows.map((r) => width(r.dayLabel)));
  const typeWidth = Math.max(0, ...block.rows.map((r) => width(r.typeLabel)));
  const distanceWidth = Math.max(0, ...block.rows.map((r) => width(r.distance)));
  // Mark column (2) + day + type + distance, each followed by two spaces.
  const under = ' '.repeat(2 + dayWidth + 2);
  const lines = [`${block.title} · total ${block.total}`];
  for (const row of block.rows) {
    const mark = row.mark === null ? ' ' : MARK_SYMBOLS[row.mark];
    const cells = [
      `${mark} ${padEnd(row.dayLabel, dayWidth)}`,
      padEnd(row.typeLabel, typeWidth),
      padEnd(row.distance, distanceWidth),
      row.workout,
    ];
    lines.push(cells.join('  ').trimEnd());
    for (const note of row.notes.split('\n')) if (note.trim() !== '') lines.push(`${under}${note}`);
    if (row.buttons.length > 0) lines.push(`${under}${numbers.line(row.buttons)}`);
  }
  return lines.join('\n');
}

function barLength(value: number, max: number, size: number): number {
  if (!(max > 0) || !(value > 0)) return 0;
  return Math.max(1, Math.round((value / max) * size));
}

function chart(block: { title: string; bars: readonly ChartBar[] }, size: number): string {
  const max = Math.max(0, ...block.bars.map((b) => b.value));
  const labelWidth = Math.max(0, ...block.bars.map((b) => width(b.label)));
  const lines = [block.title];
  for (const bar of block.bars) {
    const filled = barLength(bar.value, max, size);
    // A projected week (not made yet) is drawn lighter, as on the chart image.
    const graph = (bar.projected === true ? '▒' : '█').repeat(filled) + '░'.repeat(size - filled);
    lines.push(`  ${padEnd(bar.label, labelWidth)}  ${graph}  ${bar.display}${bar.highlight ? '  ◀' : ''}`);
  }
  return lines.join('\n');
}

function block(b: ViewBlock, numbers: ButtonNumbers, chartWidth: number): string {
  switch (b.type) {
    case 'header':
      return header(b.text);
    case 'text':
      return b.text;
    case 'fields':
      return fields(b.fields);
    case 'warning':
      return prefixed('!', b.text);
    case 'week':
      return week(b, numbers);
    case 'chart':
      return chart(b, chartWidth);
    case 'image':
      // A terminal shows no pictures: the alt text says what the picture shows, in words.
      return prefixed('▦', b.alt);
    case 'outcome':
      return prefixed('→', b.text);
    case 'buttons':
      return numbers.line(b.buttons);
  }
}

function messageText(view: MessageView, numbers: ButtonNumbers, chartWidth: number): string {
  const parts = view.blocks.map((b) => block(b, numbers, chartWidth)).filter((part) => part !== '');
  if (view.ephemeral) parts.unshift(EPHEMERAL_PREFIX);
  return parts.join('\n\n');
}

/** What helps fill a field: its hint and an example (`H:MM:SS or MM:SS`, `e.g. 3:45:00`). */
export function formFieldNotes(field: FormField): string[] {
  const notes: string[] = [];
  if (field.hint !== null && field.hint !== '') notes.push(field.hint);
  if (field.placeholder !== null && field.placeholder !== '') notes.push(`e.g. ${field.placeholder}`);
  return notes;
}

/** How a field reads in a list: `Goal time (required) — H:MM:SS or MM:SS, e.g. 3:45:00`. */
function describeFormField(field: FormField): string {
  const notes = formFieldNotes(field);
  return `${field.label}${field.required ? ' (required)' : ''}${notes.length > 0 ? ` — ${notes.join(', ')}` : ''}`;
}

/** A field's options, numbered (`1. 5K`, `1. Miles (mi)`); empty for free-text fields. */
export function formFieldOptions(field: FormField): string[] {
  return field.options.map((option, i) => {
    const plain = option.label.toLowerCase() === option.value.toLowerCase() || option.value === String(i + 1);
    return `${i + 1}. ${option.label}${plain ? '' : ` (${option.value})`}`;
  });
}

function formText(view: FormView): string {
  const lines = [header(view.title)];
  const known = new Set(view.fields.map((f) => f.id));
  for (const [id, error] of Object.entries(view.errors)) if (!known.has(id)) lines.push(prefixed('!', error));
  view.fields.forEach((field, i) => {
    const value = view.values[field.id];
    lines.push(`${i + 1}. ${describeFormField(field)}${value === undefined || value === '' ? '' : ` (now: ${value})`}`);
    if (field.options.length > 0) lines.push(`   ${formFieldOptions(field).join('  ')}`);
    const error = view.errors[field.id];
    if (error !== undefined) lines.push(`   ! ${error}`);
  });
  lines.push(`(${view.submitLabel})`);
  return lines.join('\n');
}

function fileText(view: FileView): string {
  return `${view.caption}\n  file: ${view.filename} (${view.mimeType})`;
}

export function renderConsoleView(view: View, options: ConsoleRenderOptions = {}): ConsoleRender {
  const numbers = new ButtonNumbers(options.firstButtonNumber ?? 1);
  switch (view.kind) {
    case 'message': {
      const text = messageText(view, numbers, options.chartWidth ?? DEFAULT_CHART_WIDTH);
      return { text, buttons: numbers.buttons };
    }
    case 'form':
      return { text: formText(view), buttons: [] };
    case 'file':
      return { text: fileText(view), buttons: [] };
  }
}

/** Several views as one block of text, buttons numbered on from one view to the next. */
export function renderConsoleViews(views: readonly View[], options: ConsoleRenderOptions = {}): ConsoleRender {
  const first = options.firstButtonNumber ?? 1;
  const texts: string[] = [];
  const buttons: ViewButton[] = [];
  for (const view of views) {
    const rendered = renderConsoleView(view, { ...options, firstButtonNumber: first + buttons.length });
    texts.push(rendered.text);
    buttons.push(...rendered.buttons);
  }
  return { text: texts.join('\n\n'), buttons };
}
