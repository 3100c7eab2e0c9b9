/**
 * The query cache as the use cases see it: one port over the tiers (memory,
 * Redis) and the store behind them (SPEC S10). The use cases decide what an
 * answer depends on (key material, tags, freshness); the adapter decides
 * where it is kept and how keys are hashed.
 * @module
 */

/** Where a cached answer was found. */
export type CacheTier = "memory" | "redis";

/** How an answer was served: from the cache, from the store, or stale while the store fails. */
export type CacheOutcome = "hit" | "miss" | "stale";

/** One cacheable read of a `T`. */
export interface CacheRequest<T = unknown> {
  /** What kind of answer (`search`, `recent`, `errors`, `security`, `frequent`): the key's start. */
  readonly kind: string;
  /** A readable key segment (the services, or `all`), so a pattern can target entries. */
  readonly label: string;
  /**
   * Everything that decides the answer, the caller's access scope included.
   * Hashed into the key: callers whose material differs never share an entry.
   */
  readonly material: unknown;
  /**
   * What the answer was computed from (see `cache_tags.ts`). Invalidating any
   * of them makes the entry unreachable. `undefined` means "too many to
   * track": the answer is not cached.
   */
  readonly tags: readonly string[] | undefined;
  /** How long the answer stays fresh, in milliseconds (decided once the answer is known). */
  readonly ttlMs: number | ((value: T) => number);
}

/** An answer and how it was served. */
export interface CacheAnswer<T> {
  readonly value: T;
  readonly outcome: CacheOutcome;
  /** The tier a hit or a stale answer came from. */
  readonly tier?: CacheTier;
  /** Whole seconds since the answer was computed (0 when just loaded). */
  readonly ageSeconds: number;
}

/** How many entries a pattern delete removed, per tier. */
export interface CacheDeletion {
  readonly memory: number;
  readonly redis: number;
}

/**
 * Memory → Redis → store. `read` answers from a fresh entry or calls `load`
 * once however many identical reads wait for it (single flight), keeping its
 * answer. When `load` fails with an error `servesStaleOn` accepts, an entry
 * that expired at most the configured stale-if-error time ago answers
 * instead (`stale`). `load`'s value must survive a JSON round trip.
 */
export interface ResultCache {
  read<T>(request: CacheRequest<T>, load: () => Promise<T>): Promise<CacheAnswer<T>>;
  /**
   * Makes every entry carrying one of `tags` unreachable, at once and again
   * after `againAfterMs` (what was read before new data became visible in the
   * store is dropped too).
   */
  invalidate(tags: readonly string[], options?: { readonly againAfterMs?: number }): Promise<void>;
  /** Removes the entries whose key (without the deployment prefix) matches `pattern`. */
  deleteMatching(pattern: string): Promise<CacheDeletion>;
}
