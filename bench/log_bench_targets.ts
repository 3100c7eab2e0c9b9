/**
 * The stores the log search benchmark measures, each with a "direct" path
 * that skips the service: the engine's own client with the same DSL, or for
 * Postgres the store adapter on the same SQL.
 * @module
 */
import type { LogEvent, LogStore, StoreSearchRequest } from "../domain/logs/mod.ts";
import { createPostgresLogStore } from "../infra/postgres/logs/mod.ts";
import type { Sql } from "../infra/postgres/mod.ts";
import { createSearchClient, type SearchClient } from "../infra/search/mod.ts";
import { createSearchLogStore } from "../infra/search/logs/mod.ts";
import {
  buildIndexPattern,
  buildSearchBody,
  dataStreamName,
} from "../infra/search/logs/build_search_body.ts";
import { toDocument } from "../infra/search/logs/ecs_document.ts";
import { engineHttp, setupSearchEngine } from "../infra/search/setup/mod.ts";
import { openPglite, openPostgres } from "../tests/support/databases.ts";

/** One benchmarked store. */
export interface BenchTarget {
  readonly name: string;
  readonly store: LogStore;
  /** The Postgres targets' connection, for the service built on the same database. */
  readonly sql?: Sql;
  /** The same search without the service in between. */
  directSearch(request: StoreSearchRequest): Promise<number>;
  /** The engine's bulk API (or the adapter's write for Postgres) without the service. */
  directIngest(events: readonly LogEvent[]): Promise<void>;
  close(): Promise<void>;
}

export const NAMESPACE = "bench";

/** A search-engine target: direct = the client's search/bulk with the shared DSL. */
export async function engineTarget(
  engine: "elasticsearch" | "opensearch",
  url: string,
  label: string,
): Promise<BenchTarget> {
  const search = createSearchClient(engine, { url, timeoutMs: 60_000 });
  const http = engineHttp(search);
  await http.request("DELETE", `/_data_stream/logs-*-${NAMESPACE}`);
  await setupSearchEngine(http, { namespace: NAMESPACE });
  const store = createSearchLogStore(search, { namespace: NAMESPACE, snapshotKeepAlive: "1m" });
  return {
    name: label,
    store,
    directSearch: (request) => directEngineSearch(search, request),
    async directIngest(events) {
      const operations = events.flatMap((e) => [
        { create: { _index: dataStreamName(e["event.category"], NAMESPACE), _id: e["event.id"] } },
        toDocument(e),
      ]);
      const response = search.engine === "elasticsearch"
        ? await search.client.bulk({ operations })
        : (await search.client.bulk({ body: operations })).body;
      if (response.errors) throw new Error("direct bulk reported errors");
    },
    async close() {
      await http.request("DELETE", `/_data_stream/logs-*-${NAMESPACE}`);
      await search.client.close();
    },
  };
}

async function directEngineSearch(search: SearchClient, request: StoreSearchRequest) {
  const index = buildIndexPattern(request.filter.categories, NAMESPACE);
  const body = buildSearchBody(request);
  if (search.engine === "elasticsearch") {
    const response = await search.client.search({
      index,
      ignore_unavailable: true,
      allow_no_indices: true,
      ...body,
    });
    return response.hits.hits.length;
  }
  const { body: response } = await search.client.search({
    index,
    ignore_unavailable: true,
    allow_no_indices: true,
    body: { ...body },
  });
  return response.hits.hits.length;
}

/** A Postgres target (real server or embedded PGlite): direct = the store adapter. */
export async function postgresTarget(
  kind: "postgres" | "pglite",
  url?: string,
): Promise<BenchTarget> {
  const { sql, close } = kind === "postgres"
    ? await openPostgres(url!, { migrate: true, poolMax: 4 })
    : await openPglite({ migrate: true });
  const store = createPostgresLogStore(sql);
  const direct = createPostgresLogStore(sql);
  return {
    name: kind === "postgres" ? "Postgres store" : "PGlite store (embedded)",
    store,
    sql,
    directSearch: async (request) => (await direct.search(request)).events.length,
    directIngest: async (events) => void await direct.ingest(events),
    close,
  };
}
