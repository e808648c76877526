/**
 * Embedded MongoDB-compatible server — FOR DEVELOPMENT AND TESTS ONLY.
 *
 * An in-process server speaking the MongoDB wire protocol on loopback, so the official `mongodb`
 * driver and mongoose run unchanged over TCP where no real `mongod` can be installed. Data lives
 * in memory and disappears on close(). It must never serve production traffic (NODE_ENV=production):
 * that is enforced by the caller that decides to start it, not here.
 *
 * Implemented
 * - Wire: OP_MSG (body + document sequences; checksum flag tolerated, not verified; moreToCome and
 *   exhaustAllowed) and legacy OP_QUERY for the handshake, answered with OP_REPLY. Messages above
 *   maxMessageBytes (default 48 000 000) or that cannot be decoded close only their connection.
 * - Presents itself as the primary of a one-member replica set (wire version 21, MongoDB 7.0), with
 *   the awaitable/streaming hello the driver's monitor uses, logical sessions, $clusterTime and
 *   operationTime, so sessions and transactions work.
 * - Commands: hello/isMaster, ping, buildInfo, serverStatus (minimal), whatsmyuri, endSessions,
 *   create, drop, dropDatabase, listCollections, listDatabases, insert, find, getMore, killCursors,
 *   update, delete, findAndModify, count, distinct, aggregate, createIndexes, listIndexes,
 *   dropIndexes, commitTransaction, abortTransaction. Unknown commands: code 59 CommandNotFound.
 * - Queries, projections, update operators (arrayFilters, positional $) and aggregation stages via
 *   mingo; upserts with $setOnInsert and the filter's equality fields; replacement and pipeline
 *   updates; sort in MongoDB's cross-type order; unique indexes (compound, multikey, sparse,
 *   partial) with E11000 errors shaped like MongoDB's, including keyPattern and keyValue.
 * - Numeric types as MongoDB keeps them: int32, int64 (exactly, also beyond 2^53) and double (1.0
 *   included) come back as the type they were stored as, and $type tells them apart. Queries,
 *   sorts, unique keys, _id, distinct, $addToSet and $group compare numbers by value across
 *   types (1, 1.0 and Long(1) are equal). $inc and $mul keep or widen the type as mongod does (int
 *   + long is long, an int overflow becomes a long, an int64 overflow fails with BadValue);
 *   $min/$max compare across types. In aggregation, comparisons, $sort, $sum/$avg/$min/$max,
 *   $add/$subtract/$multiply/$divide, $toLong/$toDouble and the rounding operators are typed too.
 * - Find projections as MongoDB 4.4+ answers them, $slice included: a projection of only $slice
 *   fields returns every other field, with inclusions only the included ones (a sliced nested
 *   array alone in its sub-document); a non-array is returned as it is.
 * - Limits: documents over 16 MiB of BSON are refused (10334 on insert, 17419 on update) and the
 *   stored version stays as it was; past the `maxDataBytes` ceiling (sum of stored BSON sizes,
 *   tracked per write) writes that add data fail with ExceededMemoryLimit (146) while reads and
 *   deletes keep working.
 * - Multi-document transactions with snapshot reads; conflicting writes get WriteConflict (112,
 *   TransientTransactionError) and writes outside a transaction wait for the one holding the
 *   document. Every command's read-modify-write is synchronous, so single-document updates are
 *   atomic across connections.
 *
 * Not implemented
 * - Persistence, replication, authentication, TLS, compression, and retryable-write deduplication.
 * - Indexes used for speed (all reads scan), TTL expiry, text/geo/hashed index semantics, collation
 *   for comparisons, $out/$merge/$changeStream and server-introspection stages, explain, capped
 *   collections, schema validation, renameCollection, collMod.
 * - hint, collation, maxTimeMS, readConcern and writeConcern are accepted and ignored.
 * - Decimal128 is stored and returned exactly, but compared and computed through a double. Other
 *   aggregation operators (e.g. $pow, $sqrt, $convert, the set and array operators) compute int64
 *   values beyond 2^53 approximately and give JavaScript-number result types; $bit and $push's
 *   $sort compare boxed numbers (Long, integral Double) as mingo does.
 * - A $slice projection combined with $elemMatch and no inclusion is treated as an inclusion.
 * - Creating or dropping a collection inside a transaction takes effect immediately.
 * - Cursors end when every connection that used them has closed (MongoDB keeps them until they
 *   time out or their session ends).
 */
export { socketUri, startEmbeddedMongo } from './server.js';
export type { EmbeddedMongo } from './server.js';
export { DataDirLockedError } from './data-dir-lock.js';
export type { DataDirOwner } from './data-dir-lock.js';
export { DataDirDamagedError } from './durable-store.js';
