/**
 * The conversation core in a terminal: one line at a time from `input` (a TTY or piped stdin),
 * turned into an Intent; the views that come back are printed to `output`. Buttons are pressed by
 * number or label. Forms are filled field by field, each answer checked at once with the form's
 * own check (`checkFormValues`) and asked again while wrong; the labels follow the units chosen.
 * A `/command` at a field prompt leaves the form — a draft keeps what was entered — and runs.
 * In piped mode every prompt takes the next input line, so a script can fill a form.
 */
import { createInterface, type Interface } from 'node:readline';

import { parseCommandText } from '../../conversation/command-parser.js';
import type { CommandRegistry } from '../../conversation/commands/index.js';
import { asksOnlyMissing, checkFormValues, formFieldsFor } from '../../conversation/forms/form-check.js';
import { formSpec } from '../../conversation/forms/index.js';
import type { HandleOptions } from '../../conversation/conversation.js';
import type { Intent, IntentActor } from '../../conversation/intents.js';
import { fileBytes, type FileView, type FormField, type FormView, type View, type ViewButton } from '../../conversation/views.js';
import { formFieldNotes, formFieldOptions, renderConsoleView } from './render-console.js';

export type ConsoleSessionOptions = {
  /** The core; a slow answer's progress line ("Writing your plan…") is printed before it. */
  readonly handle: (intent: Intent, options?: HandleOptions) => Promise<View[]>;
  /** The commands a typed line may name (the core's; default the app's). */
  readonly commands?: CommandRegistry;
  readonly actor: IntentActor;
  /**
   * The core's clock, for checking each answer as the core will (a date against the actor's today).
   * The composition root passes the one the core uses.
   */
  readonly clock: { now(): Date };
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** A person at a terminal: show a `> ` prompt. False for piped input: no prompt characters. */
  readonly interactive: boolean;
  /** Writes an exported file (text, or the bytes of a binary one); returns the path written. */
  readonly saveFile: (filename: string, content: string | Uint8Array) => Promise<string>;
  readonly greeting?: string;
  /** Ends the session after the line in flight (SIGINT/SIGTERM in the composition root). */
  readonly stop?: AbortSignal;
};

const QUIT_WORDS = new Set(['/quit', '/exit', 'quit', 'exit']);
/** Typed at a form prompt: close the form without sending it. */
const CANCEL_FORM = '/cancel';
/** Typed at a form prompt: empty an optional field that has a value. */
const CLEAR_VALUE = '-';

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Lines from the input; a prompt is shown before each one is read. */
class LineReader {
  private readonly rl: Interface;
  private readonly lines: AsyncIterator<string>;
  private readonly terminal: boolean;

  constructor(
    input: NodeJS.ReadableStream,
    private readonly output: NodeJS.WritableStream,
    interactive: boolean,
  ) {
    // Line editing and history when a person types at a real terminal; plain lines otherwise.
    this.terminal = interactive && (input as { isTTY?: unknown }).isTTY === true;
    this.rl = createInterface({ input, output: this.terminal ? output : undefined, terminal: this.terminal, crlfDelay: Infinity });
    if (this.terminal) this.rl.on('SIGINT', () => this.rl.close());
    this.lines = this.rl[Symbol.asyncIterator]();
  }

  /**
   * The next line, or undefined when the input has ended. Without a terminal to echo it, a line
   * read after a prompt is written after that prompt, so the transcript reads like the exchange.
   */
  async read(prompt: string): Promise<string | undefined> {
    if (this.terminal) {
      this.rl.setPrompt(prompt);
      this.rl.prompt();
    } else if (prompt !== '') {
      this.output.write(prompt);
    }
    const next = await this.lines.next();
    if (next.done === true) {
      if (prompt !== '' && !this.terminal) this.output.write('\n');
      return undefined;
    }
    if (prompt !== '' && !this.terminal) this.output.write(`${next.value}\n`);
    return next.value;
  }

  close(): void {
    this.rl.close();
  }
}

