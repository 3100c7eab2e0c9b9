/**
 * The query cache, all figures in one run, on the services of
 * `deno task services` (targets not running are skipped):
 *
 *   deno run -A bench/cache_bench.ts                       CI size
 *   deno run -A bench/cache_bench.ts --events 20000 --iterations 2000   the README's figures
 *
 * 1. The same search (free text over 24 hours, first page of 50, admin) through
 *    the search use case, answered from the memory tier, from the Redis tier
 *    (memory tier off) and from the store with no cache — OpenSearch and
 *    Postgres — interleaved, p50/p99. Targets: a memory hit ≥ 20× and a Redis
 *    hit ≥ 3× faster than the uncached engine search (p50).
 * 2. Single flight: 50 concurrent identical misses → store calls (target: 1).
 * 3. Cached searches with Redis blackholed (fault proxy) against no Redis
 *    configured, interleaved, from the very first request (the breaker's
 *    opening included): p99 ratio (target ≤ 2×).
 */
import { parseArgs } from "node:util";
import { createPrincipal } from "../domain/access/mod.ts";
import type { ResultCache } from "../domain/cache/mod.ts";
import {
  DEFAULT_SEARCH_LIMITS,
  type LogEvent,
  type LogStore,
  searchLogs,
  type SearchLogsDeps,
} from "../domain/logs/mod.ts";
import { buildCache } from "../composition/cache.ts";
import { createRedis } from "../infra/cache/mod.ts";
import { parseConfig } from "../infra/config/mod.ts";
import { createHmacCursorCodec } from "../infra/cursor/mod.ts";
import { createLogger } from "../infra/logging/mod.ts";
import { createMetrics } from "../infra/metrics/mod.ts";
import { createBreakerRegistry } from "../infra/resilience/mod.ts";
import { demoLogEvents } from "../tasks/demo_log_events.ts";
import { startFaultProxy } from "../tests/support/fault_proxy.ts";
import { redisRestToken, serviceUrl } from "../tests/support/services.ts";
import { parseEvents, timeMs } from "./_log_bench_ingest.ts";
import { percentile } from "./_stats.ts";
import { type BenchTarget, engineTarget, postgresTarget } from "./log_bench_targets.ts";

const { values: flags } = parseArgs({
  args: Deno.args,
  options: {
    events: { type: "string", default: "5000" },
    iterations: { type: "string", default: "300" },
    concurrent: { type: "string", default: "50" },
  },
});
const EVENTS = Number(flags.events);
const ITERATIONS = Number(flags.iterations);
const CONCURRENT = Number(flags.concurrent);
const say = (line: string) => console.error(`[cache-bench] ${line}`);

const redisUrl = await serviceUrl("redis_rest");
if (!redisUrl) {
  say("no Redis REST front (deno task services): nothing to measure");
  Deno.exit(1);
}

const logger = createLogger({ level: "error", serviceName: "cache-bench" });
const cursors = await createHmacCursorCodec({ key: "cache-bench-key-".repeat(3), ttlSeconds: 300 });
const admin = createPrincipal("bench", { roles: ["admin"] });
const now = new Date();
const query = {
  q: "timeout OR declined OR denied",
  page_size: 50,
  from: new Date(now.getTime() - 24 * 3_600_000).toISOString(),
  // Ends before the freshness window: the entry keeps the long TTL for the whole run.
  to: new Date(now.getTime() - 2 * 60_000).toISOString(),
};

/** A cache as the service builds it, over its own key prefix. */
function cache(settings: Record<string, string>, redisTarget?: string): ResultCache {
  const config = parseConfig({
    CACHE_KEY_PREFIX: `bench${crypto.randomUUID().slice(0, 6)}:`,
    ...settings,
  });
  const redis = redisTarget
    ? createRedis({ url: redisTarget, token: redisRestToken(), timeoutMs: config.REDIS_TIMEOUT_MS })
    : undefined;
  return buildCache(config, {
    ...(redis ? { redis } : {}),
    breakers: createBreakerRegistry(),
    metrics: createMetrics({ collectDefault: false }),
    logger,
  })!;
}

function deps(store: LogStore, withCache?: ResultCache): SearchLogsDeps {
  return {
    store,
    cursors,
    maskEvent: (event: LogEvent) => event,
    limits: DEFAULT_SEARCH_LIMITS,
    ...(withCache ? { cache: withCache } : {}),
  };
}

/** Answers that did not come from where they should (a Redis call over its budget, …). */
const unexpected = new Map<string, number>();

/** One search through the use case; counts answers that did not come from where they should. */
function searcher(d: SearchLogsDeps, expect: "hit" | "miss", label = "") {
  return async () => {
    const page = await searchLogs(d, { principal: admin, query });
    if (page.items.length === 0) throw new Error("the search found nothing");
    if (page.cache !== expect && label) {
      const key = `${label}: ${page.cache} instead of ${expect}`;
      unexpected.set(key, (unexpected.get(key) ?? 0) + 1);
    }
  };
}

interface Figures {
  readonly p50: number;
  readonly p99: number;
}

const stats = (times: number[]): Figures => ({
  p50: percentile(times, 50),
  p99: percentile(times, 99),
});

/** Runs the callers in turn, rotating who goes first, and times each. */
async function interleaved(callers: readonly (() => Promise<void>)[], rounds: number) {
  const times = callers.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < callers.length; k++) {
      const i = (round + k) % callers.length;
      times[i]!.push(await timeMs(callers[i]!));
    }
  }
  return times.map(stats);
}

