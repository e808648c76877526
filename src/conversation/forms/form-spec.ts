/**
 * What a form is, in one place: its id, its fields (with their validation and units), how it
 * splits into pages, and what a submission does. Every surface derives its handling from this —
 * Slack's inline submission check, Discord's custom ids, modal pages and re-open buttons, the
 * console's prompts — so a new form is one spec and one line in `forms/index.ts`.
 */
import type { Units } from '../../domain/units.js';
import type { HandlerContext } from '../handler-context.js';
import type { FormIntent } from '../intents.js';
import type { FormField, FormView, View } from '../views.js';

type FormCheck = {
  /** Today in the athlete's zone (a draft's dates are checked against it). */
  readonly today: string;
  /** The units the form was shown in (a log's distance). */
  readonly units: Units;
};

export type FormSpec = {
  /** Stable: forms already shown carry it. Add new ids, never rename one. */
  readonly id: string;
  /**
   * One letter naming the form where ids have little room (Discord's 100-character custom ids).
   * Stable like the id, and unique.
   */
  readonly code: string;
  /** The fields in order, labelled in the athlete's units. */
  readonly fields: (units: Units) => readonly FormField[];
  /**
   * Field ids grouped into pages, for surfaces that show few fields at once (Discord's modals hold
   * five); fields not named fill the pages in order. Each page should hold a required field when
   * the form is `savesDraft`: the core answers as soon as none is missing.
   */
  readonly pages?: readonly (readonly string[])[];
  /**
   * The core keeps each submission in the plan's draft and answers with the form again until it is
   * complete, so a page's values need not travel with the page: the form re-opens from the draft.
   * Otherwise each page stands alone.
   */
  readonly savesDraft: boolean;
  /** The answer to a submission may be shown to the channel (the draft's preview); else it is the user's own. */
  readonly sharedAnswer: boolean;
  /** Field id → what is wrong, without the database: empty when the core would take the values. */
  readonly check: (values: Readonly<Record<string, string>>, check: FormCheck) => Record<string, string>;
  /**
   * The form rebuilt from its values alone, with their errors, for surfaces that carry the values
   * in a button. Absent when the form re-opens from stored state instead (the draft).
   */
  readonly reopen?: (planId: string, units: Units, values: Readonly<Record<string, string>>) => FormView;
  /** The units a shown form is in, for forms whose fields depend on them. */
  readonly unitsOf?: (form: FormView) => Units;
  readonly submit: (ctx: HandlerContext, intent: FormIntent) => Promise<View[]>;
  /**
   * For `savesDraft` forms: keeps what was entered so far in the plan's draft without answering
   * with the form (a person who left the form half-filled to do something else, `keepOnly`).
   */
  readonly keep?: (ctx: HandlerContext, intent: FormIntent) => Promise<View[]>;
  /**
   * The values the form arrives with are facts the core found (the log's week, the days marked
   * Done): a surface that asks field by field asks only the empty fields and shows the rest as kept.
   * Otherwise pre-filled values are current settings or defaults, asked again with Enter keeping them.
   */
  readonly keepsPrefilled?: boolean;
};
