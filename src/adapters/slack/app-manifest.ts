/**
 * The Slack app manifest, made from the code: the slash command under its configured name with the
 * registry's usage hint, the App Home (Home tab, and a Messages tab people can type in), the events
 * listened to and exactly the bot scopes the adapter needs. `gofast slack manifest` prints it;
 * `manifests/slack.yaml` is its output for `/plan`, and a test keeps the two equal.
 */
import type { CommandRegistry } from '../../conversation/commands/index.js';
import { DEFAULT_COMMAND } from './command-name.js';
import { planUsageHint } from './usage-hint.js';

/** What Slack sends the app: the Home tab opening, and messages typed in the app's DM (Messages tab). */
const BOT_EVENTS = ['app_home_opened', 'message.im'] as const;

/** Each bot scope and why the app asks for it (printed above the manifest). */
const SCOPE_REASONS: Readonly<Record<string, string>> = {
  'channels:read': "conversations.info (can the bot post in a public channel chosen for the weeks? who made a club's channel?)",
  'chat:write': 'chat.postMessage, chat.update, chat.postEphemeral',
  'chat:write.public': 'post weeks to a public channel without being invited to it',
  commands: 'the slash command',
  'files:read': "download a run's file (.fit, .gpx, .tcx) shared in the DM",
  'files:write': 'files.getUploadURLExternal, files.completeUploadExternal (exports, and the charts in messages)',
  'groups:read': "conversations.info (is the bot a member of a private channel chosen for the weeks? who made a club's channel?)",
  'im:history': 'message.im events: words typed in the Messages tab (help, status, week) and files shared there',
  'im:write': "conversations.open (the athlete's DM)",
  'users:read': "users.info (the athlete's time zone; workspace admins and bots, for clubs)",
};

type Yaml = string | boolean | number | readonly Yaml[] | { readonly [key: string]: Yaml };

/** The manifest as data, for the slash command `command` (e.g. `/coach`). */
function slackManifest(command: string = DEFAULT_COMMAND, commands?: CommandRegistry): { readonly [key: string]: Yaml } {
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: 'GoFast Coach',
      description: 'Race training plans that adapt week by week.',
      long_description: `GoFast Coach builds a running plan for your race from your current 5K time and weekly mileage, then coaches you through it week by week. Type ${command} to start: a form asks for your race, goal and the days you can run, you get a preview to confirm, and each week arrives with its workouts, Done / Skipped buttons and a log.`,
      background_color: '#1f4e8c',
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: 'GoFast Coach', always_online: true },
      slash_commands: [
        {
          command,
          description: 'Build and follow a race training plan',
          usage_hint: planUsageHint(commands),
          should_escape: false,
        },
      ],
    },
    oauth_config: { scopes: { bot: Object.keys(SCOPE_REASONS).sort() } },
    settings: {
      event_subscriptions: { bot_events: [...BOT_EVENTS] },
      interactivity: { is_enabled: true },
      org_deploy_enabled: false,
      socket_mode_enabled: true,
      token_rotation_enabled: false,
    },
  };
}

/** A plain YAML scalar where it reads back the same, else a double-quoted (JSON) string. */
function scalar(value: string | boolean | number): string {
  if (typeof value !== 'string') return String(value);
  const plain = /^[A-Za-z0-9/][\w ./@':-]*$/.test(value) && !/^(true|false|null|~|-?\d+(\.\d+)?)$/.test(value) && !/(: |:$| $)/.test(value);
  return plain ? value : JSON.stringify(value);
}

function isScalar(value: Yaml): value is string | boolean | number {
  return typeof value !== 'object';
}

function emit(value: { readonly [key: string]: Yaml }, indent: number, out: string[]): void {
  const pad = ' '.repeat(indent);
  for (const [key, item] of Object.entries(value)) {
    if (isScalar(item)) {
      out.push(`${pad}${key}: ${scalar(item)}`);
      continue;
    }
    out.push(`${pad}${key}:`);
    if (!Array.isArray(item)) {
      emit(item as { readonly [key: string]: Yaml }, indent + 2, out);
      continue;
    }
    for (const element of item as readonly Yaml[]) {
      if (isScalar(element)) {
        out.push(`${pad}  - ${scalar(element)}`);
        continue;
      }
      // A map in a list: its first key follows the dash, the others line up under it.
      const lines: string[] = [];
      emit(element as { readonly [key: string]: Yaml }, indent + 4, lines);
      out.push(...lines.map((line, i) => (i === 0 ? `${pad}  - ${line.trimStart()}` : line)));
    }
  }
}

const HEADER = (
  command: string,
) => `# GoFast Coach — Slack app manifest (printed by \`gofast slack manifest\`; SLACK_COMMAND names the command).
# Create the app in one paste: https://api.slack.com/apps → Create New App → From an app manifest.
# It runs in Socket Mode (no public URL needed): then create an app-level token with the
# connections:write scope (Basic Information → App-Level Tokens) for SLACK_APP_TOKEN, install the
# app, and copy the Bot User OAuth Token (xoxb-…) into SLACK_BOT_TOKEN.
#
# HTTP mode instead (SLACK_MODE=http): set socket_mode_enabled to false and add
#   url: https://<your-host>/slack/events          under the ${command} slash command,
#   request_url: https://<your-host>/slack/events  under interactivity and event_subscriptions,
# and set SLACK_SIGNING_SECRET (Basic Information → App Credentials).
#
# The bot scopes are exactly what the code uses (checked by test/adapters/slack/slack-manifest.test.ts):
${Object.entries(SCOPE_REASONS)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([scope, why]) => `#   ${scope.padEnd(18)} ${why}`)
  .join('\n')}
# views.open, views.update, views.publish and auth.test need no scope.
`;

/** The manifest as the YAML Slack's "From an app manifest" takes, with the notes above it. */
export function slackManifestYaml(command: string = DEFAULT_COMMAND, commands?: CommandRegistry): string {
  const out: string[] = [];
  emit(slackManifest(command, commands), 0, out);
  return `${HEADER(command)}${out.join('\n')}\n`;
}
