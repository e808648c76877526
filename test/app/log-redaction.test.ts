/**
 * Redaction at any depth, in messages and in URIs: what a logged config, request, error or
 * database address would leak never reaches the destination, and the rest stays readable.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { redactText, redactUri } from '../../src/domain/redaction.js';
import { createHumanLogger, createLogger } from '../../src/log.js';
import { redactMongoUri } from '../../src/storage/mongo-resolution.js';

function capture(): { log: ReturnType<typeof createLogger>; text: () => string; records: () => Record<string, unknown>[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return {
    log: createLogger('info', sink),
    text: () => lines.join(''),
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('log redaction', () => {
  it('masks secret keys at any depth and keeps the rest of the object', () => {
    const { log, text, records } = capture();
    const request = {
      workspace: { team: { install: { bot: { accessToken: 'xyz-deep-1', clientSecret: 'xyz-deep-2', name: 'coach' } } } },
      headers: { Authorization: 'xyz-deep-3', 'x-request-id': 'r-1' },
      users: [{ id: 'U1', password: 'xyz-deep-4' }],
      usage: { promptTokens: 120, apiKeyPrefix: 'gf_abcdefgh' },
    };
    log.info({ request }, 'install');
    for (const secret of ['xyz-deep-1', 'xyz-deep-2', 'xyz-deep-3', 'xyz-deep-4']) expect(text()).not.toContain(secret);
    expect(records()[0]).toMatchObject({
      msg: 'install',
      request: {
        workspace: { team: { install: { bot: { accessToken: '[redacted]', clientSecret: '[redacted]', name: 'coach' } } } },
        headers: { Authorization: '[redacted]', 'x-request-id': 'r-1' },
        users: [{ id: 'U1', password: '[redacted]' }],
        // Counts and a key's public prefix are not secrets.
        usage: { promptTokens: 120, apiKeyPrefix: 'gf_abcdefgh' },
      },
    });
    // The caller's object is left as it was.
    expect(request.workspace.team.install.bot.accessToken).toBe('xyz-deep-1');
  });

  it('masks a token inside an error message, its stack and its cause, and keeps the error readable', () => {
    const { log, text, records } = capture();
    const cause = new Error('upstream said: invalid_auth for Bearer abcdef123456');
    const error = new Error('Slack refused token xoxb-1234567890-abcdefghij (invalid_auth)', { cause });
    log.error({ err: error, attempt: 2 }, 'posting failed with SLACK_BOT_TOKEN=xoxb-9999999999-zz');
    log.error(new Error('call failed: {"token":"secret-in-json","ok":false}'));
    const out = text();
    for (const secret of ['1234567890-abcdefghij', 'abcdef123456', '9999999999-zz', 'secret-in-json']) expect(out).not.toContain(secret);
    const [first, second] = records();
    expect(first).toMatchObject({ attempt: 2, msg: 'posting failed with SLACK_BOT_TOKEN=[redacted]' });
    const err = first?.err as { type: string; message: string; stack: string };
    expect(err.type).toBe('Error');
    // pino adds the cause's message after the error's own.
    expect(err.message).toBe('Slack refused token xoxb-[redacted] (invalid_auth): upstream said: invalid_auth for Bearer [redacted]');
    expect(err.stack).toContain('Slack refused token xoxb-[redacted]');
    expect(second?.msg).toBe('call failed: {"token":"[redacted]","ok":false}');
  });

  it('masks the user, the password and secret query parameters of a MongoDB URI', () => {
    const withUser = 'mongodb+srv://gofast:hunter2@cluster0.example.net/gofast?retryWrites=true';
    const withQuery = 'mongodb://db.example:27017/gofast?authSource=admin&password=hunter3&authMechanismProperties=AWS_SESSION_TOKEN:tok4';
    expect(redactUri(withUser)).toBe('mongodb+srv://[redacted]@cluster0.example.net/gofast?retryWrites=true');
    expect(redactUri(withQuery)).toBe(
      'mongodb://db.example:27017/gofast?authSource=admin&password=[redacted]&authMechanismProperties=[redacted]',
    );
    // The start-up line's label.
    expect(redactMongoUri(withQuery)).toBe('mongodb://db.example:27017/gofast?authSource=admin&password=***&authMechanismProperties=***');

    const { log, text } = capture();
    log.info({ store: 'mongodb', uri: withQuery, config: { mongodbUri: withUser } }, `storage: MongoDB at ${withQuery}`);
    log.info('connecting to %s', withUser);
    for (const secret of ['hunter2', 'hunter3', 'tok4']) expect(text()).not.toContain(secret);
    expect(text()).toContain('db.example:27017/gofast?authSource=admin');
    expect(text()).toContain('cluster0.example.net');
  });

  it('leaves ordinary text alone', () => {
    for (const plain of [
      'Basic validation failed for week 3',
      'the task-runner took 12 ms',
      'https://slack.com/api/chat.postMessage?channel=C123',
      'promptTokens=120 completion=40',
      'retrying (attempt=2)',
    ]) {
      expect(redactText(plain)).toBe(plain);
    }
  });

  it('masks the same way in the human logger and in child bindings', () => {
    const lines: string[] = [];
    const human = createHumanLogger('info', (line) => lines.push(line));
    human.warn('cannot reach mongodb://admin:pw5@h:27017/ — retrying');
    human.child({ session: { secret: 'pw6' } }).warn('bound');
    expect(lines.join('')).toContain('mongodb://[redacted]@h:27017/');
    expect(lines.join('')).not.toMatch(/pw5|pw6/);
  });
});
