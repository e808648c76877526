/**
 * The durable store's owner as a process of its own, for tests and benchmarks that kill it
 * (test/embedded-mongo/durable/store-owner-process.ts, bundled once with esbuild so that each
 * start is a plain `node` start, not a TypeScript compile). `startStoreOwner` resolves once the
 * owner prints its URI; `stopStoreOwner` signals it (SIGKILL by default) and waits for it to exit.
 * Started again on the same data dir, it serves on the same socket path, so a driver that knew
 * the old one reconnects by itself.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { build } from 'esbuild';

const OWNER_SOURCE = join(import.meta.dirname, '..', 'embedded-mongo', 'durable', 'store-owner-process.ts');

/** Bundles the store owner into `dir` and returns the path of the .mjs to run with node. */
export async function bundleStoreOwner(dir: string): Promise<string> {
  const outfile = join(dir, 'store-owner.mjs');
  await build({
    entryPoints: [OWNER_SOURCE],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  return outfile;
}

export type StoreOwner = {
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  /** The driver's URI: the percent-encoded socket path, `?directConnection=true`, no database. */
  readonly uri: string;
};

/** Starts the bundled owner (`script`) on `dataDir`; resolves when it serves. */
export async function startStoreOwner(script: string, dataDir: string): Promise<StoreOwner> {
  const child = spawn(process.execPath, [script, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
    });
    child.once('exit', (code) => reject(new Error(`store owner exited with ${code}: ${stderr}`)));
  });
  return { child, uri: (JSON.parse(line) as { uri: string }).uri };
}

/** Signals the owner (SIGKILL unless told otherwise) and waits until it has exited. */
export async function stopStoreOwner(owner: StoreOwner, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (owner.child.exitCode !== null || owner.child.signalCode !== null) return;
  const exited = new Promise((resolve) => owner.child.once('exit', resolve));
  owner.child.kill(signal);
  await exited;
}

/** The owner's URI naming database `name` (its options kept). */
export function storeOwnerDatabase(uri: string, name: string): string {
  const [base = '', query] = uri.split('?');
  return `${base.replace(/\/?$/, '/')}${name}${query === undefined ? '' : `?${query}`}`;
}
