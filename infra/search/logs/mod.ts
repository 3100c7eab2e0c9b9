export { createElasticsearchLogStore } from "./elasticsearch_log_store.ts";
export { createOpenSearchLogStore } from "./opensearch_log_store.ts";
export { createEngineLogStore, type EngineLogStoreOptions } from "./engine_log_store.ts";
