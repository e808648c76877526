/**
 * The mingo operator set the server runs with: mingo's own operators, with replacements where
 * mingo's JavaScript-number semantics differ from MongoDB's for BSON numbers. mingo knows only
 * JavaScript numbers, so on its own it would never match Long(5) against 5, sort a Long among
 * numbers, or sum a Long. The replacements follow MongoDB: numbers compare by value across int,
 * long, double and decimal, `$type` names the BSON type a value is stored as, and sums keep or
 * widen the numeric type. Where no boxed number (Long, Double, Decimal128) is involved most
 * replacements defer to mingo's operator, so plain documents behave exactly as before.
 */
import { Context, evalExpr } from 'mingo/core';
import type { Iterator } from 'mingo/lazy';
import { Lazy } from 'mingo/lazy';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import type { AnyObject, Options, SortSpec } from 'mingo/types';
import { flatten, resolve } from 'mingo/util';
import { Double, Long } from 'bson';
import { badValue } from './errors.js';
import { arithmetic, doubleValue, isBoxedNumber, numericKind, numericToDouble } from './bson-numbers.js';
import type { ArithmeticOperation } from './bson-numbers.js';
import { isDocument } from './bson-values.js';
import type { Doc } from './bson-values.js';
import { compareBson, parseSort, sortDocuments, typeRank } from './bson-order.js';
import { bsonTypeName, hasTypeAlias, typeAlias } from './bson-type-names.js';

type QueryOperator = (selector: string, value: unknown, options: Options) => (doc: AnyObject) => boolean;
type ExpressionOperator = (obj: AnyObject, expr: unknown, options: Options) => unknown;
type AccumulatorOperator = (coll: AnyObject[], expr: unknown, options: Options) => unknown;

/** Whether a value is, or holds anywhere inside it, a number mingo cannot handle. */
function containsBoxedNumber(value: unknown): boolean {
  if (isBoxedNumber(value)) return true;
  if (Array.isArray(value)) return value.some(containsBoxedNumber);
  if (isDocument(value)) return Object.values(value).some(containsBoxedNumber);
  return false;
}

function bsonEquals(a: unknown, b: unknown): boolean {
  return compareBson(a, b) === 0;
}

// ---- query operators ----

/**
 * A query operator that evaluates `predicate` on the field's value(s) when a boxed number is on
 * either side, and mingo's `original` otherwise. The field is resolved as mingo resolves it:
 * through arrays of sub-documents, with the array itself as the value for an array field.
 */
function withBsonNumbers(original: QueryOperator, predicate: (lhs: unknown, rhs: unknown, depth: number) => boolean): QueryOperator {
  return (selector, value, options) => {
    const fallback = original(selector, value, options);
    const depth = selector.split('.').length - 1;
    const valueHasBoxed = containsBoxedNumber(value);
    return (doc) => {
      const lhs = resolve(doc, selector, { unwrapArray: true });
      if (!valueHasBoxed && !containsBoxedNumber(lhs)) return fallback(doc);
      return predicate(lhs, value, depth);
    };
  };
}

/** `$eq`: the value itself, or (for an array field) any of its elements, equals the operand. */
function equalsPredicate(lhs: unknown, rhs: unknown, depth: number): boolean {
  if (bsonEquals(lhs, rhs)) return true;
  if (!Array.isArray(lhs)) return false;
  return lhs.some((v) => bsonEquals(v, rhs)) || flatten(lhs, depth).some((v) => bsonEquals(v, rhs));
}

function inPredicate(lhs: unknown, rhs: unknown): boolean {
  if (!Array.isArray(rhs)) throw badValue('$in needs an array');
  const candidates = Array.isArray(lhs) ? [lhs, ...lhs] : [lhs];
  return rhs.some((operand) =>
    operand instanceof RegExp
      ? candidates.some((v) => typeof v === 'string' && operand.test(v))
      : candidates.some((v) => bsonEquals(v, operand)),
  );
}

/** `$gt` and friends compare only within one type bracket (numbers with numbers …), as MongoDB does. */
function ordering(test: (c: number) => boolean): (lhs: unknown, rhs: unknown) => boolean {
  return (lhs, rhs) => {
    const candidates = Array.isArray(lhs) ? lhs : [lhs];
    return candidates.some((v) => typeRank(v) === typeRank(rhs) && test(compareBson(v, rhs)));
  };
}

