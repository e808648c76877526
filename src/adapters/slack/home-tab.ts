/**
 * Publishes a user's App Home from the core's answers to `/plan status` and `/plan week` — and, for
 * a club's admin, the coach's view of their clubs (`clubHome`) — on `app_home_opened` and after a
 * button on the tab changed something.
 */
import type { webApi } from '@slack/bolt';

import { parseCommandText } from '../../conversation/command-parser.js';
import type { ClubHome, ClubHomeCut } from '../../conversation/club-home.js';
import type { CommandRegistry } from '../../conversation/commands/index.js';
import type { HandleOptions } from '../../conversation/conversation.js';
import type { Intent, IntentActor } from '../../conversation/intents.js';
import type { View } from '../../conversation/views.js';
import { DEFAULT_COMMAND, withCommandName } from './command-name.js';
import { renderHome } from './render-home.js';
import type { SlackImages } from './slack-images.js';
import { slackIdentity, type SlackDirectory } from './slack-directory.js';

/** The core; its `commands` (default the app's) give `/plan` text its meaning; without `clubHome` the tab shows no clubs. */
export type ConversationPort = {
  handle(intent: Intent, options?: HandleOptions): Promise<View[]>;
  readonly commands?: CommandRegistry;
  clubHome?(actor: IntentActor): Promise<ClubHome | null>;
};

export class HomeTab {
  constructor(
    private readonly client: webApi.WebClient,
    private readonly directory: SlackDirectory,
    private readonly conversation: ConversationPort,
    /** SLACK_COMMAND, which the tab's hints name. */
    private readonly command: string = DEFAULT_COMMAND,
    /** Uploads the tab's pictures (the plan chart, this week's card); without it, the tab has none. */
    private readonly images: SlackImages | null = null,
  ) {}

  async publish(teamId: string, userId: string): Promise<void> {
    const actor: IntentActor = {
      identity: slackIdentity(teamId, userId),
      timezone: await this.directory.timezone(userId),
      origin: { kind: 'dm' },
    };
    const ask = (text: string) =>
      this.conversation.handle({ kind: 'command', actor, command: parseCommandText(text, this.conversation.commands) });
    const status = await ask('/plan status');
    const week = await ask('/plan week');
    const views = [...status, ...week].map((view) => withCommandName(view, this.command));
    const clubs = (await this.conversation.clubHome?.(actor)) ?? null;
    const named =
      clubs === null ? null : { ...clubs, views: (cut?: ClubHomeCut) => clubs.views(cut).map((v) => withCommandName(v, this.command)) };
    const images = new Map<string, string>();
    if (this.images !== null) {
      for (const view of views) {
        if (view.kind !== 'message') continue;
        for (const [svg, id] of await this.images.prepare(this.client, view)) images.set(svg, id);
      }
    }
    await this.client.views.publish({ user_id: userId, view: renderHome(views, named, images) });
  }
}
