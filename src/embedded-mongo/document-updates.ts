/**
 * Update documents (the `u` of an update, the `update` of findAndModify): parsing into operator,
 * replacement or pipeline form, MongoDB's validation that mingo does not do (conflicting paths,
 * the immutable `_id`, type checks), `$setOnInsert`, and building the document an upsert inserts.
 * Stored documents are never mutated: every function returns a new document.
 */
import { ObjectId } from 'bson';
import { CommandError, badValue, failedToParse, typeMismatch, withBadValue } from './errors.js';
import {
  canonicalKey,
  cloneDocument,
  formatDocument,
  formatValue,
  getPath,
  isDocument,
  isNumeric,
  isOperatorDocument,
  withIdFirst,
} from './bson-values.js';
import type { Doc } from './bson-values.js';
import { bsonTypeName } from './bson-type-names.js';
import { arithmetic, identicalNumbers, numericKind, zeroLike } from './bson-numbers.js';
import { applyUpdateOperators, compileFilter, runPipeline } from './query-engine.js';
import { compareBson } from './bson-order.js';

const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$rename',
  '$min',
  '$max',
  '$currentDate',
  '$addToSet',
  '$pop',
  '$pull',
  '$pullAll',
  '$push',
  '$bit',
  '$setOnInsert',
]);

const PIPELINE_UPDATE_STAGES = new Set(['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith']);

export type UpdateSpec =
  | { readonly kind: 'operators'; readonly modifier: Doc; readonly setOnInsert: Doc | undefined }
  | { readonly kind: 'replacement'; readonly replacement: Doc }
  | { readonly kind: 'pipeline'; readonly pipeline: readonly Doc[] };

export function parseUpdate(update: unknown): UpdateSpec {
  if (Array.isArray(update)) {
    const pipeline: Doc[] = [];
    for (const stage of update) {
      const name = isDocument(stage) ? Object.keys(stage)[0] : undefined;
      if (!isDocument(stage) || name === undefined || !PIPELINE_UPDATE_STAGES.has(name)) {
        throw new CommandError('InvalidOptions', `${String(name ?? 'stage')} is not allowed to be used within an update`);
      }
      pipeline.push(stage);
    }
    return { kind: 'pipeline', pipeline };
  }
  if (!isDocument(update)) throw failedToParse('Update argument must be either an object or an array');
  const keys = Object.keys(update);
  if (!keys.some((key) => key.startsWith('$'))) return { kind: 'replacement', replacement: update };

  const modifier: Doc = {};
  let setOnInsert: Doc | undefined;
  for (const key of keys) {
    if (!UPDATE_OPERATORS.has(key)) {
      throw failedToParse(`Unknown modifier: ${key}. Expected a valid update modifier or pipeline-style update specified as an array`);
    }
    const argument = update[key];
    if (!isDocument(argument)) {
      throw failedToParse(
        `Modifiers operate on fields but we found type ${bsonTypeName(argument)} instead. For example: {$mod: {<field>: ...}} not {${key}: ${formatValue(argument)}}`,
      );
    }
    if (key === '$setOnInsert') setOnInsert = argument;
    else modifier[key] = argument;
  }
  assertNoConflicts(update);
  return { kind: 'operators', modifier, setOnInsert };
}

/** MongoDB rejects one update touching a path and its parent (or the same path twice). */
function assertNoConflicts(update: Doc): void {
  const seen: string[] = [];
  for (const [operator, argument] of Object.entries(update)) {
    if (!isDocument(argument)) continue;
    for (const [path, value] of Object.entries(argument)) {
      const paths = operator === '$rename' && typeof value === 'string' ? [path, value] : [path];
      for (const candidate of paths) {
        const clash = seen.find((other) => other === candidate || other.startsWith(`${candidate}.`) || candidate.startsWith(`${other}.`));
        if (clash !== undefined) {
          throw new CommandError(
            'ConflictingUpdateOperators',
            `Updating the path '${candidate}' would create a conflict at '${clash.length < candidate.length ? clash : candidate}'`,
          );
        }
        seen.push(candidate);
      }
    }
  }
}

function immutableId(): CommandError {
  return new CommandError('ImmutableField', "Performing an update on the path '_id' would modify the immutable field '_id'");
}

/**
 * mingo refuses any operator on `_id`; MongoDB allows `$set` to the value it already has. Returns
 * the modifier without such no-op entries, or throws ImmutableField.
 */
