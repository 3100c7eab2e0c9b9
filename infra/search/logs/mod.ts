export { createSearchLogStore } from "./search_log_store.ts";
