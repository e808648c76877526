/**
 * A local Strava on 127.0.0.1 (issue 21): the OAuth 2 endpoints under `/oauth` and the API v3
 * under `/api/v3`, enough for the coach's whole loop, and the webhook sender that posts events to
 * the subscribed callback as Strava does.
 *
 * - `GET /oauth/authorize` checks the client, redirect URI, scope and state and, as an athlete
 *   clicking "Authorize" would, redirects to the app with a one-time code (`authorize()` plays the
 *   browser); `POST /oauth/token` exchanges codes and refresh tokens (rotating them, and counting
 *   refreshes); `POST /oauth/deauthorize` revokes. Tokens are random and expire after 6 h on the
 *   fake's clock, so a test can move the clock and see them refused.
 * - `GET /api/v3/activities/{id}` and `GET /api/v3/athlete` want a live Bearer token; an activity
 *   of another athlete is "Record Not Found", as Strava answers for what a token cannot see.
 * - Every API response carries `X-RateLimit-*` and `X-ReadRateLimit-*` headers from a budget
 *   counted in Strava's windows (quarter hours, UTC days); past it, 429. `failNext(n)` makes the
 *   next n API requests answer 429 with the 15-minute window shown spent.
 * - `/api/v3/push_subscriptions`: one per application; creating one first GETs the callback with
 *   `hub.challenge` and wants it echoed within 2 s, as Strava does.
 *
 * It logs each request's method, path and whether it carried an Authorization header — never a
 * token or a query (the client secret travels in it).
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { activityJson, makeActivity, type FakeActivity, type FakeActivityInput } from './fake-strava-activities.js';

export type { FakeActivity, FakeActivityInput } from './fake-strava-activities.js';

export type FakeStravaOptions = {
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** Milliseconds since the epoch: token expiry and the rate-limit windows follow it (default Date.now). */
  readonly now?: () => number;
  /** The application's "Authorization Callback Domain": redirect URIs must be on it (localhost and 127.0.0.1 always pass). */
  readonly callbackDomain?: string;
  readonly budget?: Partial<FakeStravaBudget>;
};

/** Requests allowed per 15 minutes and per UTC day, overall and for reads (Strava's defaults). */
export type FakeStravaBudget = { limit15: number; limitDay: number; readLimit15: number; readLimitDay: number };

export type RecordedStravaRequest = {
  readonly method: string;
  /** Without the query. */
  readonly path: string;
  /** An Authorization header was sent (its value is never kept). */
  readonly authorized: boolean;
  status: number;
};

export type ScriptedStravaResponse = {
  readonly status: number;
  /** JSON, or a raw string sent as is. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Wait this long before answering (a slow or hung Strava). */
  readonly delayMs?: number;
};

/** A webhook event as Strava posts it. */
export type FakeStravaEvent = {
  readonly object_type: 'activity' | 'athlete';
  readonly object_id: number;
  readonly aspect_type: 'create' | 'update' | 'delete';
  readonly updates: Readonly<Record<string, string>>;
  readonly owner_id: number;
  readonly subscription_id: number;
  readonly event_time: number;
};

export type EventDelivery = {
  readonly event: FakeStravaEvent;
  /** The callback's status; 0 when it could not be reached. */
  readonly status: number;
  /** From sending to the whole answer, in ms. */
  readonly elapsedMs: number;
  readonly body: string;
};

export type StravaSubscriptionState = {
  readonly id: number;
  readonly callbackUrl: string;
  readonly verifyToken: string;
  readonly createdAt: string;
};

type AccessToken = { readonly athleteId: string; readonly expiresAtMs: number; revoked: boolean };
type RefreshToken = { readonly athleteId: string; live: boolean };
type Code = { readonly athleteId: string; readonly scope: string; used: boolean; readonly expiresAtMs: number };

const SCOPES = new Set(['read', 'read_all', 'profile:read_all', 'profile:write', 'activity:read', 'activity:read_all', 'activity:write']);
const TOKEN_LIFETIME_S = 6 * 3600;
const QUARTER_MS = 15 * 60_000;
const DAY_MS = 86_400_000;
const CHALLENGE_TIMEOUT_MS = 2000;

