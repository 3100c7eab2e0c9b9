/**
 * Builds the query cache from configuration (SPEC S10): the memory tier,
 * Redis when configured (with its own breaker and short timeout), tag
 * generations whose large invalidations the worker pool writes, and the
 * cache metrics.
 * @module
 */
import type { Redis } from "@upstash/redis";
import type { CacheTtls } from "../domain/cache/mod.ts";
import {
  createGenerations,
  createMemoryTier,
  createRedisTier,
  createTieredCache,
  type GenerationWriter,
  type TieredCache,
} from "../infra/cache/mod.ts";
import type { Config } from "../infra/config/mod.ts";
import type { Logger } from "../infra/logging/mod.ts";
import { type Metrics, registerCacheGauges } from "../infra/metrics/mod.ts";
import type { BreakerRegistry } from "../infra/resilience/mod.ts";
import type { WorkerPool } from "../workers/pool.ts";

/** The freshness settings of the configuration. */
export function cacheTtls(config: Config): CacheTtls {
  return {
    freshnessWindowMs: config.CACHE_FRESHNESS_SECONDS * 1000,
    freshMs: config.CACHE_FRESH_TTL_SECONDS * 1000,
    settledMs: config.CACHE_SETTLED_TTL_SECONDS * 1000,
    frequentMs: config.CACHE_FREQUENT_TTL_SECONDS * 1000,
  };
}

/** What the cache is built over. */
export interface CacheParts {
  readonly redis?: Redis;
  readonly redisAdmin?: Redis;
  readonly breakers: BreakerRegistry;
  readonly metrics: Metrics;
  readonly logger: Logger;
  /** Writes large invalidations off the request thread. */
  readonly pool?: Pick<WorkerPool, "run">;
}

/** The cache, or `undefined` when `CACHE_ENABLED=false`. */
export function buildCache(config: Config, parts: CacheParts): TieredCache | undefined {
  if (!config.CACHE_ENABLED) return undefined;
  const { metrics, logger } = parts;
  const memory = createMemoryTier({
    maxEntries: config.CACHE_MEMORY_MAX_ENTRIES,
    maxBytes: config.CACHE_MEMORY_MAX_BYTES,
  });
  registerCacheGauges(metrics.registry, () => memory.stats());
  let lastWarning = 0;
  const redis = parts.redis
    ? createRedisTier(parts.redis, {
      breaker: parts.breakers.create("redis", {
        failures: config.REDIS_BREAKER_FAILURES,
        halfOpenMs: config.REDIS_BREAKER_HALF_OPEN_MS,
        countsAsFailure: () => true,
      }),
      events: {
        onError(error) {
          metrics.cacheEvents.error("redis");
          // The cache goes on without Redis; say so at most once a minute.
          if (Date.now() - lastWarning < 60_000) return;
          lastWarning = Date.now();
          logger.warn("cache: Redis call failed or skipped; answering without it", { error });
        },
      },
    })
    : undefined;
  const ttls = cacheTtls(config);
  const staleIfErrorMs = config.CACHE_STALE_IF_ERROR_SECONDS * 1000;
  const generations = createGenerations({
    ...(redis ? { redis } : {}),
    prefix: config.CACHE_KEY_PREFIX,
    syncMs: config.CACHE_GENERATION_SYNC_MS,
    // Longer than any entry keyed by a token lives: an expired token only invalidates.
    keyTtlMs: 2 * (Math.max(ttls.settledMs, ttls.frequentMs) + staleIfErrorMs) + 3_600_000,
    ...(parts.pool && config.REDIS_REST_URL && config.REDIS_REST_TOKEN
      ? {
        offload: {
          threshold: config.CACHE_INVALIDATION_INLINE_MAX_TAGS,
          writer: poolWriter(parts.pool, {
            url: config.REDIS_REST_URL,
            token: config.REDIS_REST_TOKEN,
            timeoutMs: config.REDIS_ADMIN_TIMEOUT_MS,
          }),
        },
      }
      : {}),
  });
  return createTieredCache({
    prefix: config.CACHE_KEY_PREFIX,
    memory,
    ...(redis ? { redis } : {}),
    ...(parts.redisAdmin ? { redisAdmin: parts.redisAdmin } : {}),
    generations,
    staleIfErrorMs,
    maxEntryBytes: config.CACHE_MAX_ENTRY_BYTES,
    events: metrics.cacheEvents,
    onError: (message, error) => logger.warn(message, { error }),
  });
}

/** Generation writes in the worker pool (`write_cache_generations`). */
function poolWriter(
  pool: Pick<WorkerPool, "run">,
  redis: { url: string; token: string; timeoutMs: number },
): GenerationWriter {
  return {
    async write(pairs, ttlMs) {
      await pool.run({ kind: "write_cache_generations", input: { redis, pairs, ttlMs } });
      return true;
    },
  };
}
