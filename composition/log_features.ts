import type { Config } from "../infra/config/mod.ts";
import type { CacheTtls, ResultCache } from "../domain/cache/mod.ts";
import {
  createTailSlots,
  type CursorCodec,
  type LogEvent,
  type LogStore,
  type SearchHistoryRepository,
  type SearchLimits,
  type TailSlots,
} from "../domain/logs/mod.ts";
import type { MaintenanceJob } from "./maintenance.ts";
import { createHmacCursorCodec, resolveCursorSigningKey } from "../infra/cursor/mod.ts";
import type { Logger } from "../infra/logging/mod.ts";
import type { Metrics } from "../infra/metrics/mod.ts";
import { applyLogRetention } from "../infra/postgres/logs/mod.ts";
import type { Sql } from "../infra/postgres/mod.ts";
import { createSearchHistoryRepository } from "../infra/postgres/search_history_repository.ts";
import type { SearchClient } from "../infra/search/mod.ts";
import { retryHistoryReads } from "../infra/postgres/read_retry.ts";
import type { BreakerRegistry } from "../infra/resilience/mod.ts";
import { cacheTtls } from "./cache.ts";
import { buildLogStore } from "./log_store.ts";

/** The log store, cursors, history and limits, as the log and search routes take them. */
export interface LogFeatures {
  readonly store: LogStore;
  readonly cursors: CursorCodec;
  readonly history: SearchHistoryRepository;
  readonly maskEvent: (event: LogEvent) => LogEvent;
  readonly maskEvents?: (events: readonly LogEvent[]) => Promise<readonly LogEvent[]>;
  readonly limits: SearchLimits;
  readonly ingestMaxEvents: number;
  readonly ingestMaxBytes: number;
  readonly tailPollMs: number;
  readonly tails: {
    readonly slots: TailSlots;
    readonly maxDurationMs: number;
    /** Aborted at shutdown: open tails get a `closing` event and end. */
    readonly closing: AbortSignal;
  };
  readonly cache?: ResultCache;
  readonly cacheTtls: CacheTtls;
  readonly newId: () => string;
  readonly onBackgroundError: (error: unknown) => void;
  /** Periodic upkeep of the store: retention for the Postgres store, none for the engines. */
  readonly maintenance: readonly MaintenanceJob[];
  /** Ends open tails with a `closing` event; resolves when they are gone (or after `waitMs`). */
  closeTails(waitMs: number): Promise<void>;
  /** Waits for search-history writes still in flight (graceful shutdown). */
  flush(): Promise<void>;
}

const HOUR_MS = 3_600_000;

/**
 * Builds the log features from configuration: the search engine's store when
 * one is configured, else the Postgres store on the same database (SPEC S4).
 * `maskEvent` is the masking seam: pass the masker's `maskLogEvent`.
 */