/** `$type`, by the BSON type a value is stored as; an array matches 'array' or by its elements. */
const $type: QueryOperator = (selector, value) => {
  const specs = Array.isArray(value) ? value : [value];
  const aliases = specs.map((spec) => {
    const resolved = typeAlias(spec, numericToDouble(spec));
    if ('error' in resolved) throw badValue(resolved.error);
    return resolved.alias;
  });
  const matches = (v: unknown) => aliases.some((alias) => hasTypeAlias(v, alias));
  return (doc) => {
    const lhs = resolve(doc, selector, { unwrapArray: true });
    if (lhs === undefined) return false;
    if (Array.isArray(lhs)) return aliases.includes('array') || lhs.some(matches);
    return matches(lhs);
  };
};

/** `$mod: [divisor, remainder]` on any numeric type, truncating toward zero as MongoDB does. */
const $mod: QueryOperator = (selector, value) => {
  if (!Array.isArray(value) || value.length < 2) throw badValue('malformed mod, not enough elements');
  if (value.length > 2) throw badValue('malformed mod, too many elements');
  const [divisorRaw, remainderRaw] = value.map(numericToDouble);
  if (divisorRaw === undefined) throw badValue('malformed mod, divisor not a number');
  if (remainderRaw === undefined) throw badValue('malformed mod, remainder not a number');
  if (!Number.isFinite(divisorRaw) || !Number.isFinite(remainderRaw)) throw badValue('malformed mod, divisor or remainder is not finite');
  const divisor = BigInt(Math.trunc(divisorRaw));
  const remainder = BigInt(Math.trunc(remainderRaw));
  if (divisor === 0n) throw badValue('divisor cannot be 0');
  const matches = (v: unknown): boolean => {
    if (numericKind(v) === undefined) return false;
    const exact = v instanceof Long ? v.toBigInt() : undefined;
    const n = numericToDouble(v) ?? Number.NaN;
    if (exact === undefined && !Number.isFinite(n)) return false;
    return (exact ?? BigInt(Math.trunc(n))) % divisor === remainder;
  };
  return (doc) => {
    const lhs = resolve(doc, selector, { unwrapArray: true });
    return Array.isArray(lhs) ? lhs.some(matches) : matches(lhs);
  };
};

const QUERY_OVERRIDES: Record<string, QueryOperator> = {
  $eq: withBsonNumbers(queryOperators.$eq, equalsPredicate),
  $ne: withBsonNumbers(queryOperators.$ne, (lhs, rhs, depth) => !equalsPredicate(lhs, rhs, depth)),
  $in: withBsonNumbers(queryOperators.$in, inPredicate),
  $nin: withBsonNumbers(queryOperators.$nin, (lhs, rhs) => !inPredicate(lhs, rhs)),
  $gt: withBsonNumbers(
    queryOperators.$gt,
    ordering((c) => c > 0),
  ),
  $gte: withBsonNumbers(
    queryOperators.$gte,
    ordering((c) => c >= 0),
  ),
  $lt: withBsonNumbers(
    queryOperators.$lt,
    ordering((c) => c < 0),
  ),
  $lte: withBsonNumbers(
    queryOperators.$lte,
    ordering((c) => c <= 0),
  ),
  $type,
  $mod,
};

// ---- expression operators ----

/** Aggregation compares across types in BSON order; a missing value is below everything, null included. */
function expressionCompare(a: unknown, b: unknown): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  return compareBson(a, b);
}

function comparison(original: ExpressionOperator, result: (c: number) => unknown): ExpressionOperator {
  return (obj, expr, options) => {
    const args = evalExpr(obj, expr, options);
    if (!Array.isArray(args) || args.length !== 2 || !args.some(containsBoxedNumber)) return original(obj, expr, options);
    return result(expressionCompare(args[0], args[1]));
  };
}

function isNil(value: unknown): boolean {
  return value === null || value === undefined;
}

/** `$add`/`$multiply` over numbers of any type (one date allowed in `$add`), typed as mongod types them. */
function numericFold(name: string, operation: ArithmeticOperation, original: ExpressionOperator): ExpressionOperator {
  return (obj, expr, options) => {
    const args = evalExpr(obj, expr, options);
    if (!Array.isArray(args) || !args.some(isBoxedNumber)) return original(obj, expr, options);
    if (args.some(isNil)) return null;
    let date: Date | undefined;
    let acc: unknown = operation === 'multiply' ? 1 : 0;
    for (const arg of args) {
      if (arg instanceof Date && operation === 'add' && date === undefined) {
        date = arg;
        continue;
      }
      if (numericKind(arg) === undefined) throw badValue(`${name} only supports numeric${operation === 'add' ? ' or date' : ''} types`);
      acc = arithmetic(operation, acc, arg, 'double');
    }
    return date === undefined ? acc : new Date(date.getTime() + Math.round(numericToDouble(acc) ?? 0));
  };
}

