/**
 * The only place that talks to mingo: query matching, projection, update operators and
 * aggregation pipelines. Library errors become BadValue replies, and options are fixed so that
 * stored documents are never mutated (they are shared with open cursors) and no script runs.
 */
import { Aggregator, ProcessingMode, Query, update as mingoUpdate } from 'mingo';
import type { Modifier } from 'mingo/updater';
import type { AnyObject, Options } from 'mingo/types';
import { badValue, withBadValue } from './errors.js';
import { isDocument } from './bson-values.js';
import type { Doc } from './bson-values.js';

type QueryOptions = Partial<Options>;

function baseOptions(extra: { variables?: Doc; collectionResolver?: (name: string) => Doc[] } = {}): QueryOptions {
  return {
    idKey: '_id',
    scriptEnabled: false,
    useStrictMode: true,
    processingMode: ProcessingMode.CLONE_OFF,
    ...(extra.variables === undefined ? {} : { variables: extra.variables }),
    ...(extra.collectionResolver === undefined ? {} : { collectionResolver: extra.collectionResolver }),
  };
}

export type Matcher = (doc: Doc) => boolean;

/** Compiles a filter once; the returned predicate is called per document. */
export function compileFilter(filter: unknown, variables?: Doc): Matcher {
  if (filter === undefined || filter === null) return () => true;
  if (!isDocument(filter)) throw badValue('filter must be an object');
  if (Object.keys(filter).length === 0) return () => true;
  const query = withBadValue(() => new Query(filter, baseOptions(variables === undefined ? {} : { variables })));
  return (doc) => withBadValue(() => query.test(doc));
}

/**
 * Applies a find projection. MongoDB keeps the document's field order (with `_id` first), which
 * mingo does not, so top-level fields are put back in source order afterwards.
 */
export function projectDocuments(docs: readonly Doc[], projection: unknown, filter: unknown): Doc[] {
  if (!isDocument(projection) || Object.keys(projection).length === 0) return [...docs];
  // mingo's find re-applies its condition; it is needed only for the positional `field.$` form.
  const positional = Object.keys(projection).some((key) => key.endsWith('.$'));
  const condition = positional && isDocument(filter) ? filter : {};
  const projected = withBadValue(() => new Query(condition, baseOptions()).find<AnyObject>([...docs], projection).all());
  return projected.map((out, i) => reorderLike(out, docs[i]));
}

function reorderLike(out: AnyObject, source: Doc | undefined): Doc {
  if (source === undefined) return out;
  const ordered: Doc = {};
  for (const key of Object.keys(source)) {
    if (key in out) ordered[key] = out[key];
  }
  for (const key of Object.keys(out)) {
    if (!(key in ordered)) ordered[key] = out[key];
  }
  return ordered;
}

/**
 * Applies update operators to `target` in place (the caller passes a private copy) and reports
 * whether anything changed. `condition` is the query the document matched, which mingo needs for
 * the positional `$` operator — and also re-checks, so pass {} for a document being upserted.
 */
export function applyUpdateOperators(target: Doc, modifier: Doc, arrayFilters: readonly Doc[] | undefined, condition: Doc): boolean {
  if (Object.keys(modifier).length === 0) return false;
  const changed = withBadValue(() =>
    mingoUpdate(target, modifier as Modifier<Doc>, arrayFilters ? [...arrayFilters] : undefined, condition, {
      cloneMode: 'copy',
      queryOptions: baseOptions(),
    }),
  );
  return changed.length > 0;
}

export type AggregateContext = {
  readonly variables?: Doc;
  /** Documents of another collection of the same database, for $lookup and friends. */
  readonly resolveCollection: (name: string) => Doc[];
};

/** Runs an aggregation pipeline. Inputs are cloned by mingo because stages like $set mutate. */
export function runPipeline(docs: readonly Doc[], pipeline: readonly Doc[], context: AggregateContext): Doc[] {
  const options: QueryOptions = {
    ...baseOptions({
      ...(context.variables === undefined ? {} : { variables: context.variables }),
      collectionResolver: context.resolveCollection,
    }),
    processingMode: ProcessingMode.CLONE_INPUT,
  };
  return withBadValue(() => new Aggregator([...pipeline], options).run<Doc>([...docs]));
}
