/**
 * The tiered cache over its real tiers: lru-cache in memory and Redis through
 * the Upstash REST front the services script starts (each test under a key
 * prefix of its own). Single flight, stale-if-error, Redis filling memory,
 * invalidation across instances, pattern delete, and the memory bounds.
 */
import assert from "node:assert/strict";
import { AppError } from "../../domain/errors/mod.ts";
import {
  createGenerations,
  createMemoryTier,
  createRedis,
  createRedisTier,
  createTieredCache,
} from "../../infra/cache/mod.ts";
import { buildCache } from "../../composition/cache.ts";
import { parseConfig } from "../../infra/config/mod.ts";
import { createLogger } from "../../infra/logging/mod.ts";
import { createMetrics } from "../../infra/metrics/mod.ts";
import { createBreakerRegistry } from "../../infra/resilience/mod.ts";
import { createWorkerPool } from "../../workers/pool.ts";
import { redisRestToken, requireService } from "../support/services.ts";

const redisUrl = await requireService("redis_rest");

function instance(prefix: string, options: { redis?: boolean; syncMs?: number } = {}) {
  const memory = createMemoryTier({ maxEntries: 100, maxBytes: 1_000_000 });
  const errors: unknown[] = [];
  const redis = options.redis && redisUrl
    ? createRedisTier(createRedis({ url: redisUrl, token: redisRestToken(), timeoutMs: 500 }), {
      breaker: createBreakerRegistry().create("redis", {
        failures: 5,
        halfOpenMs: 1_000,
        countsAsFailure: () => true,
      }),
      events: { onError: (error) => void errors.push(error) },
    })
    : undefined;
  const generations = createGenerations({
    ...(redis ? { redis } : {}),
    prefix,
    syncMs: options.syncMs ?? 0,
    keyTtlMs: 60_000,
  });
  const cache = createTieredCache({
    prefix,
    memory,
    ...(redis ? { redis } : {}),
    ...(redisUrl && options.redis
      ? { redisAdmin: createRedis({ url: redisUrl, token: redisRestToken() }) }
      : {}),
    generations,
    staleIfErrorMs: 1_000,
    maxEntryBytes: 100_000,
  });
  return { cache, memory, errors };
}

const request = (ttlMs: number, tags = ["logs:app:checkout:20260101"]) => ({
  kind: "search",
  label: "checkout",
  material: { q: "timeout", scope: { roles: ["admin"] } },
  tags,
  ttlMs,
});
const prefix = () => `t${crypto.randomUUID().slice(0, 8)}:`;

Deno.test("single flight: 50 identical concurrent misses make one store call", async () => {
  const { cache } = instance(prefix());
  let calls = 0;
  const load = async () => {
    calls++;
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { items: [1, 2, 3] };
  };
  const answers = await Promise.all(
    Array.from({ length: 50 }, () => cache.read(request(10_000), load)),
  );
  assert.equal(calls, 1);
  assert.ok(answers.every((a) => a.value.items.length === 3 && a.outcome === "miss"));
  assert.equal((await cache.read(request(10_000), load)).outcome, "hit");
});

Deno.test("stale-if-error: an expired entry answers a 503 within the window, never a 400", async () => {
  const { cache } = instance(prefix());
  await cache.read(request(30), () => Promise.resolve({ n: 1 }));
  await new Promise((resolve) => setTimeout(resolve, 60));
  const down = () => Promise.reject(new AppError("SEARCH_UNAVAILABLE"));
  const stale = await cache.read(request(30), down);
  assert.equal(stale.outcome, "stale");
  assert.deepEqual(stale.value, { n: 1 });
  await assert.rejects(
    cache.read(request(30), () => Promise.reject(new AppError("LOG_QUERY_INVALID"))),
    (e) => e instanceof AppError && e.code === "LOG_QUERY_INVALID",
  );
  await new Promise((resolve) => setTimeout(resolve, 1_050));
  await assert.rejects(cache.read(request(30), down), (e) => e instanceof AppError);
});

