/**
 * Modal submissions (`view_submission`). The check runs before the ack: invalid fields go back
 * inline with `response_action: errors` (the modal stays open, nothing else happens); a valid form
 * is acknowledged at once (the modal closes) and only then handed to the core, whose answer — the
 * preview, the log's confirmation — is posted to the athlete's DM. The view id is the request id,
 * so a retried delivery of the same submission never makes a second plan.
 */
import type { App, ViewResponseAction, ViewSubmitAction } from '@slack/bolt';

import { formSpec } from '../../conversation/forms/index.js';
import type { FormIntent } from '../../conversation/intents.js';
import { answerWithProgress } from './progress-message.js';
import { TIMEZONE_WAIT_MS, afterAck, logFailure, type ListenerDeps } from './listener-deps.js';
import { todayIn } from './local-date.js';
import { decodeModalMetadata } from './render-modal.js';
import { slackIdentity } from './slack-directory.js';
import { describeIssues, teamOf, viewSubmissionSchema } from './slack-payloads.js';
import { errorsByBlock, formValues, submissionErrors } from './submission-values.js';
import type { ReplyContext } from './view-delivery.js';

type Ack = (response?: ViewResponseAction) => Promise<void>;

async function handleViewSubmission(body: unknown, ack: Ack, deps: ListenerDeps): Promise<void> {
  const parsed = viewSubmissionSchema.safeParse(body);
  if (!parsed.success) {
    deps.logger.warn({ issues: describeIssues(parsed.error) }, 'ignored a view_submission of an unknown shape');
    await ack();
    return;
  }
  const payload = parsed.data;
  const { view, user } = payload;
  const metadata = decodeModalMetadata(view.private_metadata);
  const teamId = teamOf(payload);
  if (formSpec(view.callback_id) === undefined || metadata === undefined || teamId === undefined) {
    deps.logger.warn({ callbackId: view.callback_id, user: user.id }, 'ignored a submission of a view that is not one of ours');
    await ack();
    return;
  }

  const values = formValues(view.state.values);
  const timezone = await deps.directory.timezoneWithin(user.id, TIMEZONE_WAIT_MS);
  const errors = submissionErrors({
    formId: view.callback_id,
    values,
    today: todayIn(timezone, deps.now()),
    units: metadata.units ?? 'mi',
  });
  if (Object.keys(errors).length > 0) {
    await ack({ response_action: 'errors', errors: errorsByBlock(errors, Object.keys(view.state.values)) });
    return;
  }
  await ack();

  if (!deps.submissions.claim(view.id)) {
    deps.logger.info({ viewId: view.id, user: user.id }, 'ignored a repeated delivery of a submission already handled');
    return;
  }
  // The form's answer (the preview, the log's confirmation) goes to the athlete's DM.
  const context: ReplyContext = {
    teamId,
    userId: user.id,
    triggerId: payload.trigger_id ?? null,
    messages: { kind: 'dm' },
    ephemeral: { kind: 'dm' },
    source: null,
    modalOrigin: { channelId: metadata.channelId },
  };
  const work = () =>
    logFailure(deps.logger, { user: user.id, form: view.callback_id, viewId: view.id }, async () => {
      const intent: FormIntent = {
        kind: 'form',
        actor: {
          identity: slackIdentity(teamId, user.id),
          timezone,
          origin: metadata.channelId === null ? { kind: 'dm' } : { kind: 'channel', channelId: metadata.channelId },
        },
        formId: view.callback_id,
        planId: metadata.planId,
        values,
        requestId: view.id,
      };
      await answerWithProgress(deps, intent, context);
    });
  await afterAck(deps, work, context);
}

export function registerViewSubmission(app: App, deps: ListenerDeps): void {
  app.view<ViewSubmitAction>({ type: 'view_submission' }, async ({ ack, body }) => {
    await handleViewSubmission(body, ack, deps);
  });
}
