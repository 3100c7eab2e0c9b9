export { createPostgresLogStore, type PostgresLogStoreOptions } from "./postgres_log_store.ts";
export {
  applyLogRetention,
  LOG_RETENTION_BATCH_ROWS,
  type LogRetentionOptions,
  type LogRetentionResult,
} from "./log_retention.ts";
export { searchVector } from "./log_rows.ts";
export { filterCondition, textQuery } from "./log_filter_sql.ts";
