/**
 * BSON's four numeric types as the server holds them, and MongoDB's rules for them: comparison
 * by numeric value across types (exact for 64-bit integers, which a JavaScript number cannot hold
 * beyond 2^53) and arithmetic that keeps or widens the type the way mongod's SafeNum does.
 *
 * How a value is held decides how it encodes back (see `decodeBson`):
 * - int32: a JavaScript number that is an integer within the int32 range (encodes as int32);
 * - double: any other JavaScript number (encodes as double), or a `Double` for the integral
 *   values that would otherwise encode as int32 (1.0 stays a double);
 * - int64: always a `Long`, whatever its value;
 * - decimal128: a `Decimal128` (compared and computed through a double, so approximately).
 */
import { Decimal128, Double, Int32, Long } from 'bson';

export type NumericKind = 'int' | 'long' | 'double' | 'decimal';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const KIND_RANK: Record<NumericKind, number> = { int: 0, long: 1, double: 2, decimal: 3 };

/** A JavaScript number that the `bson` serializer writes as an int32. */
export function encodesAsInt32(n: number): boolean {
  return Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX && !Object.is(n, -0);
}

export function numericKind(value: unknown): NumericKind | undefined {
  if (typeof value === 'number') return encodesAsInt32(value) ? 'int' : 'double';
  if (value instanceof Long || typeof value === 'bigint') return 'long';
  if (value instanceof Double) return 'double';
  if (value instanceof Int32) return 'int';
  if (value instanceof Decimal128) return 'decimal';
  return undefined;
}

/** True for the numeric values that are objects rather than JavaScript numbers (Long, Double …). */
export function isBoxedNumber(value: unknown): boolean {
  return typeof value === 'object' && value !== null && numericKind(value) !== undefined;
}

/** The value as a JavaScript double (rounded for longs beyond 2^53 and for decimals). */
export function numericToDouble(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Long) return value.toNumber();
  if (value instanceof Double || value instanceof Int32) return value.value;
  if (value instanceof Decimal128) return Number.parseFloat(value.toString());
  return undefined;
}

/** The exact value of an int, a long or an integral finite double; undefined otherwise. */
export function exactInteger(value: unknown): bigint | undefined {
  if (value instanceof Long) return value.toBigInt();
  if (typeof value === 'bigint') return value;
  if (value instanceof Decimal128) return undefined;
  const n = numericToDouble(value);
  return n !== undefined && Number.isInteger(n) ? BigInt(n) : undefined;
}

/** A double result, held so that it encodes as a BSON double even when it is integral. */
export function doubleValue(n: number): number | Double {
  return encodesAsInt32(n) ? new Double(n) : n;
}

/** An integer result of int32 arithmetic: int32 when it fits, else widened to int64 as mongod does. */
function intValue(n: bigint): number | Long {
  return n >= BigInt(INT32_MIN) && n <= BigInt(INT32_MAX) ? Number(n) : Long.fromBigInt(n);
}

function decimalValue(n: number): Decimal128 {
  const text = Number.isFinite(n) ? n.toString() : Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
  return Decimal128.fromString(text.replace('e+', 'E+').replace('e-', 'E-'));
}

function compareIntegerWithDouble(i: bigint, d: number): number {
  if (d === Number.POSITIVE_INFINITY) return -1;
  if (d === Number.NEGATIVE_INFINITY) return 1;
  const floor = Math.floor(d);
  const floorBig = BigInt(floor);
  if (i < floorBig) return -1;
  if (i > floorBig) return 1;
  return d > floor ? -1 : 0;
}

/**
 * MongoDB's order of two numeric values of any types: by value, exactly (Long(2^53 + 1) is above
 * 2^53), with NaN equal to NaN and below every other number.
 */
export function compareNumbers(a: unknown, b: unknown): number {
  const ai = exactInteger(a);
  const bi = exactInteger(b);
  if (ai !== undefined && bi !== undefined) return ai < bi ? -1 : ai > bi ? 1 : 0;
  const ad = numericToDouble(a) ?? Number.NaN;
  const bd = numericToDouble(b) ?? Number.NaN;
  if (Number.isNaN(ad) || Number.isNaN(bd)) return Number.isNaN(ad) ? (Number.isNaN(bd) ? 0 : -1) : 1;
  if (ai !== undefined) return compareIntegerWithDouble(ai, bd);
  if (bi !== undefined) return -compareIntegerWithDouble(bi, ad);
  return ad < bd ? -1 : ad > bd ? 1 : 0;
}

/** Same type and same value: what mongod calls identical, so applying the change is a no-op. */
export function identicalNumbers(a: unknown, b: unknown): boolean {
  return numericKind(a) === numericKind(b) && compareNumbers(a, b) === 0;
}

function widerKind(a: NumericKind, b: NumericKind): NumericKind {
  return KIND_RANK[a] >= KIND_RANK[b] ? a : b;
}

export type ArithmeticOperation = 'add' | 'subtract' | 'multiply';

