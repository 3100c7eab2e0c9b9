/**
 * Reading an ECS field by its dotted path from a JSON object that may spell
 * it as a dotted key (`"log.level"`, as ECS loggers write), as nested objects
 * (as Beats ship), or any mix of the two. Shared by ingestion and by the
 * stores that read documents other tools wrote.
 */

/** A JSON object: not `null`, not an array. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The value at `path`: the dotted key itself first, then each split of the
 * path at a dot into a nested object, shortest head first.
 */
export function readFieldPath(source: Record<string, unknown>, path: string): unknown {
  if (path in source) return source[path];
  for (const [head, rest] of splitsOf(path)) {
    const child = source[head];
    if (isPlainObject(child)) {
      const found = readFieldPath(child, rest);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Every `[before, after]` split of a path at a dot, shortest head first; by path. */
const SPLITS = new Map<string, readonly (readonly [string, string])[]>();
/** The schema has a few dozen paths; anything beyond this is computed each time. */
const MAX_CACHED_PATHS = 1_024;

/**
 * The splits of `path`, computed once: the same twenty-odd field paths are
 * read from every event, and slicing their names anew each time cost more
 * than the rest of validating or reading an event.
 */
function splitsOf(path: string): readonly (readonly [string, string])[] {
  let splits = SPLITS.get(path);
  if (splits === undefined) {
    const found: (readonly [string, string])[] = [];
    for (let i = path.indexOf("."); i >= 0; i = path.indexOf(".", i + 1)) {
      found.push([path.slice(0, i), path.slice(i + 1)]);
    }
    splits = found;
    if (SPLITS.size < MAX_CACHED_PATHS) SPLITS.set(path, splits);
  }
  return splits;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** What {@linkcode readFlatFields} found: the known fields present, and every other member. */
export interface FlatFields {
  /** By dotted path; a path that is absent has no entry. */
  readonly known: ReadonlyMap<string, unknown>;
  /** Members outside `known` paths, by key. */
  readonly other: Record<string, unknown>;
}

/**
 * One pass over the keys of an event written with dotted keys only (as ECS
 * loggers write): each member is either one of the `known` paths or another
 * member. Returns `undefined` when some key is a proper prefix of a known
 * path and holds an object (a nested spelling): the caller then reads with
 * {@linkcode readFieldPath}, which gives the same values in both cases.
 * Probing every known path in every spelling costs several dictionary
 * lookups per path; most events carry a third of the schema.
 */
export function readFlatFields(
  source: Record<string, unknown>,
  known: ReadonlySet<string>,
  prefixes: ReadonlySet<string>,
): FlatFields | undefined {
  const found = new Map<string, unknown>();
  const other: Record<string, unknown> = {};
  // `for…in` over a parsed object reads each value through the key cache of its shape.
  for (const key in source) {
    if (!hasOwn.call(source, key)) continue;
    const value = source[key];
    if (known.has(key)) found.set(key, value);
    else if (prefixes.has(key) && isPlainObject(value)) return undefined;
    else other[key] = value;
  }
  return { known: found, other };
}
