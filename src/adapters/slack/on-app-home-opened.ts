/** `app_home_opened` (Bolt acks events itself): publish the athlete's plan and this week on the Home tab. */
import type { App } from '@slack/bolt';

import { logFailure, type ListenerDeps } from './listener-deps.js';
import { appHomeOpenedSchema, describeIssues } from './slack-payloads.js';

async function handleAppHomeOpened(body: unknown, deps: ListenerDeps): Promise<void> {
  const parsed = appHomeOpenedSchema.safeParse(body);
  if (!parsed.success) {
    deps.logger.warn({ issues: describeIssues(parsed.error) }, 'ignored an app_home_opened event of an unknown shape');
    return;
  }
  const { team_id: teamId, event } = parsed.data;
  // The Messages tab is a plain DM; only the Home tab has something to publish.
  if (event.tab === 'messages') return;
  deps.directory.rememberDm(event.user, event.channel);
  await logFailure(deps.logger, { user: event.user, event: 'app_home_opened' }, () => deps.home.publish(teamId, event.user));
}

export function registerAppHomeOpened(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', async ({ body }) => {
    await handleAppHomeOpened(body, deps);
  });
}
