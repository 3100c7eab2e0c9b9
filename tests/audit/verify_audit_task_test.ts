/**
 * `deno task verify-audit` as an operator runs it: against the database
 * (real Postgres, and the embedded one in a data directory) and against
 * export files, with exit status 0 when intact and 1 at the first break.
 */
import assert from "node:assert/strict";
import { exportEvent, type ExportFormat, exportPreamble } from "../../domain/audit/mod.ts";
import { readChainChunk } from "../../infra/postgres/audit/audit_repository.ts";
import { createCheckpointStore } from "../../infra/postgres/audit/checkpoint_store.ts";
import { createSql, migrateUp, type Sql, startEmbeddedPostgres } from "../../infra/postgres/mod.ts";
import { databaseEngines } from "../support/databases.ts";
import { appendMany, tamper, testKeys } from "./audit_fixture.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;

async function runTask(args: string[], env: Record<string, string>) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", MAIN, "verify-audit", ...args],
    env: { DATABASE_URL: "", LOG_LEVEL: "error", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

async function writeExport(
  sql: Sql,
  path: string,
  format: ExportFormat,
  keep = (_seq: number) => true,
) {
  const events = await readChainChunk(sql, { afterSeq: 0, maxSeq: 1e9, limit: 100_000 });
  const text = exportPreamble(format) +
    events.filter((e) => keep(e.seq)).map((e) => exportEvent(format, e)).join("");
  await Deno.writeTextFile(path, text);
}

async function populate(sql: Sql) {
  await appendMany(sql, 300, { batch: 100 });
  await createCheckpointStore(sql, { keys: await testKeys() }).create("on_demand");
  await appendMany(sql, 20, { from: 300 });
}

for (const engine of await databaseEngines()) {
  Deno.test({
    name: `[${engine.name}] deno task verify-audit: database and export files`,
    ignore: !engine.available,
    sanitizeResources: false,
    sanitizeOps: false,
    fn: async (t) => {
      const dir = await Deno.makeTempDir();
      const jwks = `${dir}/jwks.json`;
      await Deno.writeTextFile(jwks, JSON.stringify({ keys: (await testKeys()).publicJwks }));
      try {
        // The database: a throw-away Postgres database, or an embedded one in a data directory.
        let target: Record<string, string>;
        let sql: Sql;
        let close: () => Promise<void>;
        if (engine.name === "postgres") {
          const db = await engine.open({ migrate: true });
          sql = db.sql;
          target = { DATABASE_URL: db.url! };
          close = () => db.close();
        } else {
          const dataDir = `${dir}/data`;
          const embedded = await startEmbeddedPostgres({ dataDir });
          sql = createSql({ kind: "embedded", host: embedded.host, port: embedded.port });
          await migrateUp(sql);
          target = { DATA_DIR: dataDir };
          close = async () => {
            await sql.end({ timeout: 1 });
            await embedded.stop();
          };
        }
        await populate(sql);
        for (const format of ["ndjson", "csv"] as const) {
          await writeExport(sql, `${dir}/full.${format}`, format);
        }
        await writeExport(sql, `${dir}/filtered.ndjson`, "ndjson", (seq) => seq % 3 === 0);
        const lines = (await Deno.readTextFile(`${dir}/full.ndjson`)).split("\n"); // line i: seq i + 1
        lines[40] = lines[40]!.replace('"outcome":"success"', '"outcome":"denied"');
        await Deno.writeTextFile(`${dir}/edited.ndjson`, lines.join("\n"));

        // The embedded database is one process's at a time: let the task open it.
        if (engine.name === "pglite") await close();

        await t.step("intact database: exit 0", async () => {
          const run = await runTask(["--jwks", jwks], target);
          assert.equal(run.code, 0, run.stderr + run.stdout);
          assert.match(run.stdout, /^INTACT {2}320 events up to seq 320; checkpoints 1\/1 matched/);
        });

        for (const format of ["ndjson", "csv"]) {
          await t.step(
            `intact ${format} export, checkpoints from the database: exit 0`,
            async () => {
              const run = await runTask(
                ["--jwks", jwks, "--file", `${dir}/full.${format}`],
                target,
              );
              assert.equal(run.code, 0, run.stderr + run.stdout);
              assert.match(run.stdout, /INTACT {2}320 events/);
            },
          );
        }

        await t.step("filtered export with --partial, no database: exit 0", async () => {
          const run = await runTask([
            "--no-database",
            "--partial",
            "--file",
            `${dir}/filtered.ndjson`,
          ], target);
          assert.equal(run.code, 0, run.stderr + run.stdout);
          assert.match(run.stdout, /INTACT {2}106 events/);
        });

        await t.step("edited export: exit 1 at the edited seq", async () => {
          const run = await runTask(
            ["--no-database", "--file", `${dir}/edited.ndjson`, "--json"],
            target,
          );
          assert.equal(run.code, 1, run.stderr);
          const report = JSON.parse(run.stdout);
          assert.deepEqual([report.first_break.seq, report.first_break.kind], [41, "edited"]);
        });

        await t.step("tampered database: exit 1 naming the first break", async () => {
          if (engine.name === "pglite") {
            const embedded = await startEmbeddedPostgres({ dataDir: target.DATA_DIR! });
            const again = createSql({ kind: "embedded", host: embedded.host, port: embedded.port });
            await tamper(again, (tx) => tx`delete from audit_log where seq = 77`);
            await again.end({ timeout: 1 });
            await embedded.stop();
          } else {
            await tamper(sql, (tx) => tx`delete from audit_log where seq = 77`);
          }
          const run = await runTask(["--jwks", jwks], target);
          assert.equal(run.code, 1, run.stderr + run.stdout);
          assert.match(run.stdout, /^BROKEN {2}first break at seq 77: deleted/);
        });

        if (engine.name === "postgres") await close();
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    },
  });
}
