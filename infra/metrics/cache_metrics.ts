import client from "prom-client";
import type { CacheTier } from "../../domain/cache/mod.ts";
import type { BreakerState, CircuitBreakers } from "../../domain/resilience/mod.ts";

/** The cache and resilience counters of SPEC S13, created with the registry. */
export function cacheMetrics(registry: client.Registry) {
  const labelNames = ["tier"] as const;
  const hits = new client.Counter({
    name: "cache_hits_total",
    help: "Cached answers served, by tier (memory, redis)",
    labelNames,
    registers: [registry],
  });
  const misses = new client.Counter({
    name: "cache_misses_total",
    help: "Lookups a tier could not answer, by tier",
    labelNames,
    registers: [registry],
  });
  const errors = new client.Counter({
    name: "cache_errors_total",
    help: "Cache calls that failed, timed out or were skipped (breaker open), by tier",
    labelNames,
    registers: [registry],
  });
  const stale = new client.Counter({
    name: "cache_stale_served_total",
    help: "Expired answers served because the store failed (stale-if-error)",
    registers: [registry],
  });
  const retries = new client.Counter({
    name: "elasticsearch_retries_total",
    help: "Search engine requests retried after a retryable failure",
    registers: [registry],
  });
  // Created for every label so a rate over them exists from the start.
  for (const tier of ["memory", "redis"] as const) {
    hits.inc({ tier }, 0);
    misses.inc({ tier }, 0);
    errors.inc({ tier }, 0);
  }
  return {
    cacheHitsTotal: hits,
    cacheMissesTotal: misses,
    cacheErrorsTotal: errors,
    cacheStaleServedTotal: stale,
    elasticsearchRetriesTotal: retries,
    /** The cache's events, as the tiered cache reports them. */
    cacheEvents: {
      hit: (tier: CacheTier) => hits.inc({ tier }),
      miss: (tier: CacheTier) => misses.inc({ tier }),
      error: (tier: CacheTier) => errors.inc({ tier }),
      staleServed: () => stale.inc(),
    },
  };
}

/** The memory tier's size (`cache_entries`, `cache_bytes`), read at scrape time. */
export function registerCacheGauges(
  registry: client.Registry,
  stats: () => { entries: number; bytes: number },
): void {
  new client.Gauge({
    name: "cache_entries",
    help: "Answers held in the in-process cache tier",
    registers: [registry],
    collect() {
      this.set(stats().entries);
    },
  });
  new client.Gauge({
    name: "cache_bytes",
    help: "Size of the answers held in the in-process cache tier (their JSON text)",
    registers: [registry],
    collect() {
      this.set(stats().bytes);
    },
  });
}

const STATE_VALUE: Record<BreakerState, number> = { closed: 0, open: 1, half_open: 2 };

/** `circuit_breaker_state{dependency}`: 0 closed, 1 open, 2 half-open. */
export function registerBreakerMetrics(registry: client.Registry, breakers: CircuitBreakers): void {
  new client.Gauge({
    name: "circuit_breaker_state",
    help: "Circuit breaker state per dependency: 0 closed, 1 open, 2 half-open",
    labelNames: ["dependency"] as const,
    registers: [registry],
    collect() {
      for (const breaker of breakers.list()) {
        this.set({ dependency: breaker.dependency }, STATE_VALUE[breaker.state()]);
      }
    },
  });
}
