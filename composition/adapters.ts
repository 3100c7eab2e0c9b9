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
  readonly sql: Sql;
  readonly embeddedPostgres?: EmbeddedPostgres;
  readonly search?: SearchClient;
  readonly redis?: Redis;
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
  const sql = config.DATABASE_URL
    ? createSql({ kind: "url", url: config.DATABASE_URL, poolMax: config.DATABASE_POOL_MAX }, {
      logger,
    })
    : createSql({ kind: "embedded", host: embeddedPostgres!.host, port: embeddedPostgres!.port }, {
      logger,
    });

  const searchOptions = searchClientOptions(config);
  const search = searchOptions
    ? createSearchClient(config.SEARCH_ENGINE, searchOptions)
    : undefined;
  const redis = config.REDIS_REST_URL && config.REDIS_REST_TOKEN
    ? createRedis({ url: config.REDIS_REST_URL, token: config.REDIS_REST_TOKEN })
    : undefined;

  const checks: DependencyCheck[] = [
    postgresHealthCheck(sql, embeddedPostgres ? "pglite" : "postgres"),
  ];
  if (search) checks.push(searchHealthCheck(search, metrics));
  if (redis) checks.push(redisHealthCheck(redis));

  const external =
    [config.DATABASE_URL, config.ELASTICSEARCH_URL, config.REDIS_REST_URL].filter(Boolean).length;
  return {
    sql,
    ...(embeddedPostgres ? { embeddedPostgres } : {}),
    ...(search ? { search } : {}),
    ...(redis ? { redis } : {}),
    checks,
    mode: external === 0 ? "embedded" : external === 3 ? "production" : "mixed",
    async close() {
      await sql.end({ timeout: 5 });
      if (search) await closeSearchClient(search);
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
