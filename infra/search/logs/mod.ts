export { createSearchLogStore } from "./search_log_store.ts";
export { createElasticsearchLogStore } from "./elasticsearch_log_store.ts";
export { createOpenSearchLogStore } from "./opensearch_log_store.ts";
