import type { LogStore } from "../../../domain/logs/mod.ts";
import type { SearchClient } from "../clients.ts";
import { elasticsearchOps } from "./elasticsearch_log_store.ts";
import { createEngineLogStore, type EngineLogStoreOptions } from "./engine_log_store.ts";
import type { EngineOps } from "./engine_ops.ts";
import { openSearchOps } from "./opensearch_log_store.ts";

/** The engine operations of whichever engine `search` is the client of. */
export function engineOps(search: SearchClient): EngineOps {
  return search.engine === "elasticsearch"
    ? elasticsearchOps(search.client)
    : openSearchOps(search.client);
}

/** The log store on whichever engine `search` is the client of. */
export function createSearchLogStore(
  search: SearchClient,
  options: EngineLogStoreOptions,
): LogStore {
  return createEngineLogStore(engineOps(search), options);
}
