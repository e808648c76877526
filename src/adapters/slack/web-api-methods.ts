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
  'conversations.open',
  'users.info',
  'views.open',
  'views.publish',
  'files.getUploadURLExternal',
  'files.completeUploadExternal',
] as const;

/** Called with the app-level token (`xapp-…`, scope `connections:write`) in Socket Mode. */
export const APP_TOKEN_METHODS = ['apps.connections.open'] as const;

/** Bot scopes needed for what Slack sends rather than what we call: the `/plan` command. */
export const INBOUND_SCOPES = ['commands'] as const;
