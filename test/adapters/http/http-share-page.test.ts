/**
 * Share links and the plan page over real HTTP on 127.0.0.1: `/plan share` (through the
 * conversation core) gives a link whose page shows the plan; `share off` makes it 404 at once, on
 * another instance too; unknown, malformed and revoked tokens get the same 404; ETag and 304;
 * hostile race names are escaped; a page shows its own plan and nothing of another.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashShareToken, SHARE_TOKEN_PATTERN } from '../../../src/plans/use-cases/share-plan.js';
import { MARATHON_FIELDS, SHARE_BASE_URL } from '../../support/plan-service.js';
import { startHttpWorld, type HttpWorld } from './http-world.js';

const ALICE = 'http:club:alice';
const BOB = 'http:club:bob';
const keys = new Map<string, string>();
const HOSTILE = `<script>alert("x")</script> 'Ш' مراكش 🏃‍♀️ & "quotes"`;

let world: HttpWorld;
let alicePlan: string;
let bobPlan: string;

async function activePlan(owner: string, raceName: string): Promise<string> {
  const preview = await world.service.plans.createPreview({ owner, fields: { ...MARATHON_FIELDS, raceName } });
  await world.service.plans.confirmPlan(owner, preview.id);
  return preview.id;
}

/** `/plan <text>` through the conversation over HTTP, as the owner's key: what the athlete reads. */
async function command(owner: string, text: string): Promise<string> {
  const answer = await world.request('POST', '/api/training-plan/conversation/command', {
    key: keys.get(owner) ?? '',
    body: { text: `/plan ${text}` },
  });
  expect(answer.status).toBe(200);
  return JSON.stringify(answer.body.views);
}

