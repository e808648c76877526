/**
 * `decodeBson`, the one place the embedded server decodes BSON (wire and journal): whatever it
 * decodes encodes back to the same bytes, so every number keeps its BSON type — int32, int64 at
 * any value, double (1.0 included) — through the server and through a restart of the durable store.
 * A unit test of the server's own code: it does not depend on which server the suite targets.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Binary, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp, serialize } from 'bson';
import { decodeBson } from '../../src/embedded-mongo/bson-values.js';

const MIB = 1024 * 1024;

function roundTrips(doc: Record<string, unknown>): void {
  const bytes = serialize(doc);
  expect(Buffer.from(serialize(decodeBson(bytes))).equals(Buffer.from(bytes))).toBe(true);
}

const scalar = fc.oneof(
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  fc.double({ noNaN: true }),
  fc.integer({ min: -1000, max: 1000 }).map((n) => new Double(n)),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((n) => Long.fromBigInt(n)),
  fc.integer({ min: -1000, max: 1000 }).map((n) => new Int32(n)),
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.date({ noInvalidDate: true }),
);

const value = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.string({ minLength: 1 }).filter((key) => !key.startsWith('$') && !key.includes('.') && !key.includes('\u0000')),
      tie('value'),
      { maxKeys: 4 },
    ),
  ),
})).value;

describe('decodeBson', () => {
  it('gives back exactly the bytes it decoded, numbers of every type included', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), value), (doc) => roundTrips(doc)),
      { numRuns: 500 },
    );
  });

  it('keeps each numeric type, and the other BSON types, where they are', () => {
    roundTrips({
      int: 1,
      long: Long.fromNumber(1),
      bigLong: Long.fromString('9007199254740993'),
      double: new Double(1),
      negativeZero: -0,
      fraction: 0.5,
      decimal: Decimal128.fromString('1.10'),
      nested: { list: [new Double(2), Long.fromNumber(2), 2, [new Double(-7)]] },
      binary: new Binary(Buffer.from('bytes')),
      id: new ObjectId(),
      timestamp: new Timestamp({ t: 1, i: 2 }),
      regex: /a.b/i,
      min: new MinKey(),
      max: new MaxKey(),
    });
  });

  it('decodes a plain number as a JavaScript number, and Long and integral Double as boxes', () => {
    const doc = decodeBson(serialize({ int: 1, fraction: 1.5, long: Long.fromNumber(7), double: new Double(3), big: 2 ** 40 }));
    expect(doc.int).toBe(1);
    expect(doc.fraction).toBe(1.5);
    expect(doc.big).toBe(2 ** 40);
    expect(doc.long).toBeInstanceOf(Long);
    expect(doc.double).toBeInstanceOf(Double);
  });

  it('still rejects malformed BSON', () => {
    const bytes = Buffer.from(serialize({ a: 'text', b: Long.fromNumber(1) }));
    bytes.writeInt32LE(-5, 7); // the string's length, after the size, type and name 'a'
    expect(() => decodeBson(bytes)).toThrow();
    expect(() => decodeBson(Buffer.from([5, 0, 0]))).toThrow();
  });

  it('handles a large document without a typed number quickly', () => {
    const bytes = serialize({ blob: 'x'.repeat(MIB), list: Array.from({ length: 10_000 }, (_, i) => ({ i, miles: i + 0.5 })) });
    const doc = decodeBson(bytes);
    expect((doc.list as unknown[]).length).toBe(10_000);
  });
});