function withoutSameIdSet(modifier: Doc, currentId: unknown): Doc {
  let out: Doc | undefined;
  for (const [operator, argument] of Object.entries(modifier)) {
    if (!isDocument(argument)) continue;
    for (const path of Object.keys(argument)) {
      if (path !== '_id' && !path.startsWith('_id.')) continue;
      const sameValue = operator === '$set' && path === '_id' && canonicalKey(argument._id) === canonicalKey(currentId);
      if (!sameValue) throw immutableId();
      out ??= { ...modifier };
      const rest = { ...argument };
      delete rest._id;
      out[operator] = rest;
    }
  }
  return out ?? modifier;
}

/** Type checks MongoDB makes before applying operators, on plain (non-positional) paths. */
function assertOperandTypes(doc: Doc, modifier: Doc): void {
  const idText = () => formatDocument({ _id: doc._id });
  for (const [operator, argument] of Object.entries(modifier)) {
    if (!isDocument(argument)) continue;
    for (const [path, operand] of Object.entries(argument)) {
      if (path.includes('$')) continue;
      assertPathViable(doc, path);
      const current = getPath(doc, path);
      if (operator === '$inc' || operator === '$mul') {
        if (!isNumeric(operand)) {
          throw typeMismatch(
            `Cannot ${operator === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${formatValue(operand)}}`,
          );
        }
        if (current !== undefined && !isNumeric(current)) {
          throw typeMismatch(
            `Cannot apply ${operator} to a value of non-numeric type. ${idText()} has the field '${path.split('.').pop() ?? path}' of non-numeric type ${bsonTypeName(current)}`,
          );
        }
      }
      if ((operator === '$push' || operator === '$addToSet') && current !== undefined && !Array.isArray(current)) {
        throw badValue(`The field '${path}' must be an array but is of type ${bsonTypeName(current)} in document ${idText()}`);
      }
      if ((operator === '$pull' || operator === '$pullAll' || operator === '$pop') && current !== undefined && !Array.isArray(current)) {
        throw badValue(`Cannot apply ${operator} to a non-array value`);
      }
    }
  }
}

/**
 * MongoDB refuses to create a field inside a scalar, or a named field inside an array
 * (`{ $set: { 'laps.pace': 1 } }` when laps is an array): PathNotViable.
 */
function assertPathViable(doc: Doc, path: string): void {
  const parts = path.split('.');
  let current: unknown = doc;
  for (let i = 0; i < parts.length - 1; i += 1) {
    const part = parts[i] as string;
    const next = parts[i + 1] as string;
    if (Array.isArray(current) && /^\d+$/.test(part)) current = current[Number(part)];
    else if (isDocument(current)) current = current[part];
    else return;
    if (current === undefined) return;
    const scalar = current === null || typeof current !== 'object';
    const namedFieldInArray = Array.isArray(current) && !/^\d+$/.test(next);
    if (scalar || namedFieldInArray) {
      throw new CommandError('PathNotViable', `Cannot create field '${next}' in element {${part}: ${formatValue(current)}}`);
    }
  }
}

/** Every path an update writes: the fields of each operator, and $rename's targets. */
function modifiedPaths(modifier: Doc): string[] {
  const paths: string[] = [];
  for (const [operator, argument] of Object.entries(modifier)) {
    if (!isDocument(argument)) continue;
    for (const [path, value] of Object.entries(argument)) {
      paths.push(path);
      if (operator === '$rename' && typeof value === 'string') paths.push(value);
    }
  }
  return paths;
}

/**
 * A version of `doc` that mingo may mutate along `paths` without touching `doc`: the containers
 * on each path are copied and everything else is shared. Stored documents are never mutated, so
 * sharing unchanged sub-documents between versions is safe, and an update of a large document
 * costs in proportion to what it changes. Below the first array on a path (where positional
 * operators and array traversal may touch any element) the whole array is copied deeply; an
 * array at the end of a path is copied shallowly ($push and friends only add or remove elements).
 */
function copyAlongPaths(doc: Doc, paths: readonly string[]): Doc {
  const root: Doc = { ...doc };
  const copies = new Set<unknown>([root]);
  for (const path of paths) {
    const parts = path.split('.');
    let parent: Doc = root;
    for (let i = 0; i < parts.length; i += 1) {
      const part = parts[i] as string;
      const current = parent[part];
      if (copies.has(current)) {
        if (!isDocument(current)) break;
        parent = current;
        continue;
      }
      const last = i === parts.length - 1;
      if (Array.isArray(current)) {
        const copy = last ? current.slice() : cloneDocument(current);
        parent[part] = copy;
        copies.add(copy);
        break;
      }
      if (!isDocument(current)) break;
      const copy = { ...current };
      parent[part] = copy;
      copies.add(copy);
      parent = copy;
    }
  }
  return root;
}