export async function buildLogFeatures(
  config: Config,
  adapters: {
    readonly sql: Sql;
    /** Upkeep's connection (its own statement timeout); `sql` when absent. */
    readonly maintenanceSql?: Sql;
    readonly search?: SearchClient;
    readonly fallbackSearch?: SearchClient;
    /** Where the search clusters' breakers are registered; a private registry when absent. */
    readonly breakers?: BreakerRegistry;
  },
  options: {
    logger: Logger;
    /** When given, store operations are timed and failures counted. */
    metrics?: Metrics;
    maskEvent?: (event: LogEvent) => LogEvent;
    maskEvents?: (events: readonly LogEvent[]) => Promise<readonly LogEvent[]>;
    /** The cursor signing key, when the caller resolved it already. */
    cursorKey?: string;
    /** The query cache; searches go to the store every time without it. */
    cache?: ResultCache;
  },
): Promise<LogFeatures> {
  const { logger } = options;
  const store = buildLogStore(config, adapters, options);
  const key = options.cursorKey ?? await cursorSigningKey(config);
  logger.info("log store ready", {
    "log_store.engine": store.engine,
    "log_store.namespace": config.LOG_NAMESPACE,
    "log_store.fallback": adapters.fallbackSearch ? "configured" : "none",
  });
  const history = trackedHistory(
    retryHistoryReads(createSearchHistoryRepository(adapters.sql), config.DATABASE_READ_RETRIES),
  );
  const slots = createTailSlots({
    perCaller: config.LOG_TAIL_MAX_PER_CALLER,
    perInstance: config.LOG_TAIL_MAX_PER_INSTANCE,
  });
  const closing = new AbortController();
  return {
    store,
    cursors: await createHmacCursorCodec({ key, ttlSeconds: config.LOG_CURSOR_TTL_SECONDS }),
    history: history.repository,
    maskEvent: options.maskEvent ?? ((event) => event),
    ...(options.maskEvents ? { maskEvents: options.maskEvents } : {}),
    limits: searchLimits(config),
    ingestMaxEvents: config.LOG_INGEST_MAX_EVENTS,
    ingestMaxBytes: config.LOG_INGEST_MAX_BYTES,
    tailPollMs: config.LOG_TAIL_POLL_MS,
    tails: { slots, maxDurationMs: config.LOG_TAIL_MAX_SECONDS * 1000, closing: closing.signal },
    ...(options.cache ? { cache: options.cache } : {}),
    cacheTtls: cacheTtls(config),
    newId: () => crypto.randomUUID(),
    onBackgroundError: (error) => logger.warn("search history not recorded", { error }),
    // The engines expire events by their lifecycle policies (`deno task setup-es`).
    maintenance: adapters.search
      ? []
      : [logRetentionJob(adapters.maintenanceSql ?? adapters.sql, logger)],
    async closeTails(waitMs) {
      closing.abort();
      const until = performance.now() + waitMs;
      while (slots.open() > 0 && performance.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    flush: () => history.flush(),
  };
}

/**
 * The history repository with its background writes tracked, so shutdown
 * waits for the runs it already acknowledged to be recorded.
 */
function trackedHistory(repository: SearchHistoryRepository) {
  const pending = new Set<Promise<unknown>>();
  return {
    repository: {
      ...repository,
      recordRun(userId, query, key) {
        const write = repository.recordRun(userId, query, key);
        pending.add(write);
        write.finally(() => pending.delete(write)).catch(() => {});
        return write;
      },
    } satisfies SearchHistoryRepository,
    async flush() {
      await Promise.allSettled([...pending]);
    },
  };
}

/** The key of every signed cursor (log pages and audit trail pages). */
export function cursorSigningKey(config: Config): Promise<string> {
  return resolveCursorSigningKey({
    ...(config.CURSOR_SIGNING_KEY ? { configured: config.CURSOR_SIGNING_KEY } : {}),
    dataDir: config.DATA_DIR,
    production: config.APP_ENV === "production",
  });
}

/** Hourly retention of the Postgres store; a summary line when it removed anything. */
function logRetentionJob(sql: Sql, logger: Logger): MaintenanceJob {
  return {
    name: "log retention",
    everyMs: HOUR_MS,
    run: async () => {
      const result = await applyLogRetention(sql, {
        onProgress: (message, fields) => logger.debug(message, fields),
      });
      const rows = Object.values(result.deletedRows).reduce((n, r) => n + r, 0);
      if (result.droppedPartitions.length === 0 && rows === 0 && result.releasedIds === 0) return;
      logger.info("log retention removed expired events", {
        "log_retention.cutoffs": result.cutoffs,
        "log_retention.dropped_partitions": result.droppedPartitions,
        "log_retention.deleted_rows": result.deletedRows,
        "log_retention.released_ids": result.releasedIds,
      });
    },
  };
}

/** The search bounds of SPEC S8 from configuration. */
export function searchLimits(config: Config): SearchLimits {
  return {
    defaultPageSize: config.LOG_SEARCH_DEFAULT_PAGE_SIZE,
    maxPageSize: config.LOG_SEARCH_MAX_PAGE_SIZE,
    defaultRangeMs: config.LOG_SEARCH_DEFAULT_RANGE_MINUTES * 60_000,
    maxRangeMs: config.LOG_SEARCH_MAX_RANGE_DAYS * 86_400_000,
    totalBound: config.LOG_SEARCH_TOTAL_BOUND,
  };
}
