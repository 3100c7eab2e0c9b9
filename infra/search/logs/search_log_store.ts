import type { LogStore } from "../../../domain/logs/mod.ts";
import type { SearchClient } from "../clients.ts";
import { createElasticsearchLogStore } from "./elasticsearch_log_store.ts";
import type { EngineLogStoreOptions } from "./engine_log_store.ts";
import { createOpenSearchLogStore } from "./opensearch_log_store.ts";

/** The log store on whichever engine `search` is the client of. */
export function createSearchLogStore(
  search: SearchClient,
  options: EngineLogStoreOptions,
): LogStore {
  return search.engine === "elasticsearch"
    ? createElasticsearchLogStore(search.client, options)
    : createOpenSearchLogStore(search.client, options);
}
