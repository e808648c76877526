/**
 * `guardedStorage`: an operation that never comes back (the driver can wait forever on a write to
 * a socket that died under it) is answered as an outage within the deadline; a socket error that
 * is not a MongoError is an outage too; bulk operations have no deadline.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { guardedBulkStorage, guardedStorage } from '../../src/storage/mongo-connection.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('guardedStorage', () => {
  it('answers an operation that never settles with STORAGE_UNAVAILABLE after 900 ms, and not before', async () => {
    vi.useFakeTimers();
    const outcome = guardedStorage('reading a plan', () => new Promise<never>(() => undefined)).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(899);
    let settled = false;
    void outcome.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome).toMatchObject({
      code: 'STORAGE_UNAVAILABLE',
      message: 'reading a plan: no answer from the database within 900 ms',
    });
  });

  it('passes a prompt answer through, and turns a dead socket (EPIPE) into STORAGE_UNAVAILABLE', async () => {
    expect(await guardedStorage('counting', async () => 3)).toBe(3);
    const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    await expect(guardedStorage('storing a plan', () => Promise.reject(epipe))).rejects.toMatchObject({
      code: 'STORAGE_UNAVAILABLE',
      message: 'storing a plan: write EPIPE',
    });
    // Our own errors and bugs pass unchanged.
    const bug = new TypeError('x is undefined');
    await expect(guardedStorage('reading', () => Promise.reject(bug))).rejects.toBe(bug);
  });

  it('lets a bulk operation (backup, restore, export, import) take as long as it takes', async () => {
    vi.useFakeTimers();
    const slow = guardedBulkStorage('backup', () => new Promise<string>((resolve) => setTimeout(() => resolve('done'), 60_000)));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await slow).toBe('done');
  });
});
