import assert from "node:assert/strict";
import { databaseEngines } from "../../tests/support/databases.ts";
import { createSql } from "./client.ts";
import { readMigrations } from "./migration_files.ts";
import { migrateDown, migrateUp, migrationStatus } from "./migrator.ts";

const migrations = await readMigrations();

async function tables(sql: import("./client.ts").Sql): Promise<string[]> {
  const rows = await sql<{ name: string }[]>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`;
  return rows.map((r) => r.name);
}

for (const engine of await databaseEngines()) {
  Deno.test({
    name: `[${engine.name}] migrations go up, all the way down, and up again`,
    ignore: !engine.available,
    fn: async () => {
      await using db = await engine.open();
      const progress: string[] = [];
      assert.equal(
        await migrateUp(db.sql, { onProgress: (m) => progress.push(m) }),
        migrations.length,
      );
      assert.ok(progress.some((m) => m.startsWith("applied 0001_")), "progress is reported");
      const afterUp = await tables(db.sql);
      assert.ok(afterUp.includes("alerts") && afterUp.includes("search_history"));
      assert.ok((await migrationStatus(db.sql)).every((m) => m.state === "applied"));
      assert.equal(await migrateUp(db.sql), 0, "a second run applies nothing");

      assert.equal(await migrateDown(db.sql, migrations.length), migrations.length);
      assert.deepEqual(await tables(db.sql), ["schema_migrations"], "every down script cleans up");
      assert.ok((await migrationStatus(db.sql)).every((m) => m.state === "pending"));

      assert.equal(await migrateUp(db.sql), migrations.length);
      assert.deepEqual(await tables(db.sql), afterUp);
    },
  });

  Deno.test({
    name: `[${engine.name}] a failing migration leaves nothing behind`,
    ignore: !engine.available,
    fn: async () => {
      await using db = await engine.open();
      const broken = [
        ...migrations,
        {
          version: 9999,
          name: "broken",
          up: "create table half_done (id int); select * from no_such_table;",
          down: "drop table half_done;",
          checksum: "x",
        },
      ];
      await assert.rejects(migrateUp(db.sql, { migrations: broken }), /no_such_table/);
      const names = await tables(db.sql);
      assert.ok(!names.includes("half_done"), "the broken migration's transaction rolled back");
      assert.ok(names.includes("alerts"), "earlier migrations stay applied");
      const status = await migrationStatus(db.sql, { migrations: broken });
      assert.equal(status.find((m) => m.version === 9999)?.state, "pending");
    },
  });

  Deno.test({
    name: `[${engine.name}] an applied migration edited later is reported as modified`,
    ignore: !engine.available,
    fn: async () => {
      await using db = await engine.open({ migrate: true });
      const edited = migrations.map((m, i) => i === 0 ? { ...m, checksum: "edited" } : m);
      const status = await migrationStatus(db.sql, { migrations: edited });
      assert.equal(status[0]?.state, "modified");
    },
  });
}

const postgresEngine = (await databaseEngines()).find((e) => e.name === "postgres")!;
Deno.test({
  name: "[postgres] several pods migrating at once apply each migration exactly once",
  ignore: !postgresEngine.available,
  fn: async () => {
    await using db = await postgresEngine.open();
    const pods = Array.from(
      { length: 4 },
      () => createSql({ kind: "url", url: db.url!, poolMax: 1 }),
    );
    try {
      const applied = await Promise.all(pods.map((sql) => migrateUp(sql)));
      assert.equal(applied.reduce((a, b) => a + b, 0), migrations.length);
      const rows = await db.sql<{ n: number }[]>`select count(*)::int as n from schema_migrations`;
      assert.equal(rows[0]?.n, migrations.length);
    } finally {
      await Promise.all(pods.map((sql) => sql.end({ timeout: 1 })));
    }
  },
});
