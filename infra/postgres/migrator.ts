import type { Sql } from "./client.ts";
import { type Migration, readMigrations } from "./migration_files.ts";

/** Arbitrary but fixed: every pod of the service contends for this one lock. */
const MIGRATION_LOCK_KEY = 7_310_482_519;

export interface MigrationState {
  readonly version: number;
  readonly name: string;
  readonly applied_at: Date | null;
  /** `modified` when the file changed after it was applied. */
  readonly state: "applied" | "pending" | "modified";
}

/** Options shared by the migrator's functions. */
export interface MigratorOptions {
  readonly migrations?: readonly Migration[];
  /** Called before and after each step, for progress output. */
  readonly onProgress?: (message: string) => void;
}

async function ensureTable(sql: Sql): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`;
    await tx`
      create table if not exists schema_migrations (
        version integer primary key,
        name text not null,
        checksum text not null,
        applied_at timestamptz not null default now(),
        execution_ms integer not null
      )`;
  });
}

/**
 * Applies pending migrations one at a time, each in its own transaction
 * holding the advisory lock. The applied set is re-read under the lock, so
 * several pods starting at once apply each migration exactly once.
 */
export async function migrateUp(sql: Sql, options: MigratorOptions = {}): Promise<number> {
  const migrations = options.migrations ?? await readMigrations();
  await ensureTable(sql);
  let applied = 0;
  for (;;) {
    const step = await sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`;
      const done = new Set(
        (await tx<{ version: number }[]>`select version from schema_migrations`).map((r) =>
          r.version
        ),
      );
      const next = migrations.find((m) => !done.has(m.version));
      if (!next) return undefined;
      options.onProgress?.(`applying ${label(next)} …`);
      const started = performance.now();
      await tx.unsafe(next.up);
      const ms = Math.round(performance.now() - started);
      await tx`
        insert into schema_migrations (version, name, checksum, execution_ms)
        values (${next.version}, ${next.name}, ${next.checksum}, ${ms})`;
      options.onProgress?.(`applied ${label(next)} in ${ms} ms`);
      return next;
    });
    if (!step) break;
    applied++;
  }
  return applied;
}

/** Reverts the `steps` most recent migrations, newest first, one transaction each. */
export async function migrateDown(
  sql: Sql,
  steps: number,
  options: MigratorOptions = {},
): Promise<number> {
  const migrations = options.migrations ?? await readMigrations();
  await ensureTable(sql);
  let reverted = 0;
  while (reverted < steps) {
    const step = await sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`;
      const [last] = await tx<{ version: number }[]>`
        select version from schema_migrations order by version desc limit 1`;
      if (!last) return undefined;
      const migration = migrations.find((m) => m.version === last.version);
      if (!migration) throw new Error(`no down script for applied migration ${last.version}`);
      options.onProgress?.(`reverting ${label(migration)} …`);
      await tx.unsafe(migration.down);
      await tx`delete from schema_migrations where version = ${migration.version}`;
      options.onProgress?.(`reverted ${label(migration)}`);
      return migration;
    });
    if (!step) break;
    reverted++;
  }
  return reverted;
}

/** Every known migration with whether it is applied, pending or modified. */
export async function migrationStatus(
  sql: Sql,
  options: MigratorOptions = {},
): Promise<MigrationState[]> {
  const migrations = options.migrations ?? await readMigrations();
  await ensureTable(sql);
  const rows = await sql<{ version: number; checksum: string; applied_at: Date }[]>`
    select version, checksum, applied_at from schema_migrations`;
  const byVersion = new Map(rows.map((r) => [r.version, r]));
  return migrations.map((m) => {
    const row = byVersion.get(m.version);
    return {
      version: m.version,
      name: m.name,
      applied_at: row?.applied_at ?? null,
      state: !row ? "pending" : row.checksum === m.checksum ? "applied" : "modified",
    };
  });
}

function label(m: Migration): string {
  return `${String(m.version).padStart(4, "0")}_${m.name}`;
}
