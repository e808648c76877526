/** The HTTP API adapter: the seed's REST endpoints over the plan use cases. */
export { createHttpApi, OPENAPI_PATH, type HttpApiOptions } from './http-api.js';
export { startHttpApi, type RunningHttpApi, type StartHttpApiOptions } from './start-http-api.js';
export type { ErrorBody } from './api-schemas.js';