function linkIn(answer: string): { url: string; token: string } {
  const match = /(https:\/\/[^\s"]+\/p\/([A-Za-z0-9_-]+))/.exec(answer);
  if (!match?.[1] || !match[2]) throw new Error(`no link in: ${answer}`);
  return { url: match[1], token: match[2] };
}

async function page(token: string, headers: Record<string, string> = {}, base = world.api.url) {
  const response = await fetch(`${base}/p/${token}`, { headers });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

beforeAll(async () => {
  world = await startHttpWorld();
  for (const owner of [ALICE, BOB]) keys.set(owner, await world.keyFor(owner));
  alicePlan = await activePlan(ALICE, HOSTILE);
  bobPlan = await activePlan(BOB, 'Bob Secret Half');
});

afterAll(async () => {
  await world.close();
});

describe('/plan share and the plan page', () => {
  it('shares a link under PUBLIC_BASE_URL whose page shows the plan; a second share replaces the first', async () => {
    const answer = await command(ALICE, 'share');
    const { url, token } = linkIn(answer);
    expect(url.startsWith(`${SHARE_BASE_URL}/p/`)).toBe(true);
    expect(token).toMatch(SHARE_TOKEN_PATTERN);

    const shown = await page(token);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/i);
    expect(shown.text).toContain('<html lang="en">');
    for (let n = 1; n <= 20; n += 1) expect(shown.text).toContain(`id="week-${n}-h"`);
    expect(shown.text).toContain('Goal pace');
    expect(shown.text).toContain('<svg');
    expect(shown.headers.get('referrer-policy')).toBe('no-referrer');
    expect(shown.headers.get('cache-control')).toBe('private, no-cache');

    const again = linkIn(await command(ALICE, 'share'));
    expect(again.token).not.toBe(token);
    expect(await command(ALICE, 'share')).toContain('replaces your earlier link');
    expect((await page(token)).status).toBe(404);
  });

  it('turns a link off at once, on every instance', async () => {
    const { token } = linkIn(await command(ALICE, 'share'));
    const other = await world.service.instance();
    const otherApi = await world.startAnother({ plans: other.plans });
    try {
      expect((await page(token, {}, otherApi.url)).status).toBe(200);
      expect(await command(ALICE, 'share off')).toContain('no longer works');
      expect((await page(token)).status).toBe(404);
      expect((await page(token, {}, otherApi.url)).status).toBe(404);
      expect(await command(ALICE, 'share off')).toContain('no share link');
    } finally {
      await other.close();
    }
  });

  it('answers unknown, malformed and revoked tokens with the same 404 body', async () => {
    const { token } = linkIn(await command(ALICE, 'share'));
    await command(ALICE, 'share off');
    const revoked = await page(token);
    const unknown = await page('A'.repeat(43));
    const malformed = await page('short');
    const suffix = await page(`${token}/nothing-here`);
    for (const answer of [revoked, unknown, malformed, suffix]) {
      expect(answer.status).toBe(404);
      expect(answer.text).toBe(revoked.text);
      expect(answer.headers.get('cache-control')).toBe('no-store');
    }
    expect(revoked.text).toContain('This link does not work');
  });

  it('takes no measurably different time for an unknown token than for a revoked one', async () => {
    const { token: revoked } = linkIn(await command(ALICE, 'share'));
    await command(ALICE, 'share off');
    const unknown = `${revoked.slice(0, -4)}zzzz`;
    const timed = async (token: string): Promise<number> => {
      const started = performance.now();
      expect((await page(token)).status).toBe(404);
      return performance.now() - started;
    };
    const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    for (let i = 0; i < 20; i += 1) await timed(i % 2 === 0 ? revoked : unknown);
    const times = { revoked: [] as number[], unknown: [] as number[] };
    // Interleaved, so the machine's drift falls on both alike.
    for (let i = 0; i < 150; i += 1) {
      times.revoked.push(await timed(revoked));
      times.unknown.push(await timed(unknown));
    }
    const [a, b] = [median(times.revoked), median(times.unknown)];
    // Both take one lookup by hash; what is left is noise well under a millisecond on loopback.
    expect(Math.abs(a - b)).toBeLessThan(Math.max(0.5, 0.2 * Math.min(a, b)));
  });

  it('sends a strong ETag and answers 304 to If-None-Match, gzipped or not', async () => {
    const { token } = linkIn(await command(ALICE, 'share'));
    // What a browser asks for: the page gzipped (fetch unzips it), with a tag of its own.
    const first = await page(token, { 'Accept-Encoding': 'gzip, deflate, br' });
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}-gz"$/);
    expect(first.headers.get('vary')).toBe('Accept-Encoding');
    expect(first.text).toContain('<html lang="en">');
    // Identity: the same page, tagged apart.
    const plain = await page(token, { 'Accept-Encoding': 'identity' });
    const plainTag = plain.headers.get('etag') ?? '';
    expect(plainTag).toBe(etag.replace('-gz', ''));
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.text).toBe(first.text);
    expect((await page(token, { 'Accept-Encoding': 'gzip;q=0' })).headers.get('etag')).toBe(plainTag);
    expect((await page(token, { 'Accept-Encoding': 'gzip' })).headers.get('etag')).toBe(etag);
    for (const tag of [etag, plainTag, `W/${etag}`, `"other", ${plainTag}`]) {
      const cached = await page(token, { 'If-None-Match': tag, 'Accept-Encoding': 'gzip' });
      expect(cached.status).toBe(304);
      expect(cached.text).toBe('');
      expect(cached.headers.get('etag')).toBe(etag);
    }
    // A change to the plan changes the page and its tag.
    await world.service.plans.markDay(ALICE, alicePlan, 1, 2, 'done');
    const changed = await page(token, { 'If-None-Match': etag, 'Accept-Encoding': 'gzip' });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(changed.text).toContain('✓ Done');
  });

  it('escapes a hostile race name and keeps RTL text and emoji', async () => {
    const { token } = linkIn(await command(ALICE, 'share'));
    const { text } = await page(token);
    expect(text).not.toContain('<script>');
    expect(text).not.toContain('"x")');
    expect(text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(text).toContain('مراكش');
    expect(text).toContain('🏃‍♀️');
    expect(text).toContain('&#39;Ш&#39;');
  });

  it("shows only its own plan: nothing of another athlete's", async () => {
    const alice = linkIn(await command(ALICE, 'share'));
    const bob = linkIn(await command(BOB, 'share'));
    const alicePage = (await page(alice.token)).text;
    const bobPage = (await page(bob.token)).text;
    expect(alicePage).not.toContain('Bob Secret Half');
    expect(alicePage).not.toContain(bobPlan);
    expect(bobPage).toContain('Bob Secret Half');
    expect(bobPage).not.toContain('&lt;script&gt;');
    expect(bobPage).not.toContain(alicePlan);
    // Neither page carries a plan id or an owner.
    expect(alicePage).not.toContain(ALICE);
    expect(bobPage).not.toContain(BOB);
  });

  it('keeps tokens out of the logs and stores only their hash', async () => {
    const { token } = linkIn(await command(ALICE, 'share'));
    await page(token);
    expect(world.logs.join('\n')).not.toContain(token);
    const stored = await world.service.connection.collection('share_links').find({}).toArray();
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.some((doc) => doc.hash === hashShareToken(token) && doc.revokedAt === null)).toBe(true);
  });

  it('tells a plan without a share link that there is nothing to turn off, and refuses words it does not know', async () => {
    expect(await command(BOB, 'share off')).toMatch(/no longer works|no share link/);
    expect(await command(BOB, 'share please')).toContain('is not something share does');
  });

  it('offers the live calendar and the watch workouts beside the page, under the same link, gone with it', async () => {
    const answer = await command(ALICE, 'share');
    const { url, token } = linkIn(answer);
    expect(answer).toContain(`webcal://${url.replace(/^https:\/\//, '')}.ics`);
    expect(answer).toContain(`${url}/fit`);

    // The page links both, relative to itself.
    const shown = await page(token);
    expect(shown.text).toContain(`href="${token}.ics"`);
    expect(shown.text).toContain(`href="${token}/fit"`);
    expect(new URL(`${token}.ics`, `${world.api.url}/p/${token}`).pathname).toBe(`/p/${token}.ics`);

    const feed = await fetch(`${world.api.url}/p/${token}.ics`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    const ics = await feed.text();
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain('STATUS:TENTATIVE');
    expect(ics).not.toContain('Bob Secret Half');
    const etag = feed.headers.get('etag') ?? '';
    expect((await fetch(`${world.api.url}/p/${token}.ics`, { headers: { 'If-None-Match': etag } })).status).toBe(304);

    const fit = await fetch(`${world.api.url}/p/${token}/fit`);
    expect(fit.status).toBe(200);
    expect(fit.headers.get('content-type')).toContain('application/zip');
    const zip = new Uint8Array(await fit.arrayBuffer());
    expect([...zip.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);

    await command(ALICE, 'share off');
    expect((await fetch(`${world.api.url}/p/${token}.ics`)).status).toBe(404);
    expect((await fetch(`${world.api.url}/p/${token}/fit`)).status).toBe(404);
  });
});