const $subtract: ExpressionOperator = (obj, expr, options) => {
  const args = evalExpr(obj, expr, options);
  if (!Array.isArray(args) || args.length !== 2 || !args.some(isBoxedNumber)) return expressionOperators.$subtract(obj, expr, options);
  const [a, b] = args as [unknown, unknown];
  if (isNil(a) || isNil(b)) return null;
  if (a instanceof Date && numericKind(b) !== undefined) return new Date(a.getTime() - Math.round(numericToDouble(b) ?? 0));
  if (numericKind(a) === undefined || numericKind(b) === undefined) throw badValue('$subtract only supports numeric or date types');
  return arithmetic('subtract', a, b, 'double');
};

/** `$divide` always answers a double (a decimal with a decimal operand), also for 6 / 3. */
const $divide: ExpressionOperator = (obj, expr, options) => {
  const args = evalExpr(obj, expr, options);
  if (!Array.isArray(args) || args.length !== 2 || !args.some(isBoxedNumber)) {
    const result = expressionOperators.$divide(obj, expr, options);
    return typeof result === 'number' ? doubleValue(result) : result;
  }
  const [a, b] = args as [unknown, unknown];
  if (isNil(a) || isNil(b)) return null;
  const dividend = numericToDouble(a);
  const divisor = numericToDouble(b);
  if (dividend === undefined || divisor === undefined) throw badValue('$divide only supports numeric types');
  if (divisor === 0) throw badValue("can't $divide by zero");
  return doubleValue(dividend / divisor);
};

/** `$type` names the BSON type a value is stored as ('long' for a Long, 'double' for 1.0 …). */
const $typeExpression: ExpressionOperator = (obj, expr, options) => {
  const argument = Array.isArray(expr) && expr.length === 1 ? expr[0] : expr;
  return bsonTypeName(evalExpr(obj, argument, options));
};

/** A JavaScript number for mingo where one holds the value exactly (or nearly, beyond 2^53). */
function unboxed(value: unknown): unknown {
  if (isBoxedNumber(value)) return numericToDouble(value);
  if (Array.isArray(value)) return value.map(unboxed);
  if (isDocument(value)) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, unboxed(inner)]));
  return value;
}

/** Operators whose result keeps the numeric type of their (widest) argument, as in MongoDB. */
const TYPE_KEEPING = new Set(['$abs', '$ceil', '$floor', '$round', '$trunc', '$mod']);

function retyped(name: string, result: unknown, args: unknown): unknown {
  if (typeof result !== 'number') return result;
  if (name === '$toLong') return Number.isFinite(result) ? Long.fromNumber(result) : result;
  if (name === '$toDouble') return doubleValue(result);
  if (!TYPE_KEEPING.has(name)) return result;
  const kinds = (Array.isArray(args) ? args : [args]).map(numericKind);
  if (kinds.includes('decimal') || kinds.includes('double')) return doubleValue(result);
  if (kinds.includes('long') && Number.isInteger(result)) return Long.fromNumber(result);
  // An int result that leaves the int32 range ({$abs: -2147483648}) widens to a long.
  return Number.isInteger(result) ? arithmetic('add', result, 0, 'double') : result;
}

/**
 * mingo's numeric operators and conversions accept JavaScript numbers only: boxed arguments are
 * handed over as numbers, and the result takes the type MongoDB gives it (`$abs` of a long is a
 * long, `$toLong` a long, `$toDouble` a double).
 */
function withUnboxedArguments(name: string, original: ExpressionOperator): ExpressionOperator {
  return (obj, expr, options) => {
    const args = evalExpr(obj, expr, options);
    if (name === '$toLong' && args instanceof Long) return args;
    if (!containsBoxedNumber(args)) return retyped(name, original(obj, expr, options), args);
    const literal =
      Array.isArray(expr) && Array.isArray(args) ? args.map((arg) => ({ $literal: unboxed(arg) })) : { $literal: unboxed(args) };
    return retyped(name, original(obj, literal, options), args);
  };
}

const UNBOXING_OPERATORS = [
  '$abs',
  '$ceil',
  '$floor',
  '$round',
  '$trunc',
  '$mod',
  '$pow',
  '$sqrt',
  '$exp',
  '$ln',
  '$log',
  '$log10',
  '$toBool',
  '$toDouble',
  '$toInt',
  '$toLong',
  '$toString',
] as const;

/**
 * The key `$group` groups by: numbers that are equal by value (1, 1.0, Long(1)) are one group in
 * MongoDB, while mingo's hash map tells a Long from a number, so boxed numbers are unboxed where a
 * JavaScript number holds them exactly.
 */
