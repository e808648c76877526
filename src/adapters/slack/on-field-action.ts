/**
 * A value entered in one of our modals (`block_actions` from an input with `dispatch_action`): the
 * field is checked at once, by the form spec's own pure check, and the modal is re-rendered in place
 * (`views.update`) with every value kept and the errors of the fields filled so far under them —
 * empty required fields are left for the submission. Choosing units re-labels the fields in those
 * units (the spec's `fields(units)`). Choosing "This channel" for the weeks asks Slack whether the
 * app can post there (`channel-check.ts`). The submission's own check (`response_action: errors`)
 * still runs; this only says it sooner.
 */
import { webApi } from '@slack/bolt';
import { z } from 'zod';

import { formSpec } from '../../conversation/forms/index.js';
import type { FormField, FormView } from '../../conversation/views.js';
import { channelProblem } from './channel-check.js';
import { TIMEZONE_WAIT_MS, afterAck, logFailure, type ListenerDeps } from './listener-deps.js';
import { todayIn } from './local-date.js';
import { decodeModalMetadata, renderModal, type ModalMetadata } from './render-modal.js';
import { elementStateSchema, teamOf } from './slack-payloads.js';
import { formValues } from './submission-values.js';
import type { ReplyContext } from './view-delivery.js';

const id = z.string().min(1);

/** An input's action inside a modal: the whole view comes with it, its state included. */
const fieldActionSchema = z.object({
  type: z.literal('block_actions'),
  team: z.object({ id }).nullable().optional(),
  user: z.object({ id, team_id: z.string().optional() }),
  container: z.object({ type: z.literal('view'), view_id: z.string().optional() }),
  view: z.object({
    id,
    type: z.literal('modal'),
    callback_id: z.string(),
    hash: z.string().optional(),
    private_metadata: z.string().default(''),
    title: z.object({ text: z.string() }),
    submit: z.object({ text: z.string() }).nullish(),
    blocks: z.array(z.object({ type: z.string(), block_id: z.string().optional() })).default([]),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), elementStateSchema)) }),
  }),
  actions: z.array(z.object({ action_id: id, block_id: z.string().optional() })).min(1),
});
type FieldActionPayload = z.infer<typeof fieldActionSchema>;

/** The form as shown, rebuilt from the modal: the spec's fields (in the units of the values) in the modal's order. */
function shownForm(payload: FieldActionPayload, metadata: ModalMetadata, values: Record<string, string>): FormView | undefined {
  const spec = formSpec(payload.view.callback_id);
  if (!spec) return undefined;
  const order = payload.view.blocks.flatMap((b) => (b.type === 'input' && b.block_id !== undefined ? [b.block_id] : []));
  const pick = (fields: readonly FormField[]) => {
    const byId = new Map(fields.map((f) => [f.id, f]));
    return order.flatMap((fieldId) => byId.get(fieldId) ?? []);
  };
  const base: FormView = {
    kind: 'form',
    formId: spec.id,
    title: payload.view.title.text,
    submitLabel: payload.view.submit?.text ?? 'Submit',
    planId: metadata.planId,
    fields: pick(spec.fields(metadata.units ?? 'mi')),
    values,
    errors: {},
  };
  // The units the values now say (a draft's own choice), or those the form was shown in (a log).
  const units = spec.unitsOf?.(base) ?? metadata.units ?? 'mi';
  return { ...base, fields: pick(spec.fields(units)) };
}

async function checkField(payload: FieldActionPayload, deps: ListenerDeps): Promise<void> {
  const { view, user } = payload;
  const metadata = decodeModalMetadata(view.private_metadata);
  const values = formValues(view.state.values);
  const form = metadata === undefined ? undefined : shownForm(payload, metadata, values);
  const spec = formSpec(view.callback_id);
  if (!form || !spec || metadata === undefined) return;
  const timezone = await deps.directory.timezoneWithin(user.id, TIMEZONE_WAIT_MS);
  const units = spec.unitsOf?.(form) ?? 'mi';
  const found = spec.check(values, { today: todayIn(timezone, deps.now()), units });
  // Only fields the person has filled: an empty required field is not wrong yet.
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(found)) if (values[field] !== undefined) errors[field] = message;
  const acted = new Set(payload.actions.map((a) => a.block_id ?? a.action_id));
  if (acted.has('delivery') && values.delivery === 'channel' && metadata.channelId !== null) {
    const problem = await channelProblem(deps.client, metadata.channelId);
    if (problem !== null) errors.delivery = problem;
  }
  const rendered = renderModal({ ...form, errors }, { channelId: metadata.channelId, channelName: metadata.channelName ?? null });
  try {
    await deps.client.views.update({ view_id: view.id, ...(view.hash === undefined ? {} : { hash: view.hash }), view: rendered });
  } catch (error) {
    // The modal changed since (a later entry's update, or it was submitted): that newer state wins.
    if (error instanceof webApi.WebAPIPlatformError && (error.data.error === 'hash_conflict' || error.data.error === 'not_found')) {
      deps.logger.debug({ user: user.id, viewId: view.id, error: error.data.error }, 'skipped a field check for a modal that moved on');
      return;
    }
    throw error;
  }
}

/**
 * Handles the payload when it is an input's action in one of our modals (and says so by returning
 * true); false for anything else, which is a button for the button listener.
 */
export async function handleFieldAction(body: unknown, deps: ListenerDeps): Promise<boolean> {
  const parsed = fieldActionSchema.safeParse(body);
  if (!parsed.success || formSpec(parsed.data.view.callback_id) === undefined) return false;
  const payload = parsed.data;
  const teamId = teamOf(payload);
  if (teamId === undefined) return true;
  const busy: ReplyContext = {
    teamId,
    userId: payload.user.id,
    triggerId: null,
    messages: { kind: 'dm' },
    ephemeral: { kind: 'dm' },
    source: null,
    modalOrigin: { channelId: null },
  };
  await afterAck(
    deps,
    () =>
      logFailure(deps.logger, { user: payload.user.id, form: payload.view.callback_id, viewId: payload.view.id }, () =>
        checkField(payload, deps),
      ),
    busy,
  );
  return true;
}
