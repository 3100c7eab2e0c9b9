/**
 * The log store from configuration: the search engine's store behind the
 * resilience layer (a breaker per cluster, retries, deadline, bulkhead, the
 * optional read-only fallback cluster), or the Postgres store on the same
 * database with its reads retried on connection failures; each cluster's
 * operations timed and counted when metrics are given.
 * @module
 */
import type { LogStore } from "../domain/logs/mod.ts";
import type { Config } from "../infra/config/mod.ts";
import type { Logger } from "../infra/logging/mod.ts";
import type { Metrics } from "../infra/metrics/mod.ts";
import { instrumentLogStore } from "../infra/metrics/instrumented_log_store.ts";
import { createPostgresLogStore } from "../infra/postgres/logs/mod.ts";
import type { Sql } from "../infra/postgres/mod.ts";
import { retryLogStoreReads } from "../infra/postgres/read_retry.ts";
import { type BreakerRegistry, createBreakerRegistry } from "../infra/resilience/mod.ts";
import type { SearchClient } from "../infra/search/mod.ts";
import { createSearchLogStore } from "../infra/search/logs/mod.ts";
import { createResilientLogStore, isUnavailable } from "../infra/search/resilient_log_store.ts";

/** The store of the configured engine, or of Postgres. */
export function buildLogStore(
  config: Config,
  adapters: {
    readonly sql: Sql;
    readonly search?: SearchClient;
    readonly fallbackSearch?: SearchClient;
    /** Where the clusters' breakers are registered; a private registry when absent. */
    readonly breakers?: BreakerRegistry;
  },
  options: { readonly logger: Logger; readonly metrics?: Metrics },
): LogStore {
  const { logger, metrics } = options;
  const instrument = (store: LogStore) => metrics ? instrumentLogStore(store, metrics) : store;
  if (!adapters.search) {
    return retryLogStoreReads(
      instrument(createPostgresLogStore(adapters.sql, {
        ...(config.LOG_TAIL_LAG_MS !== undefined
          ? { visibilityLagMs: config.LOG_TAIL_LAG_MS }
          : {}),
      })),
      config.DATABASE_READ_RETRIES,
    );
  }
  const breakers = adapters.breakers ?? createBreakerRegistry();
  const cluster = (dependency: string, search: SearchClient) => ({
    store: instrument(engineStore(config, search, logger)),
    breaker: breakers.create(dependency, {
      failures: config.ELASTICSEARCH_BREAKER_FAILURES,
      halfOpenMs: config.ELASTICSEARCH_BREAKER_HALF_OPEN_MS,
      // Only unavailability counts: a bad request says nothing about the cluster.
      countsAsFailure: isUnavailable,
    }),
  });
  return createResilientLogStore({
    primary: cluster("search:primary", adapters.search),
    ...(adapters.fallbackSearch
      ? { fallback: cluster("search:fallback", adapters.fallbackSearch) }
      : {}),
    requestTimeoutMs: config.ELASTICSEARCH_TIMEOUT_MS,
    deadlineMs: config.ELASTICSEARCH_DEADLINE_MS,
    retry: {
      retries: config.ELASTICSEARCH_RETRIES,
      baseMs: config.ELASTICSEARCH_RETRY_BASE_MS,
      maxMs: config.ELASTICSEARCH_RETRY_MAX_MS,
    },
    bulkhead: { concurrent: config.SEARCH_MAX_CONCURRENT, queued: config.SEARCH_MAX_QUEUED },
    ...(metrics ? { onRetry: () => metrics.elasticsearchRetriesTotal.inc() } : {}),
  });
}

function engineStore(config: Config, search: SearchClient, logger: Logger): LogStore {
  return createSearchLogStore(search, {
    namespace: config.LOG_NAMESPACE,
    snapshotKeepAlive: `${config.LOG_CURSOR_TTL_SECONDS}s`,
    ...(config.LOG_TAIL_LAG_MS !== undefined ? { visibilityLagMs: config.LOG_TAIL_LAG_MS } : {}),
    onWarning: (message, fields) => logger.warn(message, fields),
  });
}