// ---- $inc, $mul, $min and $max ----

/**
 * The operators whose result depends on BSON numeric types. mingo computes with JavaScript
 * numbers only (it would skip a Long and turn 1.5 + 1.5 into an int), so they are applied here,
 * typed as mongod's SafeNum types them; mingo applies the rest of the update.
 */
const NUMERIC_OPERATORS = new Set(['$inc', '$mul', '$min', '$max']);

const SAFE_NUM_NAMES: Record<string, string> = { int: 'NumberInt', long: 'NumberLong', double: 'NumberDouble', decimal: 'NumberDecimal' };

function nextValue(operator: string, current: unknown, operand: unknown, doc: Doc, path: string): { value: unknown } | undefined {
  if (operator === '$min' || operator === '$max') {
    if (current === undefined) return { value: cloneDocument(operand) };
    const order = compareBson(operand, current);
    return (operator === '$min' ? order < 0 : order > 0) ? { value: cloneDocument(operand) } : undefined;
  }
  if (current === undefined) return { value: operator === '$inc' ? operand : zeroLike(operand) };
  const kind = numericKind(current);
  if (kind === undefined) {
    throw typeMismatch(
      `Cannot apply ${operator} to a value of non-numeric type. ${formatDocument({ _id: doc._id })} has the field '${path.split('.').pop() ?? path}' of non-numeric type ${bsonTypeName(current)}`,
    );
  }
  const value = arithmetic(operator === '$inc' ? 'add' : 'multiply', current, operand, 'fail');
  if (value === undefined) {
    throw badValue(
      `Failed to apply ${operator} operations to current value ((${SAFE_NUM_NAMES[kind] ?? kind})${formatValue(current)}) for document {_id: ${formatValue(doc._id)}}`,
    );
  }
  return identicalNumbers(value, current) ? undefined : { value };
}

/** Sets `value` at a concrete dotted path (array indexes as numbers), creating missing sub-documents. */
function setAtPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let current: unknown = doc;
  for (let i = 0; i < parts.length - 1; i += 1) {
    const part = parts[i] as string;
    const existing: unknown = Array.isArray(current) ? current[Number(part)] : (current as Doc)[part];
    if (existing === undefined || existing === null) {
      const created: Doc = {};
      if (Array.isArray(current)) current[Number(part)] = created;
      else (current as Doc)[part] = created;
      current = created;
    } else {
      current = existing;
    }
  }
  const last = parts[parts.length - 1] as string;
  if (Array.isArray(current)) {
    // Setting past the end pads with nulls, as MongoDB does.
    for (let i = current.length; i < Number(last); i += 1) current.push(null);
    current[Number(last)] = value;
  } else {
    (current as Doc)[last] = value;
  }
}

const ARRAY_FILTER_IDENTIFIER = /^\$\[([a-z]\w*)\]$/;

/** A document holding `element` as the only element of the array at `path` (for testing a condition). */
function probeAt(path: readonly string[], element: unknown): Doc {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), [element]) as Doc;
}

/**
 * The concrete paths a path with positional parts (`$`, `$[]`, `$[id]`) stands for in `doc`, as
 * MongoDB resolves them: `$` is the first element matching the query's condition on that array,
 * `$[]` every element, `$[id]` every element matching the array filter named id.
 */