const BIGINT_OPERATIONS: Record<ArithmeticOperation, (x: bigint, y: bigint) => bigint> = {
  add: (x, y) => x + y,
  subtract: (x, y) => x - y,
  multiply: (x, y) => x * y,
};

const DOUBLE_OPERATIONS: Record<ArithmeticOperation, (x: number, y: number) => number> = {
  add: (x, y) => x + y,
  subtract: (x, y) => x - y,
  multiply: (x, y) => x * y,
};

/**
 * `a op b` typed as mongod types it: the wider of the two types (int < long < double < decimal),
 * an int32 result that overflows widens to int64, and an int64 result that overflows either fails
 * (undefined: update operators answer BadValue) or becomes a double (aggregation expressions).
 */
export function arithmetic(operation: ArithmeticOperation, a: unknown, b: unknown, onLongOverflow: 'fail' | 'double'): unknown | undefined {
  const ka = numericKind(a);
  const kb = numericKind(b);
  if (ka === undefined || kb === undefined) return undefined;
  const kind = widerKind(ka, kb);
  const asDouble = () => DOUBLE_OPERATIONS[operation](numericToDouble(a) ?? Number.NaN, numericToDouble(b) ?? Number.NaN);
  switch (kind) {
    case 'int':
    case 'long': {
      const result = BIGINT_OPERATIONS[operation](exactInteger(a) ?? 0n, exactInteger(b) ?? 0n);
      if (kind === 'int') return intValue(result);
      if (result >= INT64_MIN && result <= INT64_MAX) return Long.fromBigInt(result);
      return onLongOverflow === 'fail' ? undefined : doubleValue(asDouble());
    }
    case 'double':
      return doubleValue(asDouble());
    case 'decimal':
      return decimalValue(asDouble());
  }
}

/** Zero of the given value's numeric type (what `$mul` stores in a missing field). */
export function zeroLike(value: unknown): unknown {
  switch (numericKind(value)) {
    case 'long':
      return Long.ZERO;
    case 'double':
      return new Double(0);
    case 'decimal':
      return Decimal128.fromString('0');
    default:
      return 0;
  }
}

/** Bytes each fixed-size BSON element type takes after its name (see bsonspec.org). */
const FIXED_SIZES: Readonly<Record<number, number>> = {
  0x06: 0, // undefined
  0x07: 12, // ObjectId
  0x08: 1, // boolean
  0x09: 8, // UTC datetime
  0x0a: 0, // null
  0x10: 4, // int32
  0x11: 8, // timestamp
  0x13: 16, // decimal128
  0x7f: 0, // max key
  0xff: 0, // min key
};

function int32At(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16) | ((bytes[at + 3] ?? 0) << 24);
}

/**
 * Whether a BSON document holds a number a plain decode would not give back as it came: an int64
 * (which `deserialize` turns into a JavaScript number within 2^53) or an integral double in the
 * int32 range (which would encode back as an int32). Most documents hold neither, and decode
 * faster without boxing every number; anything this scan does not understand answers true, so
 * the careful decode (which also validates) runs.
 */
export function holdsTypedNumbers(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = Math.min(bytes.length, int32At(bytes, 0));
  // Embedded documents and arrays are scanned in place: their length prefix is skipped and their
  // closing zero byte reads as a type-0 marker, so one linear pass covers every level.
  let at = 4;
  while (at < end) {
    const type = bytes[at] ?? 0;
    at += 1;
    if (type === 0) continue;
    const nameEnd = bytes.indexOf(0, at);
    if (nameEnd < 0 || nameEnd >= end) return true;
    at = nameEnd + 1;
    let skip: number;
    switch (type) {
      case 0x01:
        if (at + 8 > end || encodesAsInt32(view.getFloat64(at, true))) return true;
        skip = 8;
        break;
      case 0x12:
        return true;
      case 0x02: // string
      case 0x0d: // JavaScript code
      case 0x0e: // symbol
        skip = 4 + int32At(bytes, at);
        break;
      case 0x03: // document
      case 0x04: // array
        skip = 4;
        break;
      case 0x05: // binary: length, subtype, bytes
        skip = 5 + int32At(bytes, at);
        break;
      case 0x0b: {
        // regex: pattern and options, two C strings
        const patternEnd = bytes.indexOf(0, at);
        const optionsEnd = patternEnd < 0 ? -1 : bytes.indexOf(0, patternEnd + 1);
        if (optionsEnd < 0) return true;
        skip = optionsEnd + 1 - at;
        break;
      }
      case 0x0c: // DBPointer: string, then ObjectId
        skip = 4 + int32At(bytes, at) + 12;
        break;
      case 0x0f: // code with scope: its total length covers it all
        skip = int32At(bytes, at);
        break;
      default:
        skip = FIXED_SIZES[type] ?? -1;
    }
    // A negative length is malformed (and would walk backwards): let the full decode judge it.
    if (skip < 0) return true;
    at += skip;
  }
  return false;
}
