/**
 * What every renderer (console, Slack, Discord) owes its users: nothing the core wrote is lost.
 * The renderer under test returns a string (Slack and Discord stringify their payloads); every
 * piece of user-visible content of each sample view must appear in it, line by line, after
 * `normalize` (whitespace folded by default; pass one that also undoes a platform's escaping).
 */
import { describe, expect, it } from 'vitest';

import type { View, ViewBlock, ViewButton } from '../../src/conversation/views.js';
import { sampleViews, type SampleView } from './sample-views.js';

export type RendererContractOptions = {
  /** Applied to the rendering and to each expected piece before comparing. Default: fold whitespace. */
  readonly normalize?: (text: string) => string;
  /**
   * How many buttons a rendering shows (the console counts its `[n]` markers); when given, it must
   * equal the number of buttons of the view, per-day row buttons included.
   */
  readonly countButtons?: (rendered: string) => number;
  /** The views to check; default `sampleViews()`. */
  readonly samples?: readonly SampleView[];
  /** Sample names this renderer cannot show, each with the reason (kept visible in the report). */
  readonly skip?: Readonly<Record<string, string>>;
};

const BLOCK_TYPES: Record<ViewBlock['type'], true> = {
  header: true,
  text: true,
  fields: true,
  warning: true,
  week: true,
  chart: true,
  image: true,
  outcome: true,
  buttons: true,
};
const VIEW_KINDS: Record<View['kind'], true> = { message: true, form: true, file: true };

export function foldWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Every button of a view in reading order: block buttons and per-day row buttons. */
function viewButtons(view: View): ViewButton[] {
  if (view.kind !== 'message') return [];
  return view.blocks.flatMap((block) => {
    if (block.type === 'buttons') return [...block.buttons];
    if (block.type === 'week') return block.rows.flatMap((row) => [...row.buttons]);
    return [];
  });
}

function blockContent(block: ViewBlock): string[] {
  switch (block.type) {
    case 'header':
    case 'text':
    case 'warning':
    case 'outcome':
      return [block.text];
    case 'fields':
      return block.fields.flatMap((f) => [f.label, f.value]);
    case 'week':
      return [
        block.title,
        block.total,
        ...block.rows.flatMap((r) => [r.dayLabel, r.typeLabel, r.distance, r.workout, r.notes, ...r.buttons.map((b) => b.label)]),
      ];
    case 'chart':
      return [block.title, ...block.bars.flatMap((b) => [b.label, b.display])];
    case 'image':
      // A picture is kept as its alt text: the image's own (Slack, Discord) or the words (console).
      return [block.alt];
    case 'buttons':
      return block.buttons.map((b) => b.label);
  }
}

/** The user-visible pieces of a view, one per line of content (empty ones dropped). */
function expectedContent(view: View): string[] {
  let pieces: string[];
  switch (view.kind) {
    case 'message':
      pieces = view.blocks.flatMap(blockContent);
      break;
    case 'form':
      pieces = [view.title, ...view.fields.flatMap((f) => [f.label, ...f.options.map((o) => o.label)]), ...Object.values(view.errors)];
      break;
    case 'file':
      pieces = [view.caption, view.filename];
      break;
  }
  return pieces
    .flatMap((piece) => piece.split('\n'))
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

export function describeRendererContract(name: string, render: (view: View) => string, options: RendererContractOptions = {}): void {
  const normalize = options.normalize ?? foldWhitespace;
  const samples = options.samples ?? sampleViews();
  const skip = options.skip ?? {};
  const checked = samples.filter((s) => skip[s.name] === undefined);

  describe(`renderer contract: ${name}`, () => {
    it('has samples of every view kind and block type', () => {
      const kinds = new Set(samples.map((s) => s.view.kind));
      const blocks = new Set(samples.flatMap((s) => (s.view.kind === 'message' ? s.view.blocks.map((b) => b.type) : [])));
      expect([...kinds].sort()).toEqual(Object.keys(VIEW_KINDS).sort());
      expect([...blocks].sort()).toEqual(Object.keys(BLOCK_TYPES).sort());
      expect(
        samples.some((s) => viewButtons(s.view).length > 0 && s.view.kind === 'message' && s.view.blocks.some((b) => b.type === 'week')),
      ).toBe(true);
    });

    it.each(checked.map((s) => [s.name, s] as const))('keeps every piece of content: %s', (_name, sample) => {
      const rendered = render(sample.view);
      expect(typeof rendered).toBe('string');
      expect(rendered.trim()).not.toBe('');
      const text = normalize(rendered);
      const missing = expectedContent(sample.view).filter((piece) => !text.includes(normalize(piece)));
      expect(missing, `missing from the ${name} rendering of "${sample.name}"`).toEqual([]);
      expect(render(sample.view), 'rendering is deterministic').toBe(rendered);
    });

    const repeats = checked.find((s) => s.name === 'week of repeats');
    if (repeats) {
      it('reads repeats as one line, never as a list of identical laps (R3)', () => {
        const text = normalize(render(repeats.view));
        expect(text).toContain(normalize('6 × 800 m @ 6:55/mi with 400 m jog'));
        // Six reps at 6:55 shown once: the pace appears on that one line only (and once more in the
        // week card's alt text, which says the same line in words).
        const inAlt =
          repeats.view.kind === 'message' ? repeats.view.blocks.filter((b) => b.type === 'image' && b.alt.includes('6:55/mi')).length : 0;
        expect(text.split('6:55/mi').length - 1).toBe(1 + inAlt);
        expect(text).not.toContain('0.5 mi @ 6:55/mi');
        expect(text).toContain(normalize('5 mi easy + 6 × 20 s strides'));
        expect(text).toContain(normalize('15 mi long run, last 4 mi @ 8:01/mi'));
      });
    }

    const countButtons = options.countButtons;
    if (countButtons) {
      it.each(checked.map((s) => [s.name, s] as const))('shows each button once: %s', (_name, sample) => {
        expect(countButtons(render(sample.view))).toBe(viewButtons(sample.view).length);
      });
    }

    for (const [sample, reason] of Object.entries(skip)) it.skip(`${sample} (skipped: ${reason})`, () => undefined);
  });
}
