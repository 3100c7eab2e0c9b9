import type { Redis } from "@upstash/redis";
import type { Breaker } from "../resilience/mod.ts";

/** What the tiered cache tells its metrics about Redis. */
export interface RedisTierEvents {
  /** A call failed, timed out, or was skipped because the breaker is open. */
  onError(error: unknown): void;
}

/**
 * The shared tier: Redis through the Upstash REST client. Every call goes
 * through Redis's own breaker and the client's short timeout; a failure is
 * reported and answered as "nothing" (`undefined`), so a slow or dead Redis
 * costs a request at most one timeout and, once the breaker is open, nothing.
 */
export function createRedisTier(
  redis: Redis,
  options: { readonly breaker: Breaker; readonly events?: RedisTierEvents },
) {
  async function guarded<T>(call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await options.breaker.execute(call);
    } catch (error) {
      options.events?.onError(error);
      return undefined;
    }
  }

  return {
    /** The text at `key`: `null` when absent, `undefined` when Redis did not answer. */
    get: (key: string) => guarded(() => redis.get<string>(key)),
    /** Stores `value` for `ttlMs`; false when Redis did not take it. */
    async set(key: string, value: string, ttlMs: number): Promise<boolean> {
      return (await guarded(() => redis.set(key, value, { px: Math.max(1, ttlMs) }))) !== undefined;
    },
    /** The texts at `keys`, in order; `undefined` when Redis did not answer. */
    getMany(keys: readonly string[]): Promise<(string | null)[] | undefined> {
      if (keys.length === 0) return Promise.resolve([]);
      return guarded(() => redis.mget<(string | null)[]>(...keys));
    },
    /**
     * For each key: its value, or `candidate` stored when it had none
     * (`SET NX GET`, one pipeline); `undefined` when Redis did not answer.
     */
    getOrInit(
      keys: readonly string[],
      candidate: string,
      ttlMs: number,
    ): Promise<string[] | undefined> {
      if (keys.length === 0) return Promise.resolve([]);
      return guarded(async () => {
        const pipeline = redis.pipeline();
        for (const key of keys) {
          pipeline.set(key, candidate, { nx: true, get: true, px: ttlMs } as never);
        }
        const previous = await pipeline.exec<(string | null)[]>();
        return previous.map((value) => value ?? candidate);
      });
    },
    /** Sets every pair for `ttlMs` (one pipeline); false when Redis did not take them. */
    async setMany(pairs: readonly (readonly [string, string])[], ttlMs: number): Promise<boolean> {
      if (pairs.length === 0) return true;
      const done = await guarded(async () => {
        const pipeline = redis.pipeline();
        for (const [key, value] of pairs) pipeline.set(key, value, { px: ttlMs });
        return await pipeline.exec();
      });
      return done !== undefined;
    },
  };
}

export type RedisTier = ReturnType<typeof createRedisTier>;

/**
 * Deletes every key matching a Redis glob with `SCAN` (never `KEYS`, which
 * blocks the server) and `UNLINK` (freed in the background), batch by batch.
 * Uses the admin client (a longer timeout than cache reads); failures throw.
 */
export async function scanAndUnlink(
  redis: Redis,
  match: string,
  options: {
    /** Keys matching the pattern that are not to be deleted. */
    readonly keep?: (key: string) => boolean;
  } = {},
): Promise<number> {
  let cursor = "0";
  let deleted = 0;
  do {
    const [next, found] = await redis.scan(cursor, { match, count: 1_000 });
    cursor = String(next);
    const keys = options.keep ? found.filter((key) => !options.keep!(key)) : found;
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== "0");
  return deleted;
}
