/**
 * The process-level handler, on an EventEmitter standing in for `process` (so no error reaches the
 * test worker's own process): an unhandled rejection (how a request's failure escapes) is logged once
 * and the process keeps serving; an uncaught exception is logged once and starts the orderly
 * shutdown, with exit(1) as the backstop if that hangs.
 */
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { installCrashGuard, type CrashGuard } from '../../src/app/crash-guard.js';

type Line = { level: 'error' | 'fatal'; context: Record<string, unknown>; message: string };

function harness(graceMs = 50) {
  const events = new EventEmitter();
  const lines: Line[] = [];
  const record = (level: Line['level']) => (context: Record<string, unknown>, message: string) => lines.push({ level, context, message });
  const shutdown = vi.fn();
  const exit = vi.fn();
  const logger = { error: record('error'), fatal: record('fatal') } as unknown as Parameters<typeof installCrashGuard>[0]['logger'];
  const guard = installCrashGuard({ events, logger, shutdown, exit, graceMs });
  return { events, lines, shutdown, exit, guard };
}

let installed: CrashGuard | undefined;
afterEach(() => {
  installed?.uninstall();
  installed = undefined;
  vi.useRealTimers();
});

describe('crash guard', () => {
  it('logs an unhandled rejection once, with its error, and keeps serving', () => {
    const h = harness();
    installed = h.guard;
    const reason = new TypeError("Cannot read properties of null (reading 'ssl_check')");
    h.events.emit('unhandledRejection', reason, Promise.resolve());
    h.events.emit('unhandledRejection', reason, Promise.resolve());
    expect(h.lines).toEqual([
      { level: 'error', context: { err: reason, kind: 'unhandledRejection' }, message: expect.stringContaining('still serving') },
    ]);
    expect(h.shutdown).not.toHaveBeenCalled();
    expect(h.guard.failed).toBe(false);
  });

  it('logs a rejection with a non-error reason too', () => {
    const h = harness();
    installed = h.guard;
    h.events.emit('unhandledRejection', 'just a string', Promise.resolve());
    expect(h.lines.map((l) => l.context.err)).toEqual(['just a string']);
    expect(h.shutdown).not.toHaveBeenCalled();
  });

  it('logs an uncaught exception as fatal once and shuts down once, gracefully', () => {
    const h = harness();
    installed = h.guard;
    const error = new Error('state unknown');
    h.events.emit('uncaughtException', error, 'uncaughtException');
    h.events.emit('uncaughtException', error, 'uncaughtException');
    h.events.emit('uncaughtException', new Error('a second one while stopping'), 'uncaughtException');
    expect(h.lines.map((l) => [l.level, (l.context.err as Error).message])).toEqual([
      ['fatal', 'state unknown'],
      ['fatal', 'a second one while stopping'],
    ]);
    expect(h.lines[0]?.message).toContain('shutting down');
    expect(h.shutdown).toHaveBeenCalledTimes(1);
    expect(h.guard.failed).toBe(true);
  });

  it('exits with 1 when the shutdown has not finished within the grace period', () => {
    vi.useFakeTimers();
    const h = harness(1000);
    installed = h.guard;
    h.events.emit('uncaughtException', new Error('boom'), 'uncaughtException');
    vi.advanceTimersByTime(999);
    expect(h.exit).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(h.exit).toHaveBeenCalledWith(1);
  });

  it('does not exit when the shutdown finished (uninstalled) in time, and stops listening', () => {
    vi.useFakeTimers();
    const h = harness(1000);
    h.events.emit('uncaughtException', new Error('boom'), 'uncaughtException');
    h.guard.uninstall();
    vi.advanceTimersByTime(5000);
    expect(h.exit).not.toHaveBeenCalled();
    expect(h.events.listenerCount('uncaughtException')).toBe(0);
    expect(h.events.listenerCount('unhandledRejection')).toBe(0);
  });
});
