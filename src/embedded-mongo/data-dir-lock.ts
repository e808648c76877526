/**
 * One process owns a data directory. The lock is a file, `owner.lock`, holding who owns it: the
 * process id, the socket it serves on and what it is (the bot, the CLI). It appears whole, by
 * `link()` from a file already written, which fails atomically when a lock exists; so no process
 * ever reads a half-written lock, and two processes can never both create one.
 *
 * A lock whose process is gone (kill -9, a power cut) is stale. Taking it over is guarded by a
 * second exclusive file, `owner.lock.takeover`: only its holder may remove a stale lock, and it
 * checks again under that guard that the lock is the same stale one, so a contender that saw the
 * stale lock late finds the new owner instead of removing its lock.
 */
import { link, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const LOCK_FILE = 'owner.lock';
const TAKEOVER_FILE = 'owner.lock.takeover';
/** The takeover guard is held for a few file operations; one older than this was left by a crash. */
const STALE_TAKEOVER_MS = 10_000;

export type DataDirOwner = {
  readonly pid: number;
  /** The Unix socket the owner serves the store on. */
  readonly socket: string;
  /** What the owner is, for the message another process shows ("the bot", "gofast plans"). */
  readonly role: string;
  readonly startedAt: string;
};

/** The data directory is owned by another live process (or by this one, through another server). */
export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly owner: DataDirOwner,
  ) {
    super(`${dir} is in use by process ${owner.pid} (${owner.role}, since ${owner.startedAt})`);
    this.name = 'DataDirLockedError';
  }
}

export type DataDirLock = { release(): Promise<void> };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user; ESRCH: there is no such process.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseOwner(text: string): DataDirOwner | undefined {
  try {
    const raw: unknown = JSON.parse(text);
    if (typeof raw !== 'object' || raw === null) return undefined;
    const { pid, socket, role, startedAt } = raw as Record<string, unknown>;
    if (typeof pid !== 'number' || typeof socket !== 'string' || typeof role !== 'string' || typeof startedAt !== 'string')
      return undefined;
    return { pid, socket, role, startedAt };
  } catch {
    // Not JSON: a lock file written by something else, reported by the caller as unreadable.
    return undefined;
  }
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Makes this process the owner of `dir`, or throws DataDirLockedError naming the live owner. A
 * lock file that cannot be read as ours is refused rather than overwritten.
 */
export async function acquireDataDirLock(dir: string, owner: DataDirOwner): Promise<DataDirLock> {
  const lockPath = join(dir, LOCK_FILE);
  const content = `${JSON.stringify(owner)}\n`;
  const draft = join(dir, `${LOCK_FILE}.${process.pid}.${Date.now()}`);
  await writeFile(draft, content, { mode: 0o600, flush: true });
  try {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      try {
        await link(draft, lockPath);
        return { release: () => releaseIfOurs(lockPath, content) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const text = await readText(lockPath);
      if (text === undefined) continue;
      const current = parseOwner(text);
      if (current === undefined) {
        throw new Error(`${lockPath} exists but is not a GoFast Coach lock; if no gofast process uses ${dir}, delete it`);
      }
      if (alive(current.pid)) throw new DataDirLockedError(dir, current);
      await removeStaleLock(dir, lockPath, text);
    }
    throw new Error(`could not take the lock of ${dir}: it kept changing hands`);
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

async function removeStaleLock(dir: string, lockPath: string, staleText: string): Promise<void> {
  const guard = join(dir, TAKEOVER_FILE);
  try {
    await writeFile(guard, String(process.pid), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Someone else is taking over; a guard left by a crash is cleared once it is clearly old.
    const guardStat = await stat(guard).catch(() => undefined);
    if (guardStat !== undefined && Date.now() - guardStat.mtimeMs > STALE_TAKEOVER_MS) await unlink(guard).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    return;
  }
  try {
    // Under the guard: remove the lock only if it is still the stale one we saw.
    if ((await readText(lockPath)) === staleText) await unlink(lockPath);
  } finally {
    await unlink(guard);
  }
}

async function releaseIfOurs(lockPath: string, content: string): Promise<void> {
  if ((await readText(lockPath)) === content) await unlink(lockPath);
}
