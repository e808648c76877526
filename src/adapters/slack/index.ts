/** The Slack adapter: the coach as a Bolt app (Socket Mode or HTTP) over the conversation core. */
export { startSlackAdapter, SlackConfigError, type SlackAdapter, type SlackAdapterOptions } from './slack-adapter.js';
export { renderMessage, renderBlocks } from './render-blocks.js';
export { renderModal, decodeModalMetadata } from './render-modal.js';
export { renderHome } from './render-home.js';
export { encodeButtonValue, decodeButtonValue } from './button-value.js';
export { BOT_TOKEN_METHODS, APP_TOKEN_METHODS, INBOUND_SCOPES } from './web-api-methods.js';
export { LIMITS as BLOCK_KIT_LIMITS, unescapeMrkdwn } from './block-kit-limits.js';
export { PLAN_COMMAND } from './on-slash-command.js';
export { slackManifestYaml } from './app-manifest.js';
export { planUsageHint } from './usage-hint.js';
export { createStandaloneSlackPoster } from './slack-poster.js';
