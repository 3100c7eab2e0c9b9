import type { Redis } from "@upstash/redis";
import type { Config } from "../infra/config/mod.ts";
import type { DependencyCheck } from "../domain/health/mod.ts";
import type { Logger } from "../infra/logging/mod.ts";
import type { Metrics } from "../infra/metrics/mod.ts";
import {
  createSql,
  type EmbeddedPostgres,
  postgresHealthCheck,
  type Sql,
  startEmbeddedPostgres,
} from "../infra/postgres/mod.ts";
import { type BreakerRegistry, createBreakerRegistry } from "../infra/resilience/mod.ts";
import {
  closeSearchClient,
  createSearchClient,
  type SearchClient,
  type SearchClientOptions,
  searchHealthCheck,
} from "../infra/search/mod.ts";
import { createRedis, redisHealthCheck } from "../infra/cache/mod.ts";

/** The outside systems the service talks to, as the configuration chose them. */
export interface Adapters {
  /** The pool of API requests' statements (`DATABASE_STATEMENT_TIMEOUT_MS`). */
  readonly sql: Sql;
  /**
   * Migrations and upkeep, with their own `statement_timeout`
   * (`DATABASE_MAINTENANCE_TIMEOUT_MS`); the same connection on the embedded database.
   */
  readonly maintenanceSql: Sql;
  readonly embeddedPostgres?: EmbeddedPostgres;
  readonly search?: SearchClient;
  /** The read-only cluster searches fall back to. */
  readonly fallbackSearch?: SearchClient;
  /** The cache tier's client: short timeout per call. */
  readonly redis?: Redis;
  /** Health checks and admin operations: a longer timeout. */
  readonly redisAdmin?: Redis;
  /** Every circuit breaker of the instance (search clusters, Redis). */
  readonly breakers: BreakerRegistry;
  readonly checks: readonly DependencyCheck[];
  /** `embedded` when nothing external is configured, `production` when all is. */
  readonly mode: "embedded" | "production" | "mixed";
  close(): Promise<void>;
}

/**
 * Connects to what is configured and falls back to the embedded counterpart
 * for what is not (SPEC S4): PGlite for Postgres, the Postgres log store for
 * the search engine, the in-process cache for Redis.
 */
