/**
 * The console's poster and its failures in the core's vocabulary: a terminal that went away is
 * `transient` (the athlete is back with the next session), so a console plan is never paused.
 */
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';

import { consoleDeliveryError, createConsolePoster } from '../../../src/adapters/console/console-poster.js';
import { textView } from '../../../src/conversation/plan-views.js';

const target = { owner: 'console:local:me', target: 'dm', channelId: null } as const;

describe('the console poster', () => {
  it('prints the message into the session and numbers its references', async () => {
    const output = new PassThrough();
    const chunks: string[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    const poster = createConsolePoster(output);
    expect(poster.platform).toBe('console');
    expect(await poster.post(target, textView('Week 2 is here.'))).toEqual({ messageRef: 'console:1' });
    expect(await poster.post(target, textView('Again.'))).toEqual({ messageRef: 'console:2' });
    expect(chunks.join('')).toContain('Week 2 is here.');
  });

  it('reports a closed terminal as transient instead of recording a post nobody saw', async () => {
    const output = new PassThrough();
    output.end();
    await expect(createConsolePoster(output).post(target, textView('lost'))).rejects.toMatchObject({
      reason: 'transient',
      detail: 'ERR_STREAM_DESTROYED',
    });
  });

  it('reports a write that throws (a broken pipe) as transient, with Node’s code', async () => {
    const broken = new Writable({ write: (_chunk, _encoding, done) => done() });
    broken.write = () => {
      throw Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    };
    await expect(createConsolePoster(broken).post(target, textView('lost'))).rejects.toMatchObject({
      reason: 'transient',
      detail: 'EPIPE',
    });
    expect(consoleDeliveryError('odd')).toMatchObject({ reason: 'transient', detail: 'unknown' });
  });
});
