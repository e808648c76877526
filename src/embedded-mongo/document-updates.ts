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
import { applyUpdateOperators, runPipeline } from './query-engine.js';
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
      // The condition only matters to the positional `$`; mingo would otherwise re-test it.
      const changed = applyUpdateOperators(target, modifier, arrayFilters, usesPositional(modifier) ? condition : {});
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
      applyUpdateOperators(target, modifier, undefined, {});
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
