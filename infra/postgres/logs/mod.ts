export { createPostgresLogStore, type PostgresLogStoreOptions } from "./postgres_log_store.ts";
export { searchVector } from "./log_rows.ts";
export { filterCondition, textQuery } from "./log_filter_sql.ts";
