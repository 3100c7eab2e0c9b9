import { LRUCache } from "lru-cache";
import type { RedisTier } from "./redis_tier.ts";

/** The tag whose token every memory entry carries: bumped by a pattern delete. */
export const FLUSH_TAG = "_flush";

/** Writes many generation tokens at once somewhere else (the worker pool). */
export interface GenerationWriter {
  /** Pairs of (generation key, token) to store for `ttlMs`; false when not stored. */
  write(pairs: readonly (readonly [string, string])[], ttlMs: number): Promise<boolean>;
}

/** Options of {@linkcode createGenerations}. */
export interface GenerationsOptions {
  readonly redis?: RedisTier;
  /** Prefix of the generation keys in Redis (`<prefix>gen:<tag>`). */
  readonly prefix: string;
  /**
   * How long a token read from Redis is trusted before it is read again in
   * the background; 0 reads it on every lookup, before answering.
   */
  readonly syncMs: number;
  /** How long a generation key lives in Redis: longer than any entry keyed by it. */
  readonly keyTtlMs: number;
  /** Bumps of more tags than `threshold` are written by `writer`. */
  readonly offload?: { readonly threshold: number; readonly writer: GenerationWriter };
  readonly maxTags?: number;
  readonly now?: () => number;
}

interface Known {
  readonly token: string;
  readonly syncedAt: number;
  /** Bumped here but not yet in Redis: pushed at the next sync. */
  readonly pending: boolean;
}

/**
 * Tag generations: each tag has a random token that is part of every cache
 * key computed from it; invalidating a tag gives it a new token, so entries
 * made before are never reached again (they expire on their own). Tokens
 * are random rather than counters, so a Redis restart (keys gone) can never
 * bring an old key back. This instance's own bumps apply at once; other
 * instances' bumps arrive through Redis within `syncMs`.
 */
export function createGenerations(options: GenerationsOptions) {
  const now = options.now ?? Date.now;
  const known = new LRUCache<string, Known>({ max: options.maxTags ?? 100_000 });
  const keyOf = (tag: string) => `${options.prefix}gen:${tag}`;
  const newToken = () => crypto.randomUUID().slice(0, 18);

  function due(tag: string, at: number): boolean {
    const entry = known.get(tag);
    if (!entry) return true;
    if (!options.redis) return false;
    return entry.pending || at - entry.syncedAt >= options.syncMs;
  }

  async function sync(tags: readonly string[], at: number): Promise<void> {
    const redis = options.redis;
    if (!redis) {
      for (const tag of tags) known.set(tag, { token: newToken(), syncedAt: at, pending: false });
      return;
    }
    const pending = tags.filter((tag) => known.get(tag)?.pending);
    const reading = tags.filter((tag) => !known.get(tag)?.pending);
    if (pending.length > 0) await push(pending.map((tag) => [tag, known.get(tag)!.token]));
    if (reading.length === 0) return;
    let values: (string | null)[] | undefined = await redis.getMany(reading.map(keyOf));
    const missing = values?.flatMap((value, i) => value === null ? [i] : []) ?? [];
    if (values && missing.length > 0) {
      const created = await redis.getOrInit(
        missing.map((i) => keyOf(reading[i]!)),
        newToken(),
        options.keyTtlMs,
      );
      if (created) missing.forEach((i, j) => (values![i] = created[j]!));
      else values = undefined;
    }
    reading.forEach((tag, i) => {
      const value = values?.[i];
      const previous = known.get(tag);
      // Redis did not answer: keep what is known (or start locally), retry after `syncMs`.
      const token = value ?? previous?.token ?? newToken();
      known.set(tag, { token, syncedAt: at, pending: false });
    });
  }

  /** Stores this instance's tokens of `pairs` (tag, token) in Redis. */
  async function push(pairs: readonly (readonly [string, string])[]): Promise<void> {
    const redis = options.redis;
    if (!redis || pairs.length === 0) return;
    const keyed = pairs.map(([tag, token]) => [keyOf(tag), token] as const);
    const offload = options.offload;
    const stored = offload && pairs.length > offload.threshold
      ? await offload.writer.write(keyed, options.keyTtlMs).catch(() => false)
      : await redis.setMany(keyed, options.keyTtlMs);
    if (!stored) return;
    const at = now();
    for (const [tag, token] of pairs) {
      if (known.get(tag)?.token === token) known.set(tag, { token, syncedAt: at, pending: false });
    }
  }

  /** Tags being re-read in the background, so a burst of requests starts one read. */
  const refreshing = new Set<string>();

  /** Re-reads tokens known here but older than `syncMs`, off the request path. */
  function refresh(tags: readonly string[], at: number): void {
    const fresh = tags.filter((tag) => !refreshing.has(tag));
    if (fresh.length === 0) return;
    for (const tag of fresh) refreshing.add(tag);
    sync(fresh, at).catch(() => {}).finally(() => {
      for (const tag of fresh) refreshing.delete(tag);
    });
  }

  return {
    /**
     * The current token of each tag, in order, and the flush token. A tag
     * seen for the first time waits for Redis (so instances share keys); one
     * known here but due for a re-read is answered with what is known while
     * the re-read runs, so a hit never waits for Redis: another instance's
     * invalidation shows here within `syncMs` plus one Redis round trip.
     */
    async tokens(tags: readonly string[]): Promise<{ tokens: string[]; flush: string }> {
      const at = now();
      const all = [...new Set([...tags, FLUSH_TAG])];
      const unknown = all.filter((tag) => !known.has(tag));
      const stale = all.filter((tag) => known.has(tag) && due(tag, at));
      // `syncMs` 0 asks for Redis's word on every read: then nothing is answered ahead of it.
      if (options.syncMs === 0) {
        if (unknown.length + stale.length > 0) await sync([...unknown, ...stale], at);
      } else {
        if (stale.length > 0) refresh(stale, at);
        if (unknown.length > 0) await sync(unknown, at);
      }
      const tokenOf = (tag: string) => known.get(tag)?.token ?? "-";
      return { tokens: tags.map(tokenOf), flush: tokenOf(FLUSH_TAG) };
    },
    /** Gives every tag a new token, here at once and in Redis before resolving. */
    async bump(tags: readonly string[]): Promise<void> {
      const at = now();
      const token = newToken();
      const unique = [...new Set(tags)];
      for (const tag of unique) known.set(tag, { token, syncedAt: at, pending: !!options.redis });
      await push(unique.map((tag) => [tag, token]));
    },
  };
}

export type Generations = ReturnType<typeof createGenerations>;