export async function buildAdapters(
  config: Config,
  logger: Logger,
  metrics: Metrics,
): Promise<Adapters> {
  const embeddedPostgres = config.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dataDir: config.DATA_DIR, logger });
  const pool = {
    connectTimeoutSeconds: config.DATABASE_CONNECT_TIMEOUT_SECONDS,
    idleTimeoutSeconds: config.DATABASE_IDLE_TIMEOUT_SECONDS,
    maxLifetimeSeconds: config.DATABASE_MAX_LIFETIME_SECONDS,
  };
  const api = { logger, ...pool, statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS };
  const sql = config.DATABASE_URL
    ? createSql({ kind: "url", url: config.DATABASE_URL, poolMax: config.DATABASE_POOL_MAX }, api)
    : createSql(
      { kind: "embedded", host: embeddedPostgres!.host, port: embeddedPostgres!.port },
      api,
    );
  // The embedded database is one session: a second client would interleave with the first.
  const maintenanceSql = config.DATABASE_URL
    ? createSql({ kind: "url", url: config.DATABASE_URL, poolMax: 2 }, {
      logger,
      ...pool,
      statementTimeoutMs: config.DATABASE_MAINTENANCE_TIMEOUT_MS,
    })
    : sql;

  const searchOptions = searchClientOptions(config);
  const search = searchOptions
    ? createSearchClient(config.SEARCH_ENGINE, searchOptions)
    : undefined;
  const fallbackOptions = fallbackSearchClientOptions(config);
  const fallbackSearch = fallbackOptions
    ? createSearchClient(config.SEARCH_ENGINE, fallbackOptions)
    : undefined;
  const redisSettings = config.REDIS_REST_URL && config.REDIS_REST_TOKEN
    ? { url: config.REDIS_REST_URL, token: config.REDIS_REST_TOKEN }
    : undefined;
  const redis = redisSettings
    ? createRedis({ ...redisSettings, timeoutMs: config.REDIS_TIMEOUT_MS })
    : undefined;
  const redisAdmin = redisSettings
    ? createRedis({ ...redisSettings, timeoutMs: config.REDIS_ADMIN_TIMEOUT_MS })
    : undefined;

  const checks: DependencyCheck[] = [
    postgresHealthCheck(sql, embeddedPostgres ? "pglite" : "postgres"),
  ];
  if (search) checks.push(searchHealthCheck(search, metrics));
  if (fallbackSearch) {
    checks.push({ ...searchHealthCheck(fallbackSearch), name: "search_fallback", required: false });
  }
  if (redisAdmin) checks.push(redisHealthCheck(redisAdmin));

  const external =
    [config.DATABASE_URL, config.ELASTICSEARCH_URL, config.REDIS_REST_URL].filter(Boolean).length;
  return {
    sql,
    maintenanceSql,
    ...(embeddedPostgres ? { embeddedPostgres } : {}),
    ...(search ? { search } : {}),
    ...(fallbackSearch ? { fallbackSearch } : {}),
    ...(redis ? { redis } : {}),
    ...(redisAdmin ? { redisAdmin } : {}),
    breakers: createBreakerRegistry(),
    checks,
    mode: external === 0 ? "embedded" : external === 3 ? "production" : "mixed",
    async close() {
      await sql.end({ timeout: 5 });
      if (maintenanceSql !== sql) await maintenanceSql.end({ timeout: 5 });
      if (search) await closeSearchClient(search);
      if (fallbackSearch) await closeSearchClient(fallbackSearch);
      await embeddedPostgres?.stop();
    },
  };
}

/**
 * The search client settings of the configuration (URL, credentials, the
 * request timeout), or `undefined` when no engine is configured; the service
 * and the setup task connect the same way.
 */
export function searchClientOptions(config: Config): SearchClientOptions | undefined {
  if (!config.ELASTICSEARCH_URL) return undefined;
  return {
    url: config.ELASTICSEARCH_URL,
    timeoutMs: config.ELASTICSEARCH_TIMEOUT_MS,
    ...(config.ELASTICSEARCH_USERNAME ? { username: config.ELASTICSEARCH_USERNAME } : {}),
    ...(config.ELASTICSEARCH_PASSWORD ? { password: config.ELASTICSEARCH_PASSWORD } : {}),
    ...(config.ELASTICSEARCH_API_KEY ? { apiKey: config.ELASTICSEARCH_API_KEY } : {}),
  };
}

/** The fallback cluster's settings: its own credentials, else the primary's. */
function fallbackSearchClientOptions(config: Config): SearchClientOptions | undefined {
  const primary = searchClientOptions(config);
  const url = config.ELASTICSEARCH_FALLBACK_URL;
  if (!primary || !url) return undefined;
  if (!config.ELASTICSEARCH_FALLBACK_USERNAME && !config.ELASTICSEARCH_FALLBACK_API_KEY) {
    return { ...primary, url };
  }
  return {
    url,
    timeoutMs: primary.timeoutMs,
    ...(config.ELASTICSEARCH_FALLBACK_USERNAME
      ? { username: config.ELASTICSEARCH_FALLBACK_USERNAME }
      : {}),
    ...(config.ELASTICSEARCH_FALLBACK_PASSWORD
      ? { password: config.ELASTICSEARCH_FALLBACK_PASSWORD }
      : {}),
    ...(config.ELASTICSEARCH_FALLBACK_API_KEY
      ? { apiKey: config.ELASTICSEARCH_FALLBACK_API_KEY }
      : {}),
  };
}