async function seed(target: BenchTarget) {
  say(`${target.name}: seeding ${EVENTS} events`);
  const events = parseEvents(
    demoLogEvents({ count: EVENTS, now, hours: 23, seed: 11, idPrefix: "cache" }),
    now,
  );
  for (let i = 0; i < events.length; i += 5_000) {
    await target.store.ingest(events.slice(i, i + 5_000));
  }
  await target.store.refresh();
}

const rows: { store: string; memory: Figures; redis: Figures; uncached: Figures }[] = [];
let singleFlight: { concurrent: number; storeCalls: number } | undefined;
let blackholed: { withRedis: Figures; withoutRedis: Figures } | undefined;

const targets: (() => Promise<BenchTarget | undefined>)[] = [
  async () => {
    const url = await serviceUrl("opensearch");
    return url ? await engineTarget("opensearch", url, "OpenSearch") : undefined;
  },
  async () => {
    const url = await serviceUrl("postgres");
    return url ? await postgresTarget("postgres", url) : undefined;
  },
];

for (const open of targets) {
  const target = await open();
  if (!target) {
    say("a store is not running: skipped");
    continue;
  }
  try {
    await seed(target);
    const memory = deps(target.store, cache({}, redisUrl));
    const redisOnly = deps(target.store, cache({ CACHE_MEMORY_MAX_ENTRIES: "0" }, redisUrl));
    const uncached = deps(target.store);
    await searcher(memory, "miss")();
    await searcher(redisOnly, "miss")();
    say(`${target.name}: warm-up`);
    const warm = [searcher(memory, "hit"), searcher(redisOnly, "hit"), searcher(uncached, "miss")];
    await interleaved(warm, 30);
    say(`${target.name}: ${ITERATIONS} rounds of memory hit, Redis hit, uncached (interleaved)`);
    const [m, r, u] = await interleaved([
      searcher(memory, "hit", `${target.name} memory`),
      searcher(redisOnly, "hit", `${target.name} Redis`),
      searcher(uncached, "miss", `${target.name} uncached`),
    ], ITERATIONS);
    rows.push({ store: target.name, memory: m!, redis: r!, uncached: u! });

    if (!singleFlight) {
      say(`${target.name}: ${CONCURRENT} concurrent identical misses`);
      let calls = 0;
      const counted: LogStore = {
        ...target.store,
        search: (request) => {
          calls++;
          return target.store.search(request);
        },
      };
      const fresh = deps(counted, cache({}, redisUrl));
      await Promise.all(Array.from({ length: CONCURRENT }, searcher(fresh, "miss")));
      singleFlight = { concurrent: CONCURRENT, storeCalls: calls };
    }

    if (!blackholed) {
      say(`${target.name}: cached searches, Redis blackholed vs no Redis (interleaved)`);
      const proxy = await startFaultProxy(redisUrl);
      proxy.set("blackhole");
      try {
        const withRedis = deps(target.store, cache({}, proxy.url));
        const withoutRedis = deps(target.store, cache({}));
        await searcher(withRedis, "miss")();
        await searcher(withoutRedis, "miss")();
        const [a, b] = await interleaved(
          [
            searcher(withRedis, "hit", "Redis blackholed"),
            searcher(withoutRedis, "hit", "no Redis"),
          ],
          ITERATIONS * 3,
        );
        blackholed = { withRedis: a!, withoutRedis: b! };
      } finally {
        await proxy.close();
      }
    }
  } finally {
    await target.close();
  }
}

const ms = (v: number) => v.toFixed(2);
const times = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(1)}×` : "–");
console.log(
  `\nCache benchmark: ${EVENTS} events, ${ITERATIONS} interleaved rounds (p50 / p99, ms)\n`,
);
console.log(
  "| Store | Memory hit | Redis hit | Uncached | Uncached ÷ memory (p50) | Uncached ÷ Redis (p50) |",
);
console.log("| --- | --- | --- | --- | --- | --- |");
for (const row of rows) {
  console.log(
    `| ${row.store} | ${ms(row.memory.p50)} / ${ms(row.memory.p99)} | ${ms(row.redis.p50)} / ${
      ms(row.redis.p99)
    } | ${ms(row.uncached.p50)} / ${ms(row.uncached.p99)} | ${
      times(row.uncached.p50, row.memory.p50)
    } | ${times(row.uncached.p50, row.redis.p50)} |`,
  );
}
const engine = rows.find((r) => r.store === "OpenSearch");
const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
console.log("");
if (engine) {
  console.log(
    `Memory hit ≥ 20× faster than the uncached engine search: ${
      times(engine.uncached.p50, engine.memory.p50)
    } — ${verdict(engine.uncached.p50 >= 20 * engine.memory.p50)}`,
  );
  console.log(
    `Redis hit ≥ 3× faster: ${times(engine.uncached.p50, engine.redis.p50)} — ${
      verdict(engine.uncached.p50 >= 3 * engine.redis.p50)
    }`,
  );
}
if (singleFlight) {
  console.log(
    `${singleFlight.concurrent} concurrent identical misses → ${singleFlight.storeCalls} store call(s) — ${
      verdict(singleFlight.storeCalls === 1)
    }`,
  );
}
for (const [what, count] of unexpected) {
  console.log(`Not from where expected (included in the figures): ${what} × ${count}`);
}
if (blackholed) {
  const { withRedis, withoutRedis } = blackholed;
  console.log(
    `Cached search with Redis blackholed: p50 ${ms(withRedis.p50)}, p99 ${ms(withRedis.p99)} ms; ` +
      `no Redis: p50 ${ms(withoutRedis.p50)}, p99 ${ms(withoutRedis.p99)} ms; p99 ratio ${
        times(withRedis.p99, withoutRedis.p99)
      } — ${verdict(withRedis.p99 <= 2 * withoutRedis.p99)}`,
  );
}
