/**
 * The query cache: memory → Redis → store behind the domain's `ResultCache`
 * port (SPEC S10). A memory miss asks Redis; a Redis hit fills memory;
 * identical concurrent misses share one store call (single flight); a store
 * failure is answered by an entry expired at most the stale-if-error window
 * ago (RFC 5861). Redis never costs a request more than its short timeout,
 * and nothing once its breaker is open.
 * @module
 */
import type { Redis } from "@upstash/redis";
import {
  CACHE_FORMAT_VERSION,
  type CacheAnswer,
  type CacheRequest,
  type CacheTier,
  type ResultCache,
  servesStaleOn,
} from "../../domain/cache/mod.ts";
import { cacheKey, patternMatcher } from "./cache_key.ts";
import { FLUSH_TAG, type Generations } from "./generations.ts";
import type { MemoryEntry, MemoryTier } from "./memory_tier.ts";
import { type RedisTier, scanAndUnlink } from "./redis_tier.ts";

/** Counters the cache reports (the `cache_*` metrics). */
export interface CacheEvents {
  hit(tier: CacheTier): void;
  miss(tier: CacheTier): void;
  staleServed(): void;
}

/** Options of {@linkcode createTieredCache}. */
export interface TieredCacheOptions {
  readonly prefix: string;
  readonly memory: MemoryTier;
  readonly redis?: RedisTier;
  /** The client of admin operations (pattern delete): a longer timeout. */
  readonly redisAdmin?: Redis;
  readonly generations: Generations;
  readonly staleIfErrorMs: number;
  /** Answers whose JSON is longer than this are not cached. */
  readonly maxEntryBytes: number;
  readonly events?: CacheEvents;
  /** Told about failures that do not fail a request (a delayed invalidation). */
  readonly onError?: (message: string, error: unknown) => void;
  readonly now?: () => number;
}

/** The envelope an answer is kept in, in Redis. */
interface Envelope {
  readonly v: number;
  /** Computed at (epoch ms). */
  readonly s: number;
  /** Fresh until (epoch ms). */
  readonly f: number;
  readonly d: unknown;
}

/** The cache, plus what shutdown needs. */
export interface TieredCache extends ResultCache {
  /** Runs the pending delayed invalidations now and waits for writes to Redis in flight. */
  flush(): Promise<void>;
}

