/**
 * The process-level last resort. Without it, one error that escapes a request (Bolt's receiver
 * rejecting a promise nobody awaits, say) ends the process, and Slack, the HTTP API and the
 * scheduler die together.
 *
 * - An unhandled rejection is logged and the process keeps serving: a rejected promise has already
 *   unwound its own work, and in this app they come from serving requests. Every request path is
 *   asynchronous (Bolt's receivers and listeners, the HTTP API's Hono listener, Discord's
 *   interaction handler), so a failure that escapes one of them arrives here as a rejection.
 * - An uncaught exception is a synchronous throw from a callback (a timer, an event listener) that
 *   nothing caught. No request path throws that way, and each catches its own errors at its edge,
 *   so such an error comes from outside any request and leaves the process in an unknown state: it
 *   is logged as fatal and the normal shutdown runs (adapters, scheduler, database). If that has
 *   not finished within the grace period, the process exits with code 1.
 *
 * Each error is logged once, even if it is reported again.
 */
import type { Logger } from 'pino';

/** The part of `process` the guard listens on; tests pass an EventEmitter. */
type ProcessEvents = {
  on(event: 'uncaughtException', listener: (error: Error, origin: string) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'uncaughtException', listener: (error: Error, origin: string) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
};

export type CrashGuardOptions = {
  readonly events: ProcessEvents;
  readonly logger: Pick<Logger, 'error' | 'fatal'>;
  /** Starts the orderly shutdown (the same path as SIGTERM). */
  readonly shutdown: () => void;
  /** Ends the process when the shutdown hangs. */
  readonly exit: (code: number) => void;
  /** How long the shutdown may take before `exit(1)`. Default 10 s. */
  readonly graceMs?: number;
};

export type CrashGuard = {
  /** True once an unsafe error started the shutdown: the process should end with a failure code. */
  readonly failed: boolean;
  uninstall(): void;
};

export function installCrashGuard(options: CrashGuardOptions): CrashGuard {
  const { events, logger } = options;
  // Weak, so remembering which errors were logged never keeps them alive.
  const logged = new WeakSet<object>();
  let failed = false;
  let timer: NodeJS.Timeout | undefined;

  const firstTime = (error: unknown): boolean => {
    if (typeof error !== 'object' || error === null) return true;
    if (logged.has(error)) return false;
    logged.add(error);
    return true;
  };

  const onRejection = (reason: unknown): void => {
    if (firstTime(reason)) logger.error({ err: reason, kind: 'unhandledRejection' }, 'unhandled promise rejection; still serving');
  };

  const onException = (error: Error, origin: string): void => {
    if (firstTime(error)) logger.fatal({ err: error, kind: origin }, 'uncaught error outside a request; shutting down');
    if (failed) return;
    failed = true;
    timer = setTimeout(() => options.exit(1), options.graceMs ?? 10_000);
    // The timer is only a backstop: it must not by itself keep a finished process alive.
    timer.unref();
    options.shutdown();
  };

  events.on('unhandledRejection', onRejection);
  events.on('uncaughtException', onException);
  return {
    get failed() {
      return failed;
    },
    uninstall() {
      events.off('unhandledRejection', onRejection);
      events.off('uncaughtException', onException);
      // The shutdown finished in time: the backstop is no longer needed.
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
