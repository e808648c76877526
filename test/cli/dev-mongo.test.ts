/** `gofast dev-mongo` as a person runs it: a URI on stdout, a working server, a clean stop. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'gofast.js');

describe('gofast dev-mongo', () => {
  it('prints its URI, serves the driver, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'dev-mongo', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [first] = (await once(child.stdout, 'data')) as [Buffer];
    const uri = first.toString().trim();
    expect(uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
    const client = await MongoClient.connect(uri);
    await client.db('dev').collection('plans').insertOne({ athlete: 'a' });
    expect(await client.db('dev').collection('plans').countDocuments()).toBe(1);
    await client.close();
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(stderr).toContain('data is in memory and lost on exit');
  });

  it('refuses a bad port with exit 2', async () => {
    const child = spawn(process.execPath, [BIN, 'dev-mongo', '--port', 'abc'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(stderr.trim()).toBe('gofast dev-mongo: --port must be a port number from 0 to 65535, not "abc"');
  });
});