function concretePaths(doc: Doc, path: string, condition: Doc, arrayFilters: readonly Doc[] | undefined): string[] {
  const parts = path.split('.');
  if (!parts.some((part) => part.startsWith('$'))) return [path];
  const out: string[] = [];
  const walk = (value: unknown, i: number, prefix: string[]): void => {
    if (i === parts.length) {
      out.push(prefix.join('.'));
      return;
    }
    const part = parts[i] as string;
    const identifier = ARRAY_FILTER_IDENTIFIER.exec(part)?.[1];
    if (part === '$' || part === '$[]' || identifier !== undefined) {
      if (!Array.isArray(value)) {
        if (part === '$') throw badValue('The positional operator did not find the match needed from the query.');
        if (value === undefined)
          throw badValue(`The path '${prefix.join('.')}' must exist in the document in order to apply array updates.`);
        throw badValue(`Cannot apply array updates to non-array element ${prefix[prefix.length - 1] ?? ''}: ${formatValue(value)}`);
      }
      let indexes = value.map((_, index) => index);
      if (part === '$') {
        const field = prefix.join('.');
        const clauses = Object.entries(condition).filter(([key]) => key === field || key.startsWith(`${field}.`));
        const matches = clauses.length === 0 ? undefined : compileFilter(Object.fromEntries(clauses));
        const first = matches === undefined ? -1 : value.findIndex((element) => matches(probeAt(prefix, element)));
        if (first < 0) throw badValue('The positional operator did not find the match needed from the query.');
        indexes = [first];
      } else if (identifier !== undefined) {
        const filters = (arrayFilters ?? []).filter((filter) => Object.keys(filter).some((key) => key.split('.')[0] === identifier));
        if (filters.length === 0) throw badValue(`No array filter found for identifier '${identifier}' in path '${path}'`);
        const matches = compileFilter({ $and: filters });
        indexes = indexes.filter((index) => matches({ [identifier]: value[index] }));
      }
      for (const index of indexes) walk(value[index], i + 1, [...prefix, String(index)]);
      return;
    }
    const next = Array.isArray(value) && /^\d+$/.test(part) ? value[Number(part)] : isDocument(value) ? value[part] : undefined;
    walk(next, i + 1, [...prefix, part]);
  };
  walk(doc, 0, []);
  return out;
}

/**
 * Applies the numeric operators of `modifier` to `target` in place and returns the rest of the
 * modifier, for mingo, and whether anything changed.
 */
function applyNumericOperators(
  target: Doc,
  modifier: Doc,
  arrayFilters: readonly Doc[] | undefined,
  condition: Doc,
): { rest: Doc; changed: boolean } {
  const rest: Doc = {};
  let changed = false;
  for (const [operator, argument] of Object.entries(modifier)) {
    if (!NUMERIC_OPERATORS.has(operator) || !isDocument(argument)) {
      rest[operator] = argument;
      continue;
    }
    for (const [path, operand] of Object.entries(argument)) {
      if ((operator === '$inc' || operator === '$mul') && numericKind(operand) === undefined) {
        throw typeMismatch(
          `Cannot ${operator === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${formatValue(operand)}}`,
        );
      }
      for (const concrete of concretePaths(target, path, condition, arrayFilters)) {
        assertPathViable(target, concrete);
        const next = nextValue(operator, getPath(target, concrete), operand, target, concrete);
        if (next === undefined) continue;
        setAtPath(target, concrete, next.value);
        changed = true;
      }
    }
  }
  return { rest, changed };
}

/**
 * `$addToSet` on plain paths, rewritten as a `$push` of the values not already present by
 * MongoDB's equality (1, 1.0 and Long(1) are one value). mingo's own `$addToSet` tells a Long from
 * a number, and also drops duplicates the array already held. Positional paths are left to mingo.
 */
function addToSetAsPush(target: Doc, modifier: Doc): Doc {
  const argument = modifier.$addToSet;
  if (!isDocument(argument)) return modifier;
  const kept: Doc = {};
  const push: Doc = isDocument(modifier.$push) ? { ...modifier.$push } : {};
  for (const [path, spec] of Object.entries(argument)) {
    const current = path.includes('$') ? null : getPath(target, path);
    const values = isDocument(spec) && '$each' in spec ? spec.$each : [spec];
    if ((current !== undefined && !Array.isArray(current)) || !Array.isArray(values)) {
      kept[path] = spec;
      continue;
    }
    const present: unknown[] = [...(current ?? [])];
    const fresh: unknown[] = [];
    for (const value of values) {
      if (present.some((existing) => compareBson(existing, value) === 0)) continue;
      present.push(value);
      fresh.push(value);
    }
    // A missing field becomes an array even when there is nothing to add, as in MongoDB.
    if (fresh.length > 0 || current === undefined) push[path] = { $each: fresh };
  }
  const { $addToSet: _replaced, ...rest } = modifier;
  return {
    ...rest,
    ...(Object.keys(kept).length > 0 ? { $addToSet: kept } : {}),
    ...(Object.keys(push).length > 0 ? { $push: push } : {}),
  };
}

/** Applies an operator update to `target` in place; `condition` is the query for the positional `$`. */
function applyOperators(target: Doc, modifier: Doc, arrayFilters: readonly Doc[] | undefined, condition: Doc): boolean {
  const { rest, changed } = applyNumericOperators(target, addToSetAsPush(target, modifier), arrayFilters, condition);
  // The condition only matters to the positional `$`; mingo would otherwise re-test it.
  const changedByMingo = applyUpdateOperators(target, rest, arrayFilters, usesPositional(rest) ? condition : {});
  return changed || changedByMingo;
}