/** What a form prompt answered: a value, keep the current one, or leave the form (to run a command). */
type Answer =
  | { readonly kind: 'value'; readonly value: string }
  | { readonly kind: 'keep' }
  | { readonly kind: 'cancel' }
  | { readonly kind: 'quit' }
  | { readonly kind: 'command'; readonly text: string };

const isEmpty = (value: string | undefined): boolean => value === undefined || value.trim() === '';

/** One typed token of a choice field as an option value: by number, value or label; else as typed. */
function optionValue(field: FormField, token: string): string {
  const number = /^\d+$/.test(token) ? Number(token) : 0;
  const byNumber = number >= 1 ? field.options[number - 1] : undefined;
  if (byNumber) return byNumber.value;
  const lower = token.toLowerCase();
  const match = field.options.find((o) => o.value.toLowerCase() === lower || o.label.toLowerCase() === lower);
  return match ? match.value : token;
}

/** A typed answer as the value the core expects (choices mapped to option values). */
export function formAnswerValue(field: FormField, answer: string): string {
  const text = answer.trim();
  if (field.options.length === 0) return text;
  if (field.kind === 'multiselect') {
    return text
      .split(/[\s,]+/)
      .filter((t) => t !== '')
      .map((t) => optionValue(field, t))
      .join(',');
  }
  return optionValue(field, text);
}

class ConsoleSession {
  private readonly reader: LineReader;
  /** The buttons a number or label presses: those of the latest views that had any. */
  private buttons: ViewButton[] = [];
  private wrote = false;
  private quit = false;
  private readonly clock: { now(): Date };

  constructor(private readonly options: ConsoleSessionOptions) {
    this.clock = options.clock;
    this.reader = new LineReader(options.input, options.output, options.interactive);
    if (options.stop?.aborted === true) this.reader.close();
    else options.stop?.addEventListener('abort', () => this.reader.close(), { once: true });
  }

  async run(): Promise<void> {
    try {
      if (this.options.greeting !== undefined && this.options.greeting !== '') this.print(this.options.greeting);
      while (!this.quit) {
        const line = await this.reader.read(this.options.interactive ? '> ' : '');
        if (line === undefined) break;
        const text = line.trim();
        if (text === '') continue;
        if (QUIT_WORDS.has(text.toLowerCase())) break;
        const intent = this.intentOf(text);
        if (typeof intent === 'string') this.print(intent);
        else await this.send(intent);
      }
    } finally {
      this.reader.close();
    }
  }

  /** A paragraph of output, set off from the one before by a blank line. */
  private print(text: string): void {
    this.options.output.write(`${this.wrote ? '\n' : ''}${text}\n`);
    this.wrote = true;
  }

  /** A line of a form dialogue, no spacing. */
  private line(text: string): void {
    this.options.output.write(`${text}\n`);
    this.wrote = true;
  }

  /** The intent of a typed line, or a reply when the line cannot be one (no such button). */
  private intentOf(text: string): Intent | string {
    const { actor } = this.options;
    if (text.startsWith('/') || /^plan(\s|$)/i.test(text))
      return { kind: 'command', actor, command: parseCommandText(text, this.options.commands) };
    const number = /^\[?(\d+)\]?$/.exec(text);
    if (number) {
      const n = Number(number[1]);
      const button = this.buttons[n - 1];
      if (button) return this.press(button);
      return this.buttons.length === 0
        ? 'There are no buttons to press right now. Type /plan help for the commands.'
        : `There is no button ${n}; choose 1–${this.buttons.length}.`;
    }
    const label = text.replace(/\s+/g, ' ').toLowerCase();
    const matches = this.buttons.map((button, i) => ({ button, n: i + 1 })).filter((m) => m.button.label.toLowerCase() === label);
    const [only] = matches;
    if (only && matches.length === 1) return this.press(only.button);
    if (matches.length > 1) {
      return `Several buttons say "${only?.button.label ?? text}": ${matches.map((m) => `[${m.n}]`).join(', ')}. Type the number of the one you mean.`;
    }
    return { kind: 'command', actor, command: parseCommandText(text, this.options.commands) };
  }

