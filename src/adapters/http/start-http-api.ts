/**
 * Serves the HTTP API on Node through @hono/node-server. Binds 127.0.0.1 unless told otherwise:
 * production (a container) passes `host: '0.0.0.0'` so the API is reachable from outside it.
 * `stop()` stops accepting, lets requests in flight finish (up to a grace period) and closes
 * keep-alive connections.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { createHttpApi, type HttpApiOptions } from './http-api.js';

export type StartHttpApiOptions = HttpApiOptions & {
  /** 0 picks a free port (tests). */
  readonly port: number;
  /** Default 127.0.0.1 (loopback only); production passes 0.0.0.0. */
  readonly host?: string;
  /** How long `stop()` waits for requests in flight before closing their connections. Default 5 s. */
  readonly shutdownGraceMs?: number;
};

export type RunningHttpApi = {
  readonly port: number;
  readonly host: string;
  /** The base URL, e.g. http://127.0.0.1:8080 */
  readonly url: string;
  stop(): Promise<void>;
};

export async function startHttpApi(options: StartHttpApiOptions): Promise<RunningHttpApi> {
  const host = options.host ?? '127.0.0.1';
  const app = createHttpApi(options);
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  // Slow or stalled clients must not hold connections for node's defaults (300 s for a request).
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const grace = options.shutdownGraceMs ?? 5_000;
  let stopped: Promise<void> | undefined;
  return {
    port,
    host,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        const timer = setTimeout(() => server.closeAllConnections(), grace);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      });
      return stopped;
    },
  };
}
