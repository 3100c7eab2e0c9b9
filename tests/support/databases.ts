/**
 * Fresh, isolated databases for integration tests, on both engines the
 * service runs on: the embedded PGlite (always available) and a real
 * Postgres (from `deno task services`; required in CI).
 *
 * ```ts
 * await testOnEachDatabase("appends", async (db) => {
 *   await db.sql`select 1`;
 * });
 * ```
 * (`databaseEngines()` for tests that need more than one fresh migrated
 * database per engine.)
 * @module
 */
import postgres from "postgres";
import { createSql, migrateUp, type Sql, startEmbeddedPostgres } from "../../infra/postgres/mod.ts";
import { requireService } from "./services.ts";

export interface TestDatabase extends AsyncDisposable {
  readonly engine: "pglite" | "postgres";
  readonly sql: Sql;
  /** A URL other connections (or a child process) can use; Postgres only. */
  readonly url?: string;
  close(): Promise<void>;
}

export interface DatabaseEngine {
  readonly name: "pglite" | "postgres";
  readonly available: boolean;
  open(options?: { migrate?: boolean; poolMax?: number }): Promise<TestDatabase>;
}

/** PGlite always; real Postgres when it runs (in CI it must). */
export async function databaseEngines(): Promise<DatabaseEngine[]> {
  const pgUrl = await requireService("postgres");
  return [
    { name: "pglite", available: true, open: openPglite },
    {
      name: "postgres",
      available: pgUrl !== undefined,
      open: (options) => openPostgres(pgUrl!, options),
    },
  ];
}

/**
 * Registers `name` once per engine (`[pglite] name`, `[postgres] name`), each
 * run on a fresh migrated database; ignored where the engine is absent.
 */
export async function testOnEachDatabase(
  name: string,
  fn: (db: TestDatabase, t: Deno.TestContext) => Promise<void>,
): Promise<void> {
  for (const engine of await databaseEngines()) {
    Deno.test({
      name: `[${engine.name}] ${name}`,
      ignore: !engine.available,
      sanitizeResources: false,
      sanitizeOps: false,
      fn: async (t) => {
        await using db = await engine.open({ migrate: true });
        await fn(db, t);
      },
    });
  }
}

/** A fresh in-memory PGlite, gone on close (tests and benchmarks). */
export async function openPglite(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const embedded = await startEmbeddedPostgres({ dataDir: "memory://" });
  const sql = createSql({ kind: "embedded", host: embedded.host, port: embedded.port });
  if (options.migrate) await migrateUp(sql);
  const close = async () => {
    await sql.end({ timeout: 1 });
    await embedded.stop();
  };
  return { engine: "pglite", sql, close, [Symbol.asyncDispose]: close };
}

/**
 * A throw-away database per call on the server of `adminUrl`, dropped on
 * close, so tests (and benchmarks) never share state.
 */
export async function openPostgres(
  adminUrl: string,
  options: { migrate?: boolean; poolMax?: number } = {},
): Promise<TestDatabase> {
  const name = `test_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const sql = createSql({ kind: "url", url: url.toString(), poolMax: options.poolMax ?? 4 });
  if (options.migrate) await migrateUp(sql);
  const close = async () => {
    await sql.end({ timeout: 1 });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 1 });
  };
  return { engine: "postgres", sql, url: url.toString(), close, [Symbol.asyncDispose]: close };
}
