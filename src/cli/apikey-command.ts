/**
 * `gofast apikey …`: the operators' commands for the HTTP API's keys. `create` prints a new key
 * once (only its hash is stored, so it cannot be shown again); `revoke` takes the key or its
 * prefix; `list` shows prefixes, owners and states, never keys.
 */
import { API_KEY_PATTERN, API_KEY_PREFIX_LENGTH, type ApiKeySummary, type ApiKeyUseCases } from '../plans/api-keys.js';
import { isSurfaceIdentity } from '../app/surfaces.js';
import { parseFlags, requireFlag, stringFlag } from './parse-flags.js';
import { UsageError } from './usage-error.js';

export const APIKEY_HELP = `Usage: gofast apikey <command> [--mongo URI]

  create --owner PLATFORM:WORKSPACE:USER [--label TEXT]
                           make a key for the HTTP API that acts as that owner; it is printed
                           once and cannot be shown again (only its hash is stored)
  revoke KEY_OR_PREFIX     refuse the key from now on (the whole key or its prefix, gf_ and 8 more)
  list [--owner OWNER]     prefixes, owners, labels and states; never the keys

  --mongo URI (or MONGODB_URI) picks the database the HTTP API reads its keys from.`;

export type ApiKeyCommandDeps = {
  /** Opens the key use cases on the database the flags name (the one the HTTP API uses). */
  open(mongoUri?: string): Promise<{ keys: ApiKeyUseCases; close(): Promise<void> }>;
};

function describeKey(key: ApiKeySummary): string {
  const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active';
  return [key.prefix, key.owner, state, `created ${key.createdAt.toISOString()}`, key.label ?? ''].join('  ').trimEnd();
}

export async function runApiKeyCommand(argv: readonly string[], deps: ApiKeyCommandDeps): Promise<string> {
  const [sub, ...rest] = argv;
  const withKeys = async (mongo: string | undefined, run: (keys: ApiKeyUseCases) => Promise<string>): Promise<string> => {
    const service = await deps.open(mongo);
    try {
      return await run(service.keys);
    } finally {
      await service.close();
    }
  };

  switch (sub) {
    case 'create': {
      const { values } = parseFlags('apikey create', rest, {
        owner: { type: 'string' },
        label: { type: 'string' },
        mongo: { type: 'string' },
      });
      const owner = requireFlag('apikey create', values, 'owner', 'PLATFORM:WORKSPACE:USER');
      // Checked before any database is opened.
      if (!isSurfaceIdentity(owner)) {
        throw new UsageError(`gofast apikey create: --owner must look like platform:workspace:user, not "${owner}"`);
      }
      const label = stringFlag(values, 'label');
      return withKeys(stringFlag(values, 'mongo'), async (keys) => {
        const { key, summary } = await keys.createApiKey(owner, label === undefined ? {} : { label });
        return (
          `${key}\n` +
          `API key ${summary.prefix}… for ${summary.owner}. Store it now: it cannot be shown again ` +
          `(only its hash is kept). Send it as "Authorization: Bearer <key>"; revoke it with ` +
          `\`gofast apikey revoke ${summary.prefix}\`.\n`
        );
      });
    }
    case 'revoke': {
      const { values, positionals } = parseFlags('apikey revoke', rest, { mongo: { type: 'string' } }, true);
      const [target, extra] = positionals;
      if (target === undefined || target.trim() === '') throw new UsageError('gofast apikey revoke: missing the key or its prefix');
      if (extra !== undefined) throw new UsageError(`gofast apikey revoke: one key at a time, not also "${extra}"`);
      const looksLikePrefix = target.length === API_KEY_PREFIX_LENGTH && target.startsWith('gf_');
      if (!API_KEY_PATTERN.test(target) && !looksLikePrefix) {
        throw new UsageError(
          `gofast apikey revoke: give the whole key or its prefix (gf_ and 8 more characters), not "${target.slice(0, 20)}"`,
        );
      }
      return withKeys(stringFlag(values, 'mongo'), async (keys) => {
        const revoked = await keys.revokeApiKey(target);
        return `revoked ${revoked.prefix}… (${revoked.owner})\n`;
      });
    }
    case 'list': {
      const { values } = parseFlags('apikey list', rest, { owner: { type: 'string' }, mongo: { type: 'string' } });
      const owner = stringFlag(values, 'owner');
      return withKeys(stringFlag(values, 'mongo'), async (keys) => {
        const found = await keys.listApiKeys(owner === undefined ? {} : { owner });
        return found.length === 0 ? 'no API keys\n' : `${found.map(describeKey).join('\n')}\n`;
      });
    }
    default:
      throw new UsageError(
        `gofast apikey: ${sub === undefined ? 'missing command' : `unknown command "${sub}"`}; commands are create, revoke, list`,
      );
  }
}
