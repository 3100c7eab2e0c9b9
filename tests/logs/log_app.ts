/**
 * The real HTTP app with real log features on a given store, for route and
 * end-to-end tests.
 * @module
 */
import type { LogEvent, LogStore } from "../../domain/logs/mod.ts";
import { createMasker } from "../../domain/masking/mod.ts";
import { createHmacCursorCodec } from "../../infra/cursor/mod.ts";
import { createSearchHistoryRepository } from "../../infra/postgres/search_history_repository.ts";
import type { Sql } from "../../infra/postgres/mod.ts";
import type { LogsDeps } from "../../routes/logs/mod.ts";
import type { AppDeps } from "../../routes/app/create_app.ts";
import { buildTestApp } from "../support/test_app.ts";
import { TEST_LIMITS } from "./log_store_contract.ts";

/** A store that accepts every event and finds nothing; `overrides` replace its members. */
export function stubLogStore(overrides: Partial<LogStore> = {}): LogStore {
  return {
    engine: "postgres",
    visibilityLagMs: 0,
    ingest: (events) => Promise.resolve(events.map(() => ({ status: "created" as const }))),
    search: () => Promise.resolve({ events: [], total: { value: 0, relation: "eq" as const } }),
    errorGroups: () => Promise.resolve([]),
    countGroups: () => Promise.resolve([]),
    releaseSnapshot: () => Promise.resolve(),
    refresh: () => Promise.resolve(),
    ...overrides,
  };
}

/** Builds the app around `store`, with history in `sql` when given. */
export async function buildLogApp(
  store: LogStore,
  options: {
    sql?: Sql;
    tailPollMs?: number;
    tails?: LogsDeps["tails"];
    ingestMaxEvents?: number;
    onDenied?: AppDeps["onDenied"];
    metrics?: AppDeps["metrics"];
  } = {},
) {
  const masker = createMasker();
  const history = options.sql ? createSearchHistoryRepository(options.sql) : undefined;
  const logs: LogsDeps = {
    store,
    cursors: await createHmacCursorCodec({ key: "test-cursor-key-".repeat(3), ttlSeconds: 120 }),
    ...(history ? { history } : {}),
    maskEvent: (event) => masker.maskLogEvent(event) as LogEvent,
    limits: TEST_LIMITS,
    ingestMaxEvents: options.ingestMaxEvents ?? 1000,
    tailPollMs: options.tailPollMs ?? 100,
    ...(options.tails ? { tails: options.tails } : {}),
    newId: () => crypto.randomUUID(),
  };
  return await buildTestApp({
    logs,
    ...(history ? { searches: { history, limits: TEST_LIMITS } } : {}),
    ingestBodyLimitBytes: 2 * 1024 * 1024,
    ...(options.onDenied ? { onDenied: options.onDenied } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
}
