/**
 * The handshake and server-information commands. The server presents itself as the primary of a
 * one-member replica set, because the driver only allows sessions and transactions against a
 * replica set or sharded cluster.
 */
import { Long } from 'bson';
import type { Doc } from '../bson-values.js';
import type { CommandContext, CommandHandler } from './command-context.js';

/** Wire version 21 is MongoDB 7.0; driver 7 needs at least 9 (4.4). */
const MAX_WIRE_VERSION = 21;
const SERVER_VERSION = '7.0.0';
const LOGICAL_SESSION_TIMEOUT_MINUTES = 30;

function helloReply(ctx: CommandContext, cmd: Doc, legacy: boolean): Doc {
  const me = ctx.connection.localHostPort;
  return {
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    ...(cmd.helloOk === true ? { helloOk: true } : {}),
    topologyVersion: { processId: ctx.server.processId, counter: Long.ZERO },
    hosts: [me],
    setName: ctx.server.setName,
    setVersion: 1,
    secondary: false,
    primary: me,
    me,
    electionId: ctx.server.electionId,
    maxBsonObjectSize: ctx.server.maxBsonObjectSize,
    maxMessageSizeBytes: ctx.server.maxMessageBytes,
    maxWriteBatchSize: ctx.server.maxWriteBatchSize,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: LOGICAL_SESSION_TIMEOUT_MINUTES,
    connectionId: ctx.connection.id,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  };
}

export const helloCommand: CommandHandler = (cmd, ctx) => helloReply(ctx, cmd, false);
export const legacyHelloCommand: CommandHandler = (cmd, ctx) => helloReply(ctx, cmd, true);

export const pingCommand: CommandHandler = () => ({ ok: 1 });

export const buildInfoCommand: CommandHandler = () => ({
  version: SERVER_VERSION,
  gitVersion: 'embedded',
  versionArray: SERVER_VERSION.split('.').map(Number).concat(0),
  bits: 64,
  debug: false,
  maxBsonObjectSize: 16 * 1024 * 1024,
  storageEngines: ['embedded-memory'],
  javascriptEngine: 'none',
  modules: [],
  ok: 1,
});

export const whatsMyUriCommand: CommandHandler = (_cmd, ctx) => ({ you: ctx.connection.remoteHostPort, ok: 1 });

export const connectionStatusCommand: CommandHandler = () => ({
  authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] },
  ok: 1,
});

export const serverStatusCommand: CommandHandler = (_cmd, ctx) => ({
  host: ctx.connection.localHostPort,
  version: SERVER_VERSION,
  process: 'embedded-mongo',
  pid: process.pid,
  uptime: Math.floor((Date.now() - ctx.server.startedAt.getTime()) / 1000),
  localTime: new Date(),
  ok: 1,
});
