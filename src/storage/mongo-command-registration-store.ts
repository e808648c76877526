/**
 * `CommandRegistrationStore` (src/plans/command-registration-store.ts) over MongoDB: one document
 * per registration in `command_registrations`, keyed by the registration's name
 * (`discord-commands:<applicationId>:<global | guild id>`), holding `{ hash, registeredAt }`.
 * No index is needed: registrations are found by `_id`.
 */
import type { Collection } from 'mongodb';
import { GoFastError } from '../domain/errors.js';
import { commandRegistrationSchema, type CommandRegistrationStore } from '../plans/command-registration-store.js';
import { guardedStorage, type MongoConnection } from './mongo-connection.js';

type RegistrationDocument = { _id: string; hash: string; registeredAt: Date };

export class MongoCommandRegistrationStore implements CommandRegistrationStore {
  private readonly registrations: Collection<RegistrationDocument>;

  constructor(
    connection: MongoConnection,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.registrations = connection.collection<RegistrationDocument>('command_registrations');
  }

  async registeredHash(key: string): Promise<string | null> {
    const found = await guardedStorage(`reading the command registration ${key}`, () => this.registrations.findOne({ _id: key }));
    if (found === null) return null;
    const parsed = commandRegistrationSchema.safeParse(found);
    if (!parsed.success) {
      throw new GoFastError('STORAGE_FAILED', `command registration ${key} in the database does not match its schema`, {
        userFacing: false,
      });
    }
    return parsed.data.hash;
  }

  async recordRegistration(key: string, hash: string): Promise<void> {
    await guardedStorage(`storing the command registration ${key}`, () =>
      this.registrations.updateOne({ _id: key }, { $set: { hash, registeredAt: this.now() } }, { upsert: true }),
    );
  }
}
