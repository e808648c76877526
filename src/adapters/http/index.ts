/** The HTTP API adapter: the seed's REST endpoints over the plan use cases. */
export { startHttpApi, type RunningHttpApi, type StartHttpApiOptions } from './start-http-api.js';