Deno.test({
  name:
    "Redis: a hit fills memory; a bump on one instance reaches the other; pattern delete counts",
  ignore: !redisUrl,
  async fn() {
    const shared = prefix();
    const a = instance(shared, { redis: true });
    const b = instance(shared, { redis: true });
    let loads = 0;
    const load = () => Promise.resolve({ loaded: ++loads });
    assert.equal((await a.cache.read(request(10_000), load)).outcome, "miss");
    await a.cache.flush(); // the Redis write is off the request path
    const fromRedis = await b.cache.read(request(10_000), load);
    assert.deepEqual([fromRedis.outcome, fromRedis.tier, fromRedis.value], ["hit", "redis", {
      loaded: 1,
    }]);
    const fromMemory = await b.cache.read(request(10_000), load);
    assert.deepEqual([fromMemory.outcome, fromMemory.tier], ["hit", "memory"]);

    await a.cache.invalidate(["logs:app:checkout:20260101"]);
    const after = await b.cache.read(request(10_000), load);
    assert.deepEqual([after.outcome, after.value], ["miss", { loaded: 2 }]);
    const other = await b.cache.read(request(10_000, ["logs:app:payments:20260101"]), load);
    assert.equal(other.outcome, "miss");
    await b.cache.flush();

    const deleted = await a.cache.deleteMatching("search:checkout:*");
    // The entry from before the bump (unreachable, not yet expired) and the two after; the
    // generation keys are not entries and stay.
    assert.equal(deleted.redis, 3);
    assert.equal((await b.cache.read(request(10_000), load)).outcome, "miss", "flushed everywhere");
    assert.deepEqual(a.errors, []);
  },
});

Deno.test("memory tier: bounded by entries and by bytes", () => {
  const tier = createMemoryTier({ maxEntries: 3, maxBytes: 1_000 });
  const entry = (bytes: number) => ({
    value: null,
    storedAt: 0,
    freshUntil: Date.now() + 60_000,
    bytes,
    flushToken: "-",
  });
  for (let i = 0; i < 5; i++) tier.set(`k${i}`, entry(10), 60_000);
  assert.equal(tier.stats().entries, 3);
  tier.set("big", entry(900), 60_000);
  assert.ok(tier.stats().bytes <= 1_000);
  tier.set("too-big", entry(2_000), 60_000);
  assert.equal(tier.get("too-big"), undefined);
});

Deno.test({
  name: "a large invalidation is written to Redis by the worker pool, and reaches other instances",
  ignore: !redisUrl,
  async fn() {
    const config = parseConfig({
      REDIS_REST_URL: redisUrl!,
      REDIS_REST_TOKEN: redisRestToken(),
      REDIS_TIMEOUT_MS: "1000",
      CACHE_KEY_PREFIX: prefix(),
      CACHE_GENERATION_SYNC_MS: "0",
      CACHE_INVALIDATION_INLINE_MAX_TAGS: "3",
    });
    const pool = createWorkerPool({ size: 1, taskTimeoutMs: 10_000, maxQueue: 4 });
    const build = (withPool: boolean) =>
      buildCache(config, {
        redis: createRedis({ url: redisUrl!, token: redisRestToken(), timeoutMs: 1_000 }),
        breakers: createBreakerRegistry(),
        metrics: createMetrics({ collectDefault: false }),
        logger: createLogger({ level: "fatal", serviceName: "test" }),
        ...(withPool ? { pool } : {}),
      })!;
    try {
      const [a, b] = [build(true), build(false)];
      const tags = Array.from({ length: 20 }, (_, i) => `logs:app:s${i}:20260101`);
      const load = () => Promise.resolve({ at: Date.now() });
      assert.equal((await b.read(request(60_000, [tags[7]!]), load)).outcome, "miss");
      assert.equal((await b.read(request(60_000, [tags[7]!]), load)).outcome, "hit");
      await a.invalidate(tags);
      assert.equal(pool.stats().completed, 1, "written by a worker");
      assert.equal((await b.read(request(60_000, [tags[7]!]), load)).outcome, "miss");
      await a.invalidate(tags.slice(0, 2));
      assert.equal(pool.stats().completed, 1, "small ones are written inline");
    } finally {
      await pool.shutdown({ graceMs: 0 });
    }
  },
});