function usesPositional(modifier: Doc): boolean {
  return Object.values(modifier).some(
    (argument) => isDocument(argument) && Object.keys(argument).some((path) => /(^|\.)\$(\.|$)/.test(path)),
  );
}

export type UpdateOutcome = { readonly doc: Doc; readonly changed: boolean };

/** Applies an update to an existing document, returning the new version. */
export function updateExisting(
  existing: Doc,
  spec: UpdateSpec,
  condition: Doc,
  arrayFilters: readonly Doc[] | undefined,
  variables?: Doc,
): UpdateOutcome {
  switch (spec.kind) {
    case 'replacement': {
      if ('_id' in spec.replacement && canonicalKey(spec.replacement._id) !== canonicalKey(existing._id)) {
        throw new CommandError(
          'ImmutableField',
          `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${formatValue(spec.replacement._id)}`,
        );
      }
      const doc = withIdFirst({ ...cloneDocument(spec.replacement), _id: existing._id }, () => existing._id);
      return { doc, changed: compareBson(doc, existing) !== 0 };
    }
    case 'operators': {
      const modifier = withoutSameIdSet(spec.modifier, existing._id);
      const target = copyAlongPaths(existing, modifiedPaths(modifier));
      assertOperandTypes(target, modifier);
      const changed = applyOperators(target, modifier, arrayFilters, condition);
      return { doc: changed ? target : existing, changed };
    }
    case 'pipeline': {
      const [result] = runPipeline([existing], spec.pipeline, {
        ...(variables === undefined ? {} : { variables }),
        resolveCollection: () => [],
      });
      if (result === undefined || canonicalKey(result._id) !== canonicalKey(existing._id)) throw immutableId();
      const doc = withIdFirst(result, () => existing._id);
      return { doc, changed: compareBson(doc, existing) !== 0 };
    }
  }
}

/** The fields an upsert copies from its filter: top-level (and `$and`) equality conditions. */
function equalityFields(filter: Doc, out: Doc): void {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const clause of value) if (isDocument(clause)) equalityFields(clause, out);
      continue;
    }
    if (key.startsWith('$')) continue;
    if (isOperatorDocument(value)) {
      if ('$eq' in value) setNewPath(out, key, cloneDocument(value.$eq));
      continue;
    }
    if (value instanceof RegExp) continue;
    setNewPath(out, key, cloneDocument(value));
  }
}

function setNewPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let current: Doc = doc;
  for (let i = 0; i < parts.length - 1; i += 1) {
    const part = parts[i] as string;
    const next = current[part];
    if (next === undefined) {
      const created: Doc = {};
      current[part] = created;
      current = created;
    } else if (isDocument(next)) {
      current = next;
    } else {
      return;
    }
  }
  const last = parts[parts.length - 1] as string;
  if (!(last in current)) current[last] = value;
}

/** The document an upsert inserts when nothing matched. */
export function buildUpsertDocument(filter: Doc, spec: UpdateSpec, variables?: Doc): Doc {
  const newId = () => new ObjectId();
  const seed: Doc = {};
  equalityFields(filter, seed);
  switch (spec.kind) {
    case 'replacement': {
      const doc = cloneDocument(spec.replacement);
      if (!('_id' in doc) && '_id' in seed) doc._id = seed._id;
      return withIdFirst(doc, newId);
    }
    case 'operators': {
      const explicitId = [spec.modifier.$set, spec.setOnInsert].find((arg) => isDocument(arg) && '_id' in arg);
      if (!('_id' in seed) && isDocument(explicitId)) seed._id = cloneDocument(explicitId._id);
      const target = withIdFirst(seed, newId);
      const modifier = withoutSameIdSet(spec.modifier, target._id);
      assertOperandTypes(target, modifier);
      applyOperators(target, modifier, undefined, {});
      if (spec.setOnInsert !== undefined) {
        const onInsert = withoutSameIdSet({ $set: spec.setOnInsert }, target._id);
        withBadValue(() => applyUpdateOperators(target, onInsert, undefined, {}));
      }
      return target;
    }
    case 'pipeline': {
      const base = withIdFirst(seed, newId);
      const [result] = runPipeline([base], spec.pipeline, {
        ...(variables === undefined ? {} : { variables }),
        resolveCollection: () => [],
      });
      return withIdFirst(result ?? base, () => base._id);
    }
  }
}
