/**
 * The port for what a chat platform was last told about our commands: per registration (a
 * platform's application, globally or in one server), the hash of the command definitions it last
 * accepted. A surface registers its commands at start only when the hash of its definitions
 * differs, so a restart with unchanged commands costs no call, and several instances starting at
 * once at worst register the same definitions twice (a bulk overwrite, harmless).
 */
import { z } from 'zod';

/** A registration as stored; the key is the document's id. */
export const commandRegistrationSchema = z.object({
  hash: z.string().min(1),
  registeredAt: z.date(),
});

export interface CommandRegistrationStore {
  /** The hash stored for `key` by the last successful registration; null when none was. */
  registeredHash(key: string): Promise<string | null>;
  /** Remembers that the definitions hashing to `hash` were registered under `key`. */
  recordRegistration(key: string, hash: string): Promise<void>;
}