  private press(button: ViewButton): Intent {
    return { kind: 'button', actor: this.options.actor, actionId: button.actionId, planId: button.planId, value: button.value };
  }

  private async call(intent: Intent): Promise<View[] | undefined> {
    try {
      return await this.options.handle(intent, { onProgress: (view) => this.print(renderConsoleView(view).text) });
    } catch (error) {
      this.print(`Something went wrong: ${errorMessage(error)}. Try again, or type /plan help.`);
      return undefined;
    }
  }

  private async send(intent: Intent, submitted?: { formId: string; values: Record<string, string> }): Promise<void> {
    const views = await this.call(intent);
    if (views) await this.present(views, submitted);
  }

  /** Prints views in order; forms are filled (and sent) where they come. */
  private async present(views: readonly View[], submitted?: { formId: string; values: Record<string, string> }): Promise<void> {
    let pressable: ViewButton[] = [];
    let replaced = false;
    const commit = (): void => {
      if (pressable.length > 0) this.buttons = pressable;
      else if (replaced) this.buttons = [];
      pressable = [];
      replaced = false;
    };
    for (const view of views) {
      if (this.quit) return;
      if (view.kind === 'message') {
        const rendered = renderConsoleView(view, { firstButtonNumber: pressable.length + 1 });
        this.print(rendered.text);
        pressable = [...pressable, ...rendered.buttons];
        replaced ||= view.replacesSource;
      } else if (view.kind === 'file') {
        await this.save(view);
      } else {
        commit();
        await this.fill(view, submitted?.formId === view.formId ? submitted.values : undefined);
      }
    }
    commit();
  }

  private async save(view: FileView): Promise<void> {
    try {
      const path = await this.options.saveFile(view.filename, view.encoding === undefined ? view.content : fileBytes(view));
      this.print(`Saved ${view.caption} to ${path}`);
    } catch (error) {
      this.print(`Could not save ${view.filename}: ${errorMessage(error)}`);
    }
  }

  /**
   * Which fields a form asks. A fresh form asks every field (only the empty ones when its values
   * are facts the core found, `asksOnlyMissing`). A form that carries errors asks the fields in
   * error, and every field from the first one still empty: an error on an empty field means it was
   * never reached (a kept draft continued), so the rest of the form follows it.
   */
  private fieldsToAsk(form: FormView, values: Readonly<Record<string, string>>): FormField[] {
    const failed = (f: FormField): boolean => form.errors[f.id] !== undefined;
    if (Object.keys(form.errors).length === 0) {
      return asksOnlyMissing(form) ? form.fields.filter((f) => isEmpty(values[f.id])) : [...form.fields];
    }
    const gap = form.fields.findIndex((f) => failed(f) && isEmpty(values[f.id]));
    return form.fields.filter((f, i) => failed(f) || (gap >= 0 && i >= gap));
  }

