/**
 * Activity files read on a worker thread (parse-off-thread.ts): the same activity as reading in
 * line, a refusal arriving as the same one-sentence `ActivityFileError`, and the event loop free
 * while a large file is read — the reason for the worker: a 6 MB GPX must not stall everyone
 * else's answers.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ActivityFileError } from '../../../src/plans/activity-files/activity-file-error.js';
import { parseActivityFile } from '../../../src/plans/activity-files/parse-activity-file.js';
import { createOffThreadParser } from '../../../src/plans/activity-files/parse-off-thread.js';
import { activityFit } from '../../support/fit-activity.js';

const parser = createOffThreadParser();

afterAll(async () => {
  await parser.close();
});

/** A GPX run of `points` one-second track points (about 85 bytes each), jogging north at 3 m/s. */
function longGpx(points: number): Uint8Array {
  const start = Date.parse('2026-11-26T07:00:00Z');
  const rows: string[] = [];
  for (let i = 0; i < points; i += 1) {
    rows.push(
      `<trkpt lat="${(45 + i * 0.000027).toFixed(7)}" lon="7.0000000"><time>${new Date(start + i * 1000).toISOString()}</time></trkpt>`,
    );
  }
  return new TextEncoder().encode(
    `<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>\n${rows.join('\n')}\n</trkseg></trk></gpx>`,
  );
}

describe('reading activity files on a worker thread', () => {
  it('gives the activity reading in line gives', async () => {
    const fit = activityFit();
    expect(await parser.parse(fit, 'Morning_Run.fit', 'Europe/Berlin')).toEqual(parseActivityFile(fit, 'Morning_Run.fit', 'Europe/Berlin'));
  });

  it('refuses as reading in line refuses: the same reason and sentence', async () => {
    const damaged = Buffer.from(activityFit());
    damaged.writeUInt8(damaged.readUInt8(damaged.length - 1) ^ 0xff, damaged.length - 1);
    const inline = (() => {
      try {
        parseActivityFile(damaged, 'broken.fit', 'UTC');
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    const refused = await parser.parse(damaged, 'broken.fit', 'UTC').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ActivityFileError);
    expect(refused).toMatchObject({ reason: 'corrupt', message: (inline as Error).message, code: 'INVALID_INPUT', userFacing: true });
    await expect(parser.parse(new Uint8Array(26 * 1024 * 1024), 'huge.gpx', 'UTC')).rejects.toMatchObject({ reason: 'too-large' });
  });

  it('keeps the event loop free while a large file is read', async () => {
    const big = longGpx(80_000);
    expect(big.byteLength).toBeGreaterThan(6_000_000);
    let longestGapMs = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGapMs = Math.max(longestGapMs, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    const activity = await parser.parse(big, 'long.gpx', 'UTC');
    const took = performance.now() - started;
    clearInterval(ticker);
    expect(activity.elapsedSeconds).toBe(79_999);
    // Read in line, the loop would pause for the whole read; here no pause comes near it.
    expect(took).toBeGreaterThan(200);
    expect(longestGapMs).toBeLessThan(Math.min(250, took / 4));
  });

  it('starts a new worker after close', async () => {
    await parser.close();
    const fit = activityFit();
    expect((await parser.parse(fit, 'again.fit', 'UTC')).source).toBe('file');
  });
});
