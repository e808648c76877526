/**
 * The application's webhook subscription (`/push_subscriptions`), for `gofast strava`. These
 * calls act for the application, not an athlete: they carry the client id and secret, as Strava
 * documents (a form body for POST, the query for GET and DELETE). Strava allows one subscription
 * per application, and checks the callback before creating it: it GETs the callback URL with
 * `hub.challenge` and `hub.verify_token`, and wants the challenge echoed within 2 s.
 */
import { StravaApiError } from '../../plans/strava/strava-api.js';
import type { StravaTransport } from './strava-transport.js';
import { subscriptionCreatedSchema, subscriptionListSchema } from './strava-wire-schemas.js';

export type StravaSubscription = {
  readonly id: string;
  readonly callbackUrl: string;
  /** When Strava created it (as Strava writes it), when given. */
  readonly createdAt: string | null;
};

export interface StravaSubscriptions {
  /** Creates the subscription; Strava validates `callbackUrl` with `verifyToken` before answering. Returns its id. */
  create(callbackUrl: string, verifyToken: string): Promise<string>;
  /** The application's subscriptions (none or one). */
  list(): Promise<StravaSubscription[]>;
  /** Deletes the subscription; `not-found` when there is no such id. */
  remove(id: string): Promise<void>;
}

export type StravaAppCredentials = { readonly clientId: string; readonly clientSecret: string; readonly apiUrl: string };

export function createStravaSubscriptions(transport: StravaTransport, app: StravaAppCredentials): StravaSubscriptions {
  const credentials = { client_id: app.clientId, client_secret: app.clientSecret };
  const query = new URLSearchParams(credentials).toString();
  const secrets = [app.clientSecret];
  return {
    async create(callbackUrl, verifyToken) {
      const created = await transport.read(
        {
          method: 'POST',
          url: `${app.apiUrl}/push_subscriptions`,
          label: 'POST /push_subscriptions',
          form: { ...credentials, callback_url: callbackUrl, verify_token: verifyToken },
          secrets: [app.clientSecret, verifyToken],
        },
        subscriptionCreatedSchema,
      );
      return created.id;
    },
    async list() {
      const listed = await transport.read(
        { method: 'GET', url: `${app.apiUrl}/push_subscriptions?${query}`, label: 'GET /push_subscriptions', secrets },
        subscriptionListSchema,
      );
      return listed.map((s) => ({ id: s.id, callbackUrl: s.callback_url, createdAt: s.created_at ?? null }));
    },
    async remove(id) {
      if (!/^\d{1,20}$/.test(id))
        throw new StravaApiError('not-found', `There is no Strava subscription ${JSON.stringify(id.slice(0, 30))}`);
      await transport.send({
        method: 'DELETE',
        url: `${app.apiUrl}/push_subscriptions/${id}?${query}`,
        label: 'DELETE /push_subscriptions/{id}',
        secrets,
      });
    },
  };
}
