/**
 * The conversation over HTTP: every command of the registry (`pause until=2027-01-10`, `race
 * date=…`, `move sat sun`…), every button of a view (Confirm, Accept, Done) and every form, as the
 * chat surfaces have them — so a new command works for API clients the day it is registered, with
 * no route of its own. The answer is the core's neutral views, the same a chat surface renders.
 * The caller is the API key's owner, as on the plan routes; what the core refuses (bad input, not
 * your plan) comes back as its one-sentence view, as it does in chat.
 */
import type { OpenAPIHono, z } from '@hono/zod-openapi';

import { parseCommandText } from '../../conversation/command-parser.js';
import type { Conversation } from '../../conversation/conversation.js';
import type { IntentActor } from '../../conversation/intents.js';
import type { View } from '../../conversation/views.js';
import type { ApiEnv } from './api-env.js';
import { conversationButtonRoute, conversationCommandRoute, conversationFormRoute } from './api-routes.js';
import { viewsSchema } from './conversation-schemas.js';

/** The views as the documented JSON: checked on the way out, so the document cannot drift from them. */
function answer(views: readonly View[]): z.infer<typeof viewsSchema> {
  return viewsSchema.parse({ views });
}

export function registerConversationRoutes(app: OpenAPIHono<ApiEnv>, conversation: Conversation): void {
  const actorOf = (owner: string, timezone: string | undefined): IntentActor => ({
    identity: owner,
    timezone: timezone ?? null,
    // An API client has no channel: its answers are its own, like a DM's.
    origin: { kind: 'dm' },
  });

  app.openapi(conversationCommandRoute, async (c) => {
    const { text, timezone } = c.req.valid('json');
    const actor = actorOf(c.get('owner'), timezone);
    const command = parseCommandText(text, conversation.commands);
    return c.json(answer(await conversation.handle({ kind: 'command', actor, command })), 200);
  });

  app.openapi(conversationButtonRoute, async (c) => {
    const { actionId, planId, value, timezone } = c.req.valid('json');
    const actor = actorOf(c.get('owner'), timezone);
    return c.json(answer(await conversation.handle({ kind: 'button', actor, actionId, planId, value: value ?? null })), 200);
  });

  app.openapi(conversationFormRoute, async (c) => {
    const { formId, planId, values, timezone } = c.req.valid('json');
    const actor = actorOf(c.get('owner'), timezone);
    return c.json(answer(await conversation.handle({ kind: 'form', actor, formId, planId: planId ?? null, values })), 200);
  });
}