const stravaError = (message: string, resource: string, field: string, code: string) => ({ message, errors: [{ resource, field, code }] });

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

/** A request's parameters: the query, then a form or JSON body over it. */
function paramsOf(url: URL, raw: string, contentType: string | undefined): Map<string, string> {
  const params = new Map(url.searchParams);
  if (raw.trim() === '') return params;
  if ((contentType ?? '').includes('json')) {
    try {
      for (const [key, value] of Object.entries(JSON.parse(raw) as Record<string, unknown>)) params.set(key, String(value));
    } catch {
      params.set('__malformed', 'true');
    }
  } else for (const [key, value] of new URLSearchParams(raw)) params.set(key, value);
  return params;
}

export class FakeStrava {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly requests: RecordedStravaRequest[] = [];
  readonly deliveries: EventDelivery[] = [];
  readonly budget: FakeStravaBudget;
  /** Milliseconds before every answer (0: none), to make requests overlap. */
  latencyMs = 0;
  /** Usage in the current windows, counted on the fake's clock. */
  private usage = { quarter: -1, usage15: 0, day: -1, usageDay: 0 };
  private readonly athletes = new Map<string, { firstname: string; lastname: string }>();
  private readonly activities = new Map<string, FakeActivity>();
  private readonly accessTokens = new Map<string, AccessToken>();
  private readonly refreshTokens = new Map<string, RefreshToken>();
  private readonly codes = new Map<string, Code>();
  private readonly refreshes = new Map<string, number>();
  private readonly scripted: { remaining: number; readonly path: RegExp; readonly response: ScriptedStravaResponse }[] = [];
  private subscription: StravaSubscriptionState | null = null;
  private nextActivityId = 14_000_000_001;
  private nextSubscriptionId = 120_001;
  private lastEvent: FakeStravaEvent | null = null;
  private readonly now: () => number;
  private readonly callbackDomain: string | undefined;

  private constructor(
    private readonly server: Server,
    /** `http://127.0.0.1:PORT`. */
    readonly url: string,
    options: FakeStravaOptions,
  ) {
    this.clientId = options.clientId ?? '4242';
    this.clientSecret = options.clientSecret ?? 'fake-strava-client-secret-0123456789abcdef';
    this.now = options.now ?? Date.now;
    this.callbackDomain = options.callbackDomain;
    this.budget = { limit15: 200, limitDay: 2000, readLimit15: 100, readLimitDay: 1000, ...options.budget };
  }

  static async start(options: FakeStravaOptions = {}): Promise<FakeStrava> {
    const holder: { fake?: FakeStrava } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const fake = holder.fake;
        if (!fake) return send(res, 503, { message: 'starting' });
        fake.handle(req, Buffer.concat(chunks).toString('utf8'), res).catch((error: unknown) => {
          send(res, 500, { message: `the fake failed: ${error instanceof Error ? error.message : String(error)}` });
        });
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    holder.fake = new FakeStrava(server, `http://127.0.0.1:${port}`, options);
    return holder.fake;
  }

  /** STRAVA_OAUTH_URL for the client. */
  get oauthUrl(): string {
    return `${this.url}/oauth`;
  }

