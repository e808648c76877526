/**
 * Shared setup for the conformance suites: one server per file (the embedded one, or the real
 * one from MONGODB_URI), driver clients that are all closed at the end, and collection names
 * unique per test so the suites can share a real server.
 */
import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import type { Db, Document, MongoClientOptions, ObjectId } from 'mongodb';
import { startTestMongo } from '../support/mongo.js';
import type { TestMongo } from '../support/mongo.js';

export type Harness = {
  readonly mongo: TestMongo;
  readonly client: MongoClient;
  readonly db: Db;
  /** Another connected client (closed with the harness). */
  connect(options?: MongoClientOptions): Promise<MongoClient>;
  close(): Promise<void>;
};

const CLIENT_OPTIONS: MongoClientOptions = { serverSelectionTimeoutMS: 5_000 };

export async function openHarness(): Promise<Harness> {
  const mongo = await startTestMongo();
  const clients: MongoClient[] = [];
  const connect = async (options: MongoClientOptions = {}) => {
    const client = new MongoClient(mongo.uri, { ...CLIENT_OPTIONS, ...options });
    clients.push(client);
    await client.connect();
    return client;
  };
  const client = await connect();
  return {
    mongo,
    client,
    db: client.db(mongo.dbName),
    connect,
    close: async () => {
      await Promise.all(clients.map((c) => c.close()));
      await mongo.close();
    },
  };
}

/** Test documents: any fields, and an `_id` of several types (the driver's default types it ObjectId). */
export type TestDoc = Document & { _id?: string | number | Date | ObjectId };

/**
 * An update document typed loosely: the driver types array operators ($push, $pull) only for
 * fields declared as arrays, and test documents declare none.
 */
export function looseUpdate(update: Document): Document {
  return update;
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

/** True when the suite runs against a real mongod (MONGODB_URI). */
export const againstRealServer = (process.env.MONGODB_URI ?? '').length > 0;
