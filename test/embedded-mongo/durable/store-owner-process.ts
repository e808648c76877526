/**
 * The store owner of the crash-safety test, run as its own process (bundled, so it starts in a
 * fraction of a second): opens the durable store in the data dir given as its argument, prints
 * one JSON line with its URI and what it loaded, and serves until it is killed.
 */
import { startEmbeddedMongo } from '../../../src/embedded-mongo/index.js';

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error('usage: store-owner-process <data dir>');
const server = await startEmbeddedMongo({
  dataDir,
  onWarning: (message) => process.stderr.write(`${message}\n`),
});
process.stdout.write(`${JSON.stringify({ uri: server.uri, loaded: server.loaded })}\n`);
