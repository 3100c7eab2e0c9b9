export { createPostgresLogStore } from "./postgres_log_store.ts";
export { applyLogRetention } from "./log_retention.ts";
