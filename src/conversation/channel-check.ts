/**
 * "Send my weeks to this channel" is checked when it is chosen, not a week later: before the core
 * takes a form or a command that picks the channel it came from for a plan's weeks, the platform is
 * asked whether the app can post there (`ChatPoster.channelProblem`). If it cannot, the person gets
 * that one sentence — how to fix it — and nothing changes. A platform that cannot tell, or a check
 * that fails (an outage), lets the choice through: weekly delivery still pauses a plan it cannot
 * post and says why.
 */
import type { Logger } from 'pino';

import type { Conversation } from './conversation.js';
import type { Intent } from './intents.js';
import { textView } from './plan-views.js';

/** Why the app cannot post in `channelId` for the owner of `identity`, or null when it can. */
export type ChannelProblem = (identity: string, channelId: string) => Promise<string | null>;

/** The channel an intent chooses for a plan's weeks: the one it came from, when it says "channel". */
function chosenChannel(intent: Intent): string | null {
  if (intent.actor.origin.kind !== 'channel') return null;
  const delivery = intent.kind === 'form' ? intent.values.delivery : intent.kind === 'command' ? intent.command.args.delivery : undefined;
  return delivery?.trim().toLowerCase() === 'channel' ? intent.actor.origin.channelId : null;
}

/** The problem of `channelProblem` for the poster of the identity's platform (`slack:T:U` → slack's). */
export function problemFromPosters(
  posters: () => readonly { readonly platform: string; channelProblem?(channelId: string): Promise<string | null> }[],
): ChannelProblem {
  return async (identity, channelId) => {
    const platform = identity.slice(0, identity.indexOf(':'));
    const poster = posters().find((p) => p.platform === platform);
    return poster?.channelProblem ? poster.channelProblem(channelId) : null;
  };
}

/** `conversation`, with every choice of a channel for a plan's weeks checked first. */
export function withChannelCheck(conversation: Conversation, problem: ChannelProblem, logger: Logger): Conversation {
  return {
    ...conversation,
    async handle(intent, ...rest) {
      const channelId = chosenChannel(intent);
      if (channelId !== null) {
        const found = await problem(intent.actor.identity, channelId).catch((error: unknown) => {
          logger.warn(
            { err: error, channel: channelId, user: intent.actor.identity },
            'could not check the chosen channel; taking the choice',
          );
          return null;
        });
        if (found !== null) return [textView(found, { ephemeral: true })];
      }
      return conversation.handle(intent, ...rest);
    },
  };
}
