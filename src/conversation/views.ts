/**
 * Views, the only output of the conversation core: a neutral model that every adapter renders its
 * own way (Block Kit, Discord embeds and components, terminal text). Everything a user reads is
 * already formatted here, in their units, so renderers only lay it out and lose nothing.
 */

type ButtonStyle = 'primary' | 'danger' | 'default';

export type ViewButton = {
  readonly actionId: string;
  readonly label: string;
  readonly style: ButtonStyle;
  readonly planId: string;
  readonly value: string | null;
};

export type ViewField = { readonly label: string; readonly value: string };

export type WeekRow = {
  readonly dayNumber: number;
  /** `Tue 1 Dec`. */
  readonly dayLabel: string;
  /** What the session is: `Easy run`, `Cruise intervals`, `Rest` (one label table, `dayLabel`). */
  readonly typeLabel: string;
  /** `5 mi`, `—` on rest days. */
  readonly distance: string;
  /**
   * The workout in one line (`describeDay`): `5 mi easy`, `1 mi warm-up + 6 × 800 m @ 6:55/mi with
   * 400 m jog + 1 mi cool-down`; empty on rest days.
   */
  readonly workout: string;
  /** The coach's note: what the day is for. */
  readonly notes: string;
  /** The athlete's mark for the day, if any. */
  readonly mark: 'done' | 'skipped' | null;
  /** Done / Skipped for a run day of a posted week; empty otherwise. */
  readonly buttons: readonly ViewButton[];
  /**
   * The day's less frequent actions (Not today, Move…): a surface with menus shows them as the
   * day's menu (Slack's overflow); one without leaves them out, the week's "Move a run" button
   * offering the same. Absent or empty: none.
   */
  readonly menu?: readonly ViewButton[];
};

export type ChartBar = {
  readonly label: string;
  readonly value: number;
  readonly display: string;
  readonly highlight: boolean;
  /** A week not made yet, at the engine's projection if all goes to plan (drawn lighter where a surface can). */
  readonly projected?: boolean;
};

/**
 * A picture of the plan: the plan chart or a week card, as SVG the core drew (pure text, no
 * renderer), with its alt text saying the same in words. A surface that shows images rasterises
 * the SVG itself (an adapter's job: the renderer is native); a text surface shows the alt text.
 */
export type ImageBlock = {
  readonly type: 'image';
  readonly image: 'plan-chart' | 'week-card';
  /** A short name for the picture (`Berlin Marathon: weekly volume`), for titles and file names. */
  readonly title: string;
  readonly svg: string;
  readonly alt: string;
};

export type ViewBlock =
  | { readonly type: 'header'; readonly text: string }
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'fields'; readonly fields: readonly ViewField[] }
  | { readonly type: 'warning'; readonly text: string }
  | { readonly type: 'week'; readonly title: string; readonly total: string; readonly rows: readonly WeekRow[] }
  | { readonly type: 'chart'; readonly title: string; readonly bars: readonly ChartBar[] }
  | ImageBlock
  /** The line that replaces a message's buttons once a decision is made. */
  | { readonly type: 'outcome'; readonly text: string }
  | { readonly type: 'buttons'; readonly buttons: readonly ViewButton[] };

export type MessageView = {
  readonly kind: 'message';
  readonly blocks: readonly ViewBlock[];
  /** Shown only to the user who acted (errors, "not your plan"). */
  readonly ephemeral: boolean;
  /** Replace the message whose button was pressed instead of posting a new one. */
  readonly replacesSource: boolean;
  /** A short plain-text version (notifications, fallbacks). */
  readonly summary: string;
  /**
   * Post to the plan's own delivery target instead of where the request came from (Week 1 after
   * Confirm goes where the plan's weeks go). Absent: the request's own conversation.
   */
  readonly postTo?: PostTo;
};

/** A plan's delivery target: its owner's DM, or the club channel its weeks go to. */
export type PostTo = { readonly target: 'dm' | 'channel'; readonly channelId: string | null };

export type FormFieldKind = 'text' | 'number' | 'date' | 'select' | 'multiselect' | 'radio' | 'textarea' | 'timezone';

export type FormOption = { readonly value: string; readonly label: string };

export type FormField = {
  readonly id: string;
  readonly label: string;
  readonly kind: FormFieldKind;
  readonly required: boolean;
  readonly placeholder: string | null;
  readonly hint: string | null;
  readonly options: readonly FormOption[];
  readonly maxLength: number | null;
};

export type FormView = {
  readonly kind: 'form';
  readonly formId: string;
  readonly title: string;
  readonly submitLabel: string;
  readonly planId: string | null;
  readonly fields: readonly FormField[];
  /** Values to show pre-filled (multi-values comma-separated). */
  readonly values: Readonly<Record<string, string>>;
  /** Field id → what is wrong, shown next to the field. */
  readonly errors: Readonly<Record<string, string>>;
};

export type FileView = {
  readonly kind: 'file';
  readonly filename: string;
  readonly mimeType: string;
  /** UTF-8 text, or the bytes in base64 when `encoding` says so (views stay plain JSON data). */
  readonly content: string;
  /** Absent: `content` is text (a calendar). `base64`: a binary file (a zip of watch workouts). */
  readonly encoding?: 'base64';
  readonly caption: string;
};

/** A file view's bytes, as every surface uploads or saves them. */
export function fileBytes(view: FileView): Buffer {
  return Buffer.from(view.content, view.encoding ?? 'utf8');
}

export type View = MessageView | FormView | FileView;

export function message(
  blocks: readonly ViewBlock[],
  summary: string,
  options: { ephemeral?: boolean; replacesSource?: boolean } = {},
): MessageView {
  return { kind: 'message', blocks, summary, ephemeral: options.ephemeral ?? false, replacesSource: options.replacesSource ?? false };
}
