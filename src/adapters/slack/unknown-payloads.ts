/**
 * A global Bolt middleware that stops payloads of the kinds we handle but in shapes we do not know
 * before routing: they are logged, acknowledged (so Slack neither retries nor shows an error) and
 * go no further. Without it Bolt would find no listener and leave the request unanswered.
 */
import type { AllMiddlewareArgs, AnyMiddlewareArgs } from '@slack/bolt';
import type { Logger } from 'pino';
import type { z } from 'zod';

import { appHomeOpenedSchema, blockActionsSchema, describeIssues, slashCommandSchema, viewSubmissionSchema } from './slack-payloads.js';

type Fields = { type?: unknown; command?: unknown; event?: { type?: unknown } };

/** The schema a body must match, by what it says it is; undefined for kinds we do not handle. */
function schemaFor(body: Fields): z.ZodType | undefined {
  if (typeof body.command === 'string') return slashCommandSchema;
  if (body.type === 'block_actions') return blockActionsSchema;
  if (body.type === 'view_submission') return viewSubmissionSchema;
  if (body.type === 'event_callback' && body.event?.type === 'app_home_opened') return appHomeOpenedSchema;
  return undefined;
}

export function ignoreUnknownShapes(logger: Logger) {
  return async (args: AnyMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const body = args.body as Fields;
    const parsed = schemaFor(body)?.safeParse(body);
    if (parsed === undefined || parsed.success) {
      await args.next();
      return;
    }
    logger.warn(
      { kind: String(body.type ?? body.command), issues: describeIssues(parsed.error) },
      'ignored a Slack payload of an unknown shape',
    );
    if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
  };
}
