/**
 * Every Slack Web API method this adapter calls. The manifest's scopes are checked against this
 * list, and the full-flow test fails when the adapter calls a method that is not on it, so the app
 * asks for exactly the scopes it uses.
 */
export const BOT_TOKEN_METHODS = [
  'auth.test',
  'chat.postMessage',
  'chat.update',
  'chat.postEphemeral',
  // Removes a slow answer's progress line once the answer is out (progress-message.ts).
  'chat.delete',
  'conversations.open',
  'conversations.info',
  'users.info',
  'views.open',
  'views.update',
  'views.publish',
  'files.getUploadURLExternal',
  'files.completeUploadExternal',
] as const;

/** Called with the app-level token (`xapp-…`, scope `connections:write`) in Socket Mode. */
export const APP_TOKEN_METHODS = ['apps.connections.open'] as const;

/**
 * Bot scopes no called method lists: the slash command and the DM's `message.im` events (what Slack
 * sends us), `files:read` to download a run's file shared in the DM (`url_private_download`, not a
 * method), and `chat:write.public`, which lets chat.postMessage reach a public channel the bot
 * was never invited to (a club channel chosen for the weeks).
 */
export const INBOUND_SCOPES = ['commands', 'im:history', 'files:read', 'chat:write.public'] as const;