/** Builds the cache over its tiers. */
export function createTieredCache(options: TieredCacheOptions): TieredCache {
  const { memory, redis, generations, events } = options;
  const now = options.now ?? Date.now;
  const inflight = new Map<string, Promise<CacheAnswer<unknown>>>();
  const writes = new Set<Promise<unknown>>();
  const delayed = new Set<string>();
  let delayTimer: ReturnType<typeof setTimeout> | undefined;
  let delayDue = 0;

  const age = (entry: { storedAt: number }) =>
    Math.max(0, Math.floor((now() - entry.storedAt) / 1000));
  const usable = (entry: { freshUntil: number }, at: number) =>
    at - entry.freshUntil <= options.staleIfErrorMs;

  function track(write: Promise<unknown>): void {
    writes.add(write);
    write.finally(() => writes.delete(write)).catch(() => {});
  }

  async function fromRedis(key: string, flush: string): Promise<MemoryEntry | undefined> {
    if (!redis) return undefined;
    const text = await redis.get(key);
    if (typeof text !== "string") return undefined;
    try {
      const envelope = JSON.parse(text) as Envelope;
      if (envelope.v !== CACHE_FORMAT_VERSION) return undefined;
      return {
        value: envelope.d,
        storedAt: envelope.s,
        freshUntil: envelope.f,
        bytes: text.length,
        flushToken: flush,
      };
    } catch {
      return undefined;
    }
  }

  async function loadAndKeep<T>(
    request: CacheRequest<T>,
    key: string,
    flush: string,
    load: () => Promise<T>,
    held: MemoryEntry | undefined,
  ): Promise<CacheAnswer<T>> {
    const shared = await fromRedis(key, flush);
    const at = now();
    if (shared && shared.freshUntil > at) {
      events?.hit("redis");
      memory.set(key, shared, shared.freshUntil - at + options.staleIfErrorMs);
      return { value: shared.value as T, outcome: "hit", tier: "redis", ageSeconds: age(shared) };
    }
    if (redis) events?.miss("redis");
    let value: T;
    try {
      value = await load();
    } catch (error) {
      if (!servesStaleOn(error)) throw error;
      const failedAt = now();
      const stale = [held, shared].find((entry) => entry && usable(entry, failedAt));
      if (!stale) throw error;
      events?.staleServed();
      return {
        value: stale.value as T,
        outcome: "stale",
        tier: stale === held ? "memory" : "redis",
        ageSeconds: age(stale),
      };
    }
    keep(request, key, flush, value);
    return { value, outcome: "miss", ageSeconds: 0 };
  }

  function keep<T>(request: CacheRequest<T>, key: string, flush: string, value: T): void {
    const ttlMs = typeof request.ttlMs === "function" ? request.ttlMs(value) : request.ttlMs;
    const storedAt = now();
    const envelope: Envelope = {
      v: CACHE_FORMAT_VERSION,
      s: storedAt,
      f: storedAt + ttlMs,
      d: value,
    };
    const text = JSON.stringify(envelope);
    if (text.length > options.maxEntryBytes) return;
    const keepMs = ttlMs + options.staleIfErrorMs;
    memory.set(key, {
      value,
      storedAt,
      freshUntil: envelope.f,
      bytes: text.length,
      flushToken: flush,
    }, keepMs);
    if (redis) track(redis.set(key, text, keepMs));
  }

  async function invalidateNow(tags: readonly string[]): Promise<void> {
    if (tags.length > 0) await generations.bump(tags);
  }

  function invalidateLater(tags: readonly string[], afterMs: number): void {
    for (const tag of tags) delayed.add(tag);
    const due = now() + afterMs;
    if (delayTimer !== undefined && delayDue >= due) return;
    clearTimeout(delayTimer);
    delayDue = due;
    delayTimer = setTimeout(runDelayed, afterMs);
    Deno.unrefTimer(delayTimer);
  }

  function runDelayed(): Promise<void> {
    clearTimeout(delayTimer);
    delayTimer = undefined;
    const tags = [...delayed];
    delayed.clear();
    const done = invalidateNow(tags).catch((error) =>
      options.onError?.("delayed cache invalidation failed", error)
    );
    track(done);
    return done;
  }

  return {
    async read<T>(request: CacheRequest<T>, load: () => Promise<T>): Promise<CacheAnswer<T>> {
      if (!request.tags) return { value: await load(), outcome: "miss", ageSeconds: 0 };
      const { tokens, flush } = await generations.tokens(request.tags);
      const key = cacheKey(options.prefix, request, tokens);
      const held = memory.get(key);
      const current = held?.flushToken === flush ? held : undefined;
      if (current && current.freshUntil > now()) {
        events?.hit("memory");
        return {
          value: current.value as T,
          outcome: "hit",
          tier: "memory",
          ageSeconds: age(current),
        };
      }
      events?.miss("memory");
      const running = inflight.get(key);
      if (running) return await (running as Promise<CacheAnswer<T>>);
      const flight = loadAndKeep(request, key, flush, load, current);
      inflight.set(key, flight);
      try {
        return await flight;
      } finally {
        inflight.delete(key);
      }
    },

    async invalidate(tags, invalidation = {}) {
      await invalidateNow(tags);
      if (invalidation.againAfterMs && invalidation.againAfterMs > 0) {
        invalidateLater(tags, invalidation.againAfterMs);
      }
    },

    async deleteMatching(pattern) {
      const matches = patternMatcher(pattern);
      const memoryDeleted = memory.deleteWhere((key) =>
        key.startsWith(options.prefix) && matches(key.slice(options.prefix.length))
      );
      // Other instances drop their memory entries (they refill from Redis).
      await generations.bump([FLUSH_TAG]);
      const admin = options.redisAdmin;
      const generationKeys = `${options.prefix}gen:`;
      const redisDeleted = admin
        ? await scanAndUnlink(admin, `${options.prefix}${pattern}`, {
          keep: (key) => key.startsWith(generationKeys),
        })
        : 0;
      return { memory: memoryDeleted, redis: redisDeleted };
    },

    async flush() {
      if (delayed.size > 0) await runDelayed();
      await Promise.allSettled([...writes]);
    },
  };
}
