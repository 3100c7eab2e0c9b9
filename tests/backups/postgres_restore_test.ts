/**
 * The Postgres backup recipe of the README, run for real: `pg_dump` of a
 * database holding an audit trail with a signed checkpoint, `pg_restore` into
 * a scratch database, then the audit chain verifier (`verify-audit`) on the
 * restored copy — intact; and a copy altered after the restore is caught.
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import { createCheckpointStore } from "../../infra/postgres/audit/checkpoint_store.ts";
import { openPostgres } from "../support/databases.ts";
import { requireService } from "../support/services.ts";
import { appendMany, tamper, testKeys } from "../audit/audit_fixture.ts";
import { createSql } from "../../infra/postgres/mod.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;
const adminUrl = await requireService("postgres");

/** The client tools of the newest installed PostgreSQL (the server's own version in CI). */
async function pgTool(name: string): Promise<string> {
  const versions: string[] = [];
  try {
    for await (const entry of Deno.readDir("/usr/lib/postgresql")) versions.push(entry.name);
  } catch { /* not a Debian layout: rely on PATH */ }
  const newest = versions.sort((a, b) => Number(a) - Number(b)).at(-1);
  return newest ? `/usr/lib/postgresql/${newest}/bin/${name}` : name;
}

async function run(command: string, args: string[], env: Record<string, string> = {}) {
  const output = await new Deno.Command(command, { args, env, stdout: "piped", stderr: "piped" })
    .output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

Deno.test({
  name: "pg_dump → pg_restore into a scratch database → verify-audit: intact, and tampering caught",
  ignore: !adminUrl,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "pg-restore-" });
    await using source = await openPostgres(adminUrl!, { migrate: true });
    await appendMany(source.sql, 250, { batch: 50 });
    await createCheckpointStore(source.sql, { keys: await testKeys() }).create("on_demand");
    await appendMany(source.sql, 10, { from: 250 });

    const restoredName = `restore_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
    const restoredUrl = new URL(adminUrl!);
    restoredUrl.pathname = `/${restoredName}`;
    const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
    try {
      const dump = `${dir}/audit.dump`;
      const dumped = await run(await pgTool("pg_dump"), [
        "--format=custom",
        "--no-owner",
        `--file=${dump}`,
        `--dbname=${source.url}`,
      ]);
      assert.equal(dumped.code, 0, dumped.stderr);

      await admin.unsafe(`create database ${restoredName}`);
      const restored = await run(await pgTool("pg_restore"), [
        "--no-owner",
        "--exit-on-error",
        `--dbname=${restoredUrl}`,
        dump,
      ]);
      assert.equal(restored.code, 0, restored.stderr);

      const jwks = `${dir}/jwks.json`;
      await Deno.writeTextFile(jwks, JSON.stringify({ keys: (await testKeys()).publicJwks }));
      const verify = () =>
        run(Deno.execPath(), [
          "run",
          "--allow-all",
          MAIN,
          "verify-audit",
          "--database-url",
          restoredUrl.toString(),
          "--jwks",
          jwks,
        ], { LOG_LEVEL: "error", DATABASE_URL: "", PATH: Deno.env.get("PATH") ?? "" });

      const intact = await verify();
      assert.equal(intact.code, 0, intact.stderr + intact.stdout);
      assert.match(intact.stdout, /^INTACT {2}260 events up to seq 260; checkpoints 1\/1 matched/);

      const copy = createSql({ kind: "url", url: restoredUrl.toString(), poolMax: 1 });
      try {
        await tamper(copy, (tx) => tx`update audit_log set outcome = 'denied' where seq = 120`);
      } finally {
        await copy.end({ timeout: 1 });
      }
      const broken = await verify();
      assert.equal(broken.code, 1, broken.stderr + broken.stdout);
      assert.match(broken.stdout, /^BROKEN {2}first break at seq 120: edited/);
    } finally {
      await admin.unsafe(`drop database if exists ${restoredName} with (force)`);
      await admin.end({ timeout: 1 });
      await Deno.remove(dir, { recursive: true });
    }
  },
});