  /**
   * Asks a form's fields one by one, checking each answer as it comes, and sends it. A form that
   * carries errors asks only the fields that need it (`fieldsToAsk`), keeping the other values
   * (those just sent, when it answers a submission).
   */
  private async fill(form: FormView, previous: Readonly<Record<string, string>> | undefined): Promise<void> {
    const values: Record<string, string> = { ...previous, ...form.values };
    const asked = this.fieldsToAsk(form, values);
    const wrong = asked.filter((f) => form.errors[f.id] !== undefined && !isEmpty(values[f.id]));
    this.print(wrong.length > 0 ? `${form.title}: please check ${wrong.length === 1 ? 'this field' : 'these fields'}` : form.title);
    if (wrong.length === 0) {
      this.line(`Enter keeps the value in [brackets], ${CLEAR_VALUE} empties it, ${CANCEL_FORM} closes the form, a /command leaves it.`);
    }
    const known = new Set(form.fields.map((f) => f.id));
    for (const [id, error] of Object.entries(form.errors)) if (!known.has(id)) this.line(`! ${error}`);
    if (asksOnlyMissing(form)) {
      // What the core found is shown, not asked (a log's week, the days marked Done).
      const askedIds = new Set(asked.map((f) => f.id));
      for (const field of formFieldsFor(form, values)) {
        if (!askedIds.has(field.id) && !isEmpty(values[field.id])) this.line(`${field.label}: ${values[field.id] ?? ''} (kept)`);
      }
    }
    for (const { id } of asked) {
      // An error the core found is shown once, with the value it was about; a field never reached has none.
      let error = isEmpty(values[id]) ? undefined : form.errors[id];
      for (;;) {
        // Labelled for the values so far: once the units are answered, the rest speak in them.
        const field = formFieldsFor(form, values).find((f) => f.id === id);
        if (!field) break;
        const answer = await this.ask(field, values[id], error);
        if (answer.kind === 'quit') {
          this.quit = true;
          return;
        }
        if (answer.kind === 'cancel') {
          this.print(`${form.title}: closed, nothing was sent.`);
          return;
        }
        if (answer.kind === 'command') {
          await this.leave(form, values, answer.text);
          return;
        }
        if (answer.kind === 'value') values[id] = answer.value;
        error = checkFormValues(form, nonEmpty(values), { actor: this.options.actor, clock: this.clock })[id];
        if (error === undefined) break;
      }
    }
    const sent = nonEmpty(values);
    this.line(`(${form.submitLabel})`);
    await this.send(
      { kind: 'form', actor: this.options.actor, formId: form.formId, planId: form.planId, values: sent },
      { formId: form.formId, values: sent },
    );
  }

  /**
   * A `/command` typed at a field prompt: the form is left — a form that saves a draft keeps what
   * was entered, in the core — and the command runs as if typed at the main prompt.
   */
  private async leave(form: FormView, values: Readonly<Record<string, string>>, text: string): Promise<void> {
    if (formSpec(form.formId)?.savesDraft === true) {
      const kept = await this.call({
        kind: 'form',
        actor: this.options.actor,
        formId: form.formId,
        planId: form.planId,
        values: nonEmpty(values),
        keepOnly: true,
      });
      if (kept) await this.present(kept);
    } else {
      this.print(`${form.title}: closed, nothing was sent.`);
    }
    const intent = this.intentOf(text);
    if (typeof intent === 'string') this.print(intent);
    else await this.send(intent);
  }

  private async ask(field: FormField, current: string | undefined, error: string | undefined): Promise<Answer> {
    const notes = [...(field.required ? ['required'] : []), ...formFieldNotes(field)];
    if (field.kind === 'multiselect') notes.push('several, comma-separated');
    if (error !== undefined) this.line(`! ${field.label}: ${error}`);
    const shown = current === undefined || current === '' ? '' : ` [${current}]`;
    let prompt = `${field.label}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}${shown}: `;
    if (field.options.length > 0) {
      this.line(`${field.label}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`);
      this.line(`  ${formFieldOptions(field).join('  ')}`);
      prompt = `${field.label}${shown}: `;
    }
    const line = await this.reader.read(prompt);
    if (line === undefined) return { kind: 'quit' };
    const text = line.trim();
    const lower = text.toLowerCase();
    if (QUIT_WORDS.has(lower) && lower.startsWith('/')) return { kind: 'quit' };
    if (lower === CANCEL_FORM) return { kind: 'cancel' };
    if (text.startsWith('/')) return { kind: 'command', text };
    if (text === '') return { kind: 'keep' };
    if (text === CLEAR_VALUE) return { kind: 'value', value: '' };
    return { kind: 'value', value: formAnswerValue(field, text) };
  }
}

/** The values worth sending: an emptied field is left out. */
function nonEmpty(values: Readonly<Record<string, string>>): Record<string, string> {
  const sent: Record<string, string> = {};
  for (const [id, value] of Object.entries(values)) if (value !== '') sent[id] = value;
  return sent;
}

export async function runConsoleSession(options: ConsoleSessionOptions): Promise<void> {
  await new ConsoleSession(options).run();
}