  /** STRAVA_API_URL for the client. */
  get apiUrl(): string {
    return `${this.url}/api/v3`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- athletes, activities, tokens -------------------------------------------------------

  /** Names an athlete (the token exchange returns the name); athletes are otherwise made on first use. */
  addAthlete(athleteId: string, name: { firstname: string; lastname: string } = { firstname: 'Alex', lastname: 'Runner' }): void {
    this.athletes.set(athleteId, name);
  }

  /** Adds an activity to the athlete's list (no event is sent; see `createActivity`). */
  addActivity(athleteId: string, input: FakeActivityInput = {}): FakeActivity {
    this.athlete(athleteId);
    const id = input.id ?? String(this.nextActivityId++);
    const activity = makeActivity(id, athleteId, input, this.now());
    this.activities.set(id, activity);
    return activity;
  }

  /** Removes an activity, as deleting it on Strava does (no event is sent). */
  removeActivity(activityId: string): void {
    this.activities.delete(activityId);
  }

  activity(activityId: string): FakeActivity | undefined {
    return this.activities.get(activityId);
  }

  /** How many times the athlete's tokens were refreshed. */
  refreshCount(athleteId: string): number {
    return this.refreshes.get(athleteId) ?? 0;
  }

  /**
   * Every token ever issued to the athlete — for asserting that none appears in a log line or a
   * stored document, never for printing.
   */
  tokensIssuedTo(athleteId: string): string[] {
    return [
      ...[...this.accessTokens].filter(([, t]) => t.athleteId === athleteId).map(([token]) => token),
      ...[...this.refreshTokens].filter(([, t]) => t.athleteId === athleteId).map(([token]) => token),
    ];
  }

  /** The athlete has a live (unrevoked) refresh token: the app is still authorized. */
  isAuthorized(athleteId: string): boolean {
    return [...this.refreshTokens.values()].some((t) => t.athleteId === athleteId && t.live);
  }

  /** Revokes the athlete's tokens, as "Revoke Access" in Strava's settings does (no event is sent). */
  revoke(athleteId: string): void {
    for (const token of this.accessTokens.values()) if (token.athleteId === athleteId) token.revoked = true;
    for (const token of this.refreshTokens.values()) if (token.athleteId === athleteId) token.live = false;
  }

  // ---- rate limits and scripted failures --------------------------------------------------

  /** Sets the usage of the current windows (e.g. the day nearly spent); the other is kept. */
  setUsage(usage: { usage15?: number; usageDay?: number }): void {
    this.rollWindows();
    if (usage.usage15 !== undefined) this.usage.usage15 = usage.usage15;
    if (usage.usageDay !== undefined) this.usage.usageDay = usage.usageDay;
  }

  /** The usage Strava would report now: [15-minute, daily]. */
  currentUsage(): [number, number] {
    this.rollWindows();
    return [this.usage.usage15, this.usage.usageDay];
  }

  /**
   * The next `n` API requests answer 429. `window` is what their headers show spent: the
   * 15-minute window (default), the day, or nothing (no rate-limit headers at all).
   */
  failNext(n: number, window: '15-minute' | 'daily' | 'unknown' = '15-minute'): void {
    const headers: Record<string, string> = window === 'unknown' ? { 'x-fake-no-limits': '1' } : { 'x-fake-spent': window };
    this.scriptNext(n, { status: 429, body: stravaError('Rate Limit Exceeded', 'Application', 'rate limit', 'exceeded'), headers });
  }

  /** The next `n` requests whose path matches `path` (default every API path) answer `response`. */
  scriptNext(n: number, response: ScriptedStravaResponse, path: RegExp = /^\/api\/v3\//): void {
    this.scripted.push({ remaining: n, path, response });
  }

  // ---- OAuth in a browser -----------------------------------------------------------------

  /**
   * Follows an authorize link as the athlete's browser would: GET it (the athlete is signed in to
   * the fake as `athleteId` and clicks Authorize, or Cancel with `deny`), then GET the redirect
   * on the app's server, and return that final response. `scope` is what the athlete leaves
   * ticked (default everything asked). A refusal by the fake itself (a bad client id, redirect
   * URI…) is returned as is.
   */
  async authorize(authorizeUrl: string, options: { athleteId: string; deny?: boolean; scope?: string }): Promise<Response> {
    const consent = await fetch(authorizeUrl, {
      redirect: 'manual',
      headers: {
        'x-fake-strava-athlete': options.athleteId,
        'x-fake-strava-decision': options.deny ? 'deny' : 'allow',
        ...(options.scope === undefined ? {} : { 'x-fake-strava-scope': options.scope }),
      },
    });
    const location = consent.headers.get('location');
    if (consent.status !== 302 || location === null) return consent;
    await consent.arrayBuffer();
    return fetch(location, { redirect: 'manual' });
  }

  // ---- webhooks ---------------------------------------------------------------------------

  get currentSubscription(): StravaSubscriptionState | null {
    return this.subscription;
  }

  /** Posts an event to the subscribed callback, as Strava does; fields left out get Strava's values. */
  async sendEvent(
    event: Omit<FakeStravaEvent, 'updates' | 'subscription_id' | 'event_time'> & Partial<FakeStravaEvent>,
  ): Promise<EventDelivery> {
    const subscription = this.subscription;
    if (!subscription) throw new Error('the fake Strava has no push subscription: create one first');
    const full: FakeStravaEvent = {
      updates: {},
      subscription_id: subscription.id,
      event_time: Math.floor(this.now() / 1000),
      ...event,
    };
    return this.deliver(full);
  }

  /** Adds the activity and sends its `create` event. */
  async createActivity(athleteId: string, input: FakeActivityInput = {}): Promise<{ activity: FakeActivity; delivery: EventDelivery }> {
    const activity = this.addActivity(athleteId, input);
    const delivery = await this.sendEvent({
      object_type: 'activity',
      object_id: Number(activity.id),
      aspect_type: 'create',
      owner_id: Number(athleteId),
    });
    return { activity, delivery };
  }

  /** The athlete revokes the app on Strava: tokens revoked, then the `authorized: "false"` event. */
  async deauthorizeAthlete(athleteId: string): Promise<EventDelivery> {
    this.revoke(athleteId);
    return this.sendEvent({
      object_type: 'athlete',
      object_id: Number(athleteId),
      aspect_type: 'update',
      updates: { authorized: 'false' },
      owner_id: Number(athleteId),
    });
  }

  /** Sends the last event again, byte for byte (Strava retries a delivery it thinks failed). */
  async resendLast(): Promise<EventDelivery> {
    if (!this.lastEvent) throw new Error('no event was sent yet');
    return this.deliver(this.lastEvent);
  }

  private async deliver(event: FakeStravaEvent): Promise<EventDelivery> {
    const subscription = this.subscription;
    if (!subscription) throw new Error('the fake Strava has no push subscription');
    this.lastEvent = event;
    const started = performance.now();
    let status = 0;
    let body = '';
    try {
      const response = await fetch(subscription.callbackUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'fake-strava-webhooks' },
        body: JSON.stringify(event),
        signal: AbortSignal.timeout(10_000),
      });
      status = response.status;
      body = await response.text();
    } catch (error) {
      body = error instanceof Error ? error.message : String(error);
    }
    const delivery = { event, status, elapsedMs: performance.now() - started, body };
    this.deliveries.push(delivery);
    return delivery;
  }

  // ---- the server -------------------------------------------------------------------------

  private athlete(athleteId: string): { firstname: string; lastname: string } {
    if (!/^\d{1,19}$/.test(athleteId)) throw new Error(`a Strava athlete id is a number, not ${athleteId}`);
    let athlete = this.athletes.get(athleteId);
    if (!athlete) {
      athlete = { firstname: 'Alex', lastname: `Runner ${athleteId}` };
      this.athletes.set(athleteId, athlete);
    }
    return athlete;
  }

  private rollWindows(): void {
    const now = this.now();
    const quarter = Math.floor(now / QUARTER_MS);
    const day = Math.floor(now / DAY_MS);
    if (quarter !== this.usage.quarter) this.usage = { ...this.usage, quarter, usage15: 0 };
    if (day !== this.usage.day) this.usage = { ...this.usage, day, usageDay: 0 };
  }

  /** Counts an API request and returns its headers, and whether it is over a limit. */
  private countRequest(spent: string | undefined): { headers: Record<string, string>; over: boolean } {
    this.rollWindows();
    this.usage.usage15 += 1;
    this.usage.usageDay += 1;
    const { limit15, limitDay, readLimit15, readLimitDay } = this.budget;
    let { usage15, usageDay } = this.usage;
    if (spent === '15-minute') usage15 = Math.max(usage15, limit15);
    if (spent === 'daily') usageDay = Math.max(usageDay, limitDay);
    return {
      headers: {
        'x-ratelimit-limit': `${limit15},${limitDay}`,
        'x-ratelimit-usage': `${usage15},${usageDay}`,
        'x-readratelimit-limit': `${readLimit15},${readLimitDay}`,
        'x-readratelimit-usage': `${usage15},${usageDay}`,
      },
      over: usage15 > Math.min(limit15, readLimit15) || usageDay > Math.min(limitDay, readLimitDay),
    };
  }

  private takeScripted(path: string): ScriptedStravaResponse | undefined {
    const entry = this.scripted.find((s) => s.remaining > 0 && s.path.test(path));
    if (!entry) return undefined;
    entry.remaining -= 1;
    return entry.response;
  }

  private async handle(req: IncomingMessage, raw: string, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const record: RecordedStravaRequest = { method, path: url.pathname, authorized: req.headers.authorization !== undefined, status: 0 };
    this.requests.push(record);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      record.status = status;
      send(res, status, body, headers);
    };
    const isApi = url.pathname.startsWith('/api/v3/');
    const scripted = this.takeScripted(url.pathname);
    const delayMs = scripted?.delayMs ?? this.latencyMs;
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const counted = isApi ? this.countRequest(scripted?.headers?.['x-fake-spent']) : { headers: {}, over: false };
    const limitHeaders = scripted?.headers?.['x-fake-no-limits'] ? {} : counted.headers;
    if (scripted) {
      const own = Object.fromEntries(Object.entries(scripted.headers ?? {}).filter(([k]) => !k.startsWith('x-fake-')));
      return reply(scripted.status, scripted.body, { ...limitHeaders, ...own });
    }
    if (counted.over) return reply(429, stravaError('Rate Limit Exceeded', 'Application', 'rate limit', 'exceeded'), limitHeaders);
    const params = paramsOf(url, raw, req.headers['content-type']);
    const route = `${method} ${url.pathname}`;
    if (route === 'GET /oauth/authorize') return this.authorizePage(url, req, res, record);
    if (route === 'POST /oauth/token') return reply(...this.token(params));
    if (route === 'POST /oauth/deauthorize') return reply(...this.deauthorize(params, req.headers.authorization));
    if (route === 'GET /api/v3/athlete') {
      const athleteId = this.bearer(req.headers.authorization);
      if (athleteId === null) return reply(401, stravaError('Authorization Error', 'Athlete', 'access_token', 'invalid'), limitHeaders);
      const { firstname, lastname } = this.athlete(athleteId);
      return reply(200, { id: Number(athleteId), resource_state: 2, firstname, lastname }, limitHeaders);
    }
    const activityPath = /^\/api\/v3\/activities\/(\d+)$/.exec(url.pathname);
    if (method === 'GET' && activityPath) {
      const athleteId = this.bearer(req.headers.authorization);
      if (athleteId === null) return reply(401, stravaError('Authorization Error', 'Athlete', 'access_token', 'invalid'), limitHeaders);
      const activity = this.activities.get(activityPath[1] ?? '');
      if (!activity || activity.athleteId !== athleteId) {
        return reply(404, stravaError('Record Not Found', 'Activity', 'id', 'invalid'), limitHeaders);
      }
      return reply(200, activityJson(activity), limitHeaders);
    }
    if (url.pathname === '/api/v3/push_subscriptions' || /^\/api\/v3\/push_subscriptions\/\d+$/.test(url.pathname)) {
      const [status, body] = await this.pushSubscriptions(method, url.pathname, params);
      return reply(status, body, limitHeaders);
    }
    return reply(404, stravaError('Record Not Found', 'resource', 'path', 'invalid'), limitHeaders);
  }

  /** The athlete a live Bearer token belongs to, or null. */
  private bearer(header: string | undefined): string | null {
    const token = /^Bearer (\S+)$/.exec(header ?? '')?.[1];
    const found = token === undefined ? undefined : this.accessTokens.get(token);
    if (!found || found.revoked || this.now() >= found.expiresAtMs) return null;
    return found.athleteId;
  }

  private authorizePage(url: URL, req: IncomingMessage, res: ServerResponse, record: RecordedStravaRequest): void {
    const q = url.searchParams;
    const bad = (field: string): void => {
      record.status = 400;
      send(res, 400, stravaError('Bad Request', 'Application', field, 'invalid'));
    };
    if (q.get('client_id') !== this.clientId) return bad('client_id');
    if (q.get('response_type') !== 'code') return bad('response_type');
    const approval = q.get('approval_prompt');
    if (approval !== null && approval !== 'auto' && approval !== 'force') return bad('approval_prompt');
    let redirect: URL;
    try {
      redirect = new URL(q.get('redirect_uri') ?? '');
    } catch {
      return bad('redirect_uri');
    }
    const loopback = redirect.hostname === 'localhost' || redirect.hostname === '127.0.0.1';
    const onDomain =
      this.callbackDomain !== undefined &&
      (redirect.hostname === this.callbackDomain || redirect.hostname.endsWith(`.${this.callbackDomain}`));
    if (!/^https?:$/.test(redirect.protocol) || !(loopback || onDomain)) return bad('redirect_uri');
    const asked = (q.get('scope') ?? 'read').split(',');
    if (asked.some((s) => !SCOPES.has(s))) return bad('scope');
    const state = q.get('state');
    if (state === null || state === '') return bad('state');
    const athleteId = String(req.headers['x-fake-strava-athlete'] ?? '');
    if (!/^\d+$/.test(athleteId)) return bad('athlete (the fake needs x-fake-strava-athlete: use FakeStrava.authorize)');
    this.athlete(athleteId);
    const back = new URL(redirect);
    back.searchParams.set('state', state);
    if (req.headers['x-fake-strava-decision'] === 'deny') {
      back.searchParams.set('error', 'access_denied');
    } else {
      const granted = String(req.headers['x-fake-strava-scope'] ?? asked.join(','));
      const code = randomBytes(20).toString('hex');
      this.codes.set(code, { athleteId, scope: granted, used: false, expiresAtMs: this.now() + 10 * 60_000 });
      back.searchParams.set('code', code);
      back.searchParams.set('scope', granted);
    }
    record.status = 302;
    // Strava writes the scope's commas plainly; URLSearchParams would encode them.
    res.writeHead(302, { location: back.toString().replace(/%2C/g, ',') });
    res.end();
  }

  private issueTokens(athleteId: string): { access_token: string; refresh_token: string; expires_at: number; expires_in: number } {
    const access = randomBytes(20).toString('hex');
    const refresh = randomBytes(20).toString('hex');
    const expiresAt = Math.floor(this.now() / 1000) + TOKEN_LIFETIME_S;
    this.accessTokens.set(access, { athleteId, expiresAtMs: expiresAt * 1000, revoked: false });
    this.refreshTokens.set(refresh, { athleteId, live: true });
    return { access_token: access, refresh_token: refresh, expires_at: expiresAt, expires_in: TOKEN_LIFETIME_S };
  }

  private token(params: Map<string, string>): [number, unknown] {
    if (params.get('client_id') !== this.clientId) return [400, stravaError('Bad Request', 'Application', 'client_id', 'invalid')];
    if (params.get('client_secret') !== this.clientSecret)
      return [401, stravaError('Bad Request', 'Application', 'client_secret', 'invalid')];
    const grant = params.get('grant_type');
    if (grant === 'authorization_code') {
      const code = this.codes.get(params.get('code') ?? '');
      if (!code || code.used || this.now() >= code.expiresAtMs) {
        return [400, stravaError('Bad Request', 'AuthorizationCode', 'code', 'invalid')];
      }
      code.used = true;
      const { firstname, lastname } = this.athlete(code.athleteId);
      return [
        200,
        {
          token_type: 'Bearer',
          ...this.issueTokens(code.athleteId),
          athlete: { id: Number(code.athleteId), resource_state: 2, firstname, lastname },
        },
      ];
    }
    if (grant === 'refresh_token') {
      const old = this.refreshTokens.get(params.get('refresh_token') ?? '');
      if (!old || !old.live) return [400, stravaError('Bad Request', 'RefreshToken', 'refresh_token', 'invalid')];
      // Rotated: the old refresh token stops working; the old access token lives until it expires.
      old.live = false;
      this.refreshes.set(old.athleteId, this.refreshCount(old.athleteId) + 1);
      return [200, { token_type: 'Bearer', ...this.issueTokens(old.athleteId) }];
    }
    return [400, stravaError('Bad Request', 'Application', 'grant_type', 'invalid')];
  }

  private deauthorize(params: Map<string, string>, authorization: string | undefined): [number, unknown] {
    const token = params.get('access_token') ?? /^Bearer (\S+)$/.exec(authorization ?? '')?.[1] ?? '';
    const found = this.accessTokens.get(token);
    if (!found || found.revoked || this.now() >= found.expiresAtMs) {
      return [401, stravaError('Authorization Error', 'Athlete', 'access_token', 'invalid')];
    }
    this.revoke(found.athleteId);
    return [200, { access_token: token }];
  }

  private async pushSubscriptions(method: string, path: string, params: Map<string, string>): Promise<[number, unknown]> {
    if (params.get('client_id') !== this.clientId || params.get('client_secret') !== this.clientSecret) {
      return [401, stravaError('Authorization Error', 'Application', 'client_secret', 'invalid')];
    }
    if (method === 'GET' && path === '/api/v3/push_subscriptions') {
      const s = this.subscription;
      return [
        200,
        s === null
          ? []
          : [
              {
                id: s.id,
                resource_state: 2,
                application_id: Number(this.clientId),
                callback_url: s.callbackUrl,
                created_at: s.createdAt,
                updated_at: s.createdAt,
              },
            ],
      ];
    }
    if (method === 'DELETE') {
      const id = Number(path.split('/').pop());
      if (this.subscription?.id !== id) return [404, stravaError('Record Not Found', 'PushSubscription', 'id', 'invalid')];
      this.subscription = null;
      return [204, undefined];
    }
    if (method !== 'POST' || path !== '/api/v3/push_subscriptions')
      return [404, stravaError('Record Not Found', 'resource', 'path', 'invalid')];
    const callbackUrl = params.get('callback_url') ?? '';
    const verifyToken = params.get('verify_token') ?? '';
    if (!/^https?:\/\/\S+$/.test(callbackUrl)) return [400, stravaError('Bad Request', 'PushSubscription', 'callback url', 'invalid')];
    if (verifyToken === '') return [400, stravaError('Bad Request', 'PushSubscription', 'verify token', 'missing')];
    if (this.subscription) return [400, stravaError('Bad Request', 'PushSubscription', '', 'already exists')];
    if (!(await this.challengeAnswered(callbackUrl, verifyToken))) {
      return [400, stravaError('Bad Request', 'PushSubscription', 'callback url', 'GET to callback URL does not return 200')];
    }
    const id = this.nextSubscriptionId++;
    this.subscription = { id, callbackUrl, verifyToken, createdAt: new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z') };
    return [201, { id }];
  }

  /** Strava's check of a callback: GET with the challenge, 200 and `{"hub.challenge": …}` within 2 s. */
  private async challengeAnswered(callbackUrl: string, verifyToken: string): Promise<boolean> {
    const challenge = randomBytes(8).toString('hex');
    const check = new URL(callbackUrl);
    check.searchParams.set('hub.mode', 'subscribe');
    check.searchParams.set('hub.challenge', challenge);
    check.searchParams.set('hub.verify_token', verifyToken);
    try {
      const response = await fetch(check, { signal: AbortSignal.timeout(CHALLENGE_TIMEOUT_MS), redirect: 'manual' });
      if (response.status !== 200) return false;
      const body = (await response.json()) as Record<string, unknown>;
      return body['hub.challenge'] === challenge;
    } catch {
      // Unreachable, too slow, or not JSON: Strava refuses the subscription the same way.
      return false;
    }
  }
}
