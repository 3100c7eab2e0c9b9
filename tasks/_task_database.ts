/**
 * The database a command-line task works on: `url` (DATABASE_URL unless the
 * task was given another), or the embedded database under DATA_DIR when there
 * is none. One connection is plenty for a task.
 * @module
 */
import type { Config } from "../infra/config/mod.ts";
import { createSql, type Sql, startEmbeddedPostgres } from "../infra/postgres/mod.ts";

/** An open task database. */
export interface TaskDatabase {
  readonly sql: Sql;
  /** Ends the connection, and stops the embedded database if one was started. */
  close(): Promise<void>;
}

/**
 * Opens the database and says which one on stderr. Rejects when the embedded
 * database cannot start; the task decides its exit status.
 */
export async function openTaskDatabase(
  config: Pick<Config, "DATABASE_URL" | "DATA_DIR">,
  url: string | undefined = config.DATABASE_URL,
): Promise<TaskDatabase> {
  if (url) {
    const sql = createSql({ kind: "url", url, poolMax: 1 });
    console.error(`database: ${new URL(url).host}`);
    return { sql, close: () => sql.end({ timeout: 5 }) };
  }
  console.error(`database: embedded (${config.DATA_DIR})`);
  const embedded = await startEmbeddedPostgres({ dataDir: config.DATA_DIR });
  const sql = createSql({ kind: "embedded", host: embedded.host, port: embedded.port });
  return {
    sql,
    async close() {
      await sql.end({ timeout: 5 });
      await embedded.stop();
    },
  };
}