function groupKey(value: unknown): unknown {
  if (value instanceof Double) return value.value;
  if (value instanceof Long) {
    const n = value.toNumber();
    // Beyond 2^53 a number would merge distinct longs; such a Long stays its own key.
    return Number.isSafeInteger(n) ? n : value;
  }
  if (Array.isArray(value)) return value.map(groupKey);
  if (isDocument(value)) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, groupKey(inner)]));
  return value;
}

const GROUP_KEY_OPERATOR = '$_bsonGroupKey';

const EXPRESSION_OVERRIDES: Record<string, ExpressionOperator> = {
  ...Object.fromEntries(
    UNBOXING_OPERATORS.map((name) => [name, withUnboxedArguments(name, expressionOperators[name] as ExpressionOperator)]),
  ),
  [GROUP_KEY_OPERATOR]: (obj, expr, options) => groupKey(evalExpr(obj, expr, options)),
  $eq: comparison(expressionOperators.$eq, (c) => c === 0),
  $ne: comparison(expressionOperators.$ne, (c) => c !== 0),
  $gt: comparison(expressionOperators.$gt, (c) => c > 0),
  $gte: comparison(expressionOperators.$gte, (c) => c >= 0),
  $lt: comparison(expressionOperators.$lt, (c) => c < 0),
  $lte: comparison(expressionOperators.$lte, (c) => c <= 0),
  $cmp: comparison(expressionOperators.$cmp, (c) => c),
  $add: numericFold('$add', 'add', expressionOperators.$add),
  $multiply: numericFold('$multiply', 'multiply', expressionOperators.$multiply),
  $subtract,
  $divide,
  $type: $typeExpression,
  $isNumber: (obj, expr, options) =>
    numericKind(evalExpr(obj, Array.isArray(expr) && expr.length === 1 ? expr[0] : expr, options)) !== undefined,
};

// ---- accumulators ----

function accumulated(coll: AnyObject[], expr: unknown, options: Options): unknown[] {
  return accumulatorOperators.$push(coll, expr, options);
}

/** `$sum` keeps the widest numeric type it met: ints stay int (widening to long on overflow), longs long. */
const $sum: AccumulatorOperator = (coll, expr, options) => {
  let total: unknown = 0;
  for (const value of accumulated(coll, expr, options)) {
    if (numericKind(value) !== undefined) total = arithmetic('add', total, value, 'double');
  }
  return total;
};

/** `$avg` of numbers of any type, always a double. */
const $avg: AccumulatorOperator = (coll, expr, options) => {
  const values = accumulated(coll, expr, options).filter((value) => numericKind(value) !== undefined);
  if (values.length === 0) return null;
  const total = values.reduce<number>((sum, value) => sum + (numericToDouble(value) ?? 0), 0);
  return doubleValue(total / values.length);
};

function extreme(direction: 1 | -1): AccumulatorOperator {
  return (coll, expr, options) => {
    let best: unknown = null;
    for (const value of accumulated(coll, expr, options)) {
      if (isNil(value)) continue;
      if (best === null || compareBson(value, best) * direction > 0) best = value;
    }
    return best;
  };
}

const ACCUMULATOR_OVERRIDES: Record<string, AccumulatorOperator> = {
  $sum,
  $avg,
  $min: extreme(-1),
  $max: extreme(1),
};

// ---- pipeline stages ----

/** `$sort` in MongoDB's cross-type order (mingo orders mixed types and Longs differently). */
function $sort(coll: Iterator, sortKeys: SortSpec, options: Options): Iterator {
  const usesMeta = Object.values(sortKeys as Record<string, unknown>).some((direction) => isDocument(direction));
  if (options.collation?.locale !== undefined || usesMeta) return pipelineOperators.$sort(coll, sortKeys, options);
  const spec = parseSort(sortKeys);
  if (spec.length === 0) throw badValue('$sort stage must have at least one sort key');
  return coll.transform((docs: Doc[]) => Lazy(sortDocuments(docs, spec)));
}

type GroupSpec = Parameters<typeof pipelineOperators.$group>[1];

function $group(coll: Iterator, expr: GroupSpec, options: Options): Iterator {
  if (!isDocument(expr) || !('_id' in expr)) return pipelineOperators.$group(coll, expr, options);
  return pipelineOperators.$group(coll, { ...expr, _id: { [GROUP_KEY_OPERATOR]: expr._id } } as GroupSpec, options);
}

/** Every mingo operator, with the BSON-aware replacements above taking precedence. */
export const BSON_CONTEXT = Context.init({
  accumulator: { ...accumulatorOperators, ...ACCUMULATOR_OVERRIDES },
  expression: { ...expressionOperators, ...EXPRESSION_OVERRIDES },
  pipeline: { ...pipelineOperators, $group, $sort },
  projection: projectionOperators,
  query: { ...queryOperators, ...QUERY_OVERRIDES },
  window: windowOperators,
});
