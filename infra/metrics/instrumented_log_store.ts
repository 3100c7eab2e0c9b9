import type { LogStore } from "../../domain/logs/mod.ts";
import type { Metrics } from "./registry.ts";

/**
 * The log store with each operation timed and each failure counted
 * (`elasticsearch_query_duration_seconds`, `elasticsearch_connection_errors_total`,
 * labelled by engine, so the Postgres store is measured the same way).
 */
export function instrumentLogStore(store: LogStore, metrics: Metrics): LogStore {
  async function timed<T>(operation: string, run: () => Promise<T>): Promise<T> {
    const labels = { engine: store.engine, operation };
    const end = metrics.elasticsearchQueryDuration.startTimer(labels);
    try {
      return await run();
    } catch (error) {
      metrics.elasticsearchConnectionErrorsTotal.inc(labels);
      throw error;
    } finally {
      end();
    }
  }
  return {
    engine: store.engine,
    visibilityLagMs: store.visibilityLagMs,
    ingest: (events) => timed("ingest", () => store.ingest(events)),
    search: (request) => timed("search", () => store.search(request)),
    errorGroups: (filter, size) => timed("error_groups", () => store.errorGroups(filter, size)),
    countGroups: (filter, field, size) =>
      timed("count_groups", () => store.countGroups(filter, field, size)),
    releaseSnapshot: (snapshot) => store.releaseSnapshot(snapshot),
    refresh: (categories) => store.refresh(categories),
  };
}
