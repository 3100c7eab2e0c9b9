export { createSql, type Sql, type SqlTarget } from "./client.ts";
export { type EmbeddedPostgres, startEmbeddedPostgres } from "./embedded.ts";
export { postgresHealthCheck } from "./health.ts";
export { type Migration, MIGRATIONS_DIR, readMigrations } from "./migration_files.ts";
export { migrateDown, migrateUp, type MigrationState, migrationStatus } from "./migrator.ts";
