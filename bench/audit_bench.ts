/**
 * Audit trail benchmark, each figure next to its plain baseline measured in
 * the same run, so the cost of integrity reads as a ratio:
 *
 * - append: batches linked into the hash chain (lock, SHA-256, ids, head) vs a
 *   plain INSERT of the same rows into an identical table without the chain;
 * - verify: the full walk (hash and link checks in a worker, next chunk read
 *   meanwhile) vs a plain SELECT of the same rows in the same chunks;
 * - export: peak resident memory while streaming all rows as CSV and NDJSON
 *   (in a child process), next to an export of a tenth of the rows, to show
 *   it stays flat.
 *
 * Run: `deno run -A bench/audit_bench.ts [--events 100000] [--batch 1000]
 * [--engine postgres|pglite|all]`. Postgres is the one of
 * `deno task services` (TEST_DATABASE_URL); a throw-away database is made.
 */
import { parseArgs } from "node:util";
import { type AuditEventDraft, GENESIS_HASH, linkEvents } from "../domain/audit/mod.ts";
import { newEventId } from "../composition/audit_trail.ts";
import { poolWalkRunner } from "../infra/audit/chain_verification.ts";
import { nativeSha256Hex } from "../infra/crypto/native_sha256.ts";
import { verifyStoredChain } from "../infra/audit/stored_chain_verifier.ts";
import { readChainChunk } from "../infra/postgres/audit/audit_repository.ts";
import { insertEvents } from "../infra/postgres/audit/audit_rows.ts";
import { createPostgresAuditStore } from "../infra/postgres/audit/audit_store.ts";
import {
  createSql,
  type EmbeddedPostgres,
  migrateUp,
  type Sql,
  startEmbeddedPostgres,
} from "../infra/postgres/mod.ts";
import { openPostgres } from "../tests/support/databases.ts";
import { configuredUrl } from "../tests/support/services.ts";
import { createWorkerPool } from "../workers/pool.ts";

/** One engine's figures. */
export interface AuditBenchResult {
  readonly engine: "postgres" | "pglite";
  readonly events: number;
  readonly batch: number;
  readonly appendChainPerSecond: number;
  readonly insertPlainPerSecond: number;
  readonly verifyPerSecond: number;
  readonly selectPlainPerSecond: number;
  readonly export: readonly {
    readonly format: string;
    readonly rows: number;
    readonly megabytes: number;
    /** Peak resident memory of the exporting process, default V8 settings. */
    readonly peakRssMiB: number;
    /** Live heap left after the export and a full GC: what the export kept. */
    readonly heapRetainedMiB: number;
    /** Peak resident memory with the V8 old space capped at {@linkcode HEAP_CAP_MIB} MiB. */
    readonly cappedPeakRssMiB: number;
    readonly rowsPerSecond: number;
  }[];
}

const progress = (message: string) => console.error(`[audit bench] ${message}`);
const BASE = Date.UTC(2026, 0, 1);

function benchDraft(i: number): AuditEventDraft {
  return {
    id: newEventId(),
    occurred_at: new Date(BASE + i * 1000).toISOString(),
    tenant_id: "default",
    recorded_by: "bench",
    actor: {
      id: `u-${i % 1000}`,
      type: "user",
      ip: `10.0.${i % 250}.${i % 200}`,
      user_agent: "Mozilla/5.0",
    },
    action: ["document.update", "document.read", "user.login"][i % 3]!,
    action_type: (["update", "read", "login"] as const)[i % 3]!,
    resource: { type: "document", id: `doc-${i % 5000}` },
    outcome: "success",
    reason: null,
    request_id: `req-${i}`,
    trace_id: null,
    changes: i % 3 === 0 ? { before: { title: "draft" }, after: { title: "final", rev: i } } : null,
    metadata: { client: "bench", seq_hint: i },
  };
}

const MiB = 2 ** 20;
/** Old-space cap of the second export run: the export must fit in it, whatever its size. */
const HEAP_CAP_MIB = 48;

interface ProbeResult {
  readonly bytes: number;
  readonly seconds: number;
  readonly rssPeakBytes: number;
  readonly heapRetainedBytes: number;
}

async function exportProbe(
  target: string,
  options: { format: string; to: string | undefined; v8Flags: string[] },
): Promise<ProbeResult> {
  const { format, to, v8Flags } = options;
  const probe = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      `--v8-flags=${["--expose-gc", ...v8Flags].join(",")}`,
      new URL("./_audit_export_probe.ts", import.meta.url).pathname,
      target,
      format,
      ...(to ? [to] : []),
    ],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  if (!probe.success) {
    throw new Error(`export probe failed (${format}, flags ${v8Flags.join(" ")})`);
  }
  return JSON.parse(new TextDecoder().decode(probe.stdout).trim().split("\n").pop()!);
}

async function timed(body: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await body();
  return (performance.now() - started) / 1000;
}

async function benchEngine(
  engine: "postgres" | "pglite",
  open: () => Promise<{ sql: Sql; target: string; pause(): Promise<void>; close(): Promise<void> }>,
  options: { events: number; batch: number },
): Promise<AuditBenchResult> {
  const { events, batch } = options;
  const db = await open();
  const sql = db.sql;
  await migrateUp(sql);
  await sql.unsafe(`
    create table bench_plain (like audit_log including defaults including constraints including indexes)
      partition by range (occurred_at);
    create table bench_plain_all partition of bench_plain default;`);

  progress(`${engine}: preparing ${events} events`);
  const drafts = Array.from({ length: events }, (_, i) => benchDraft(i));
  const linked = linkEvents({ seq: 0, hash: GENESIS_HASH }, drafts, {
    recordedAt: new Date().toISOString(),
    sha256: nativeSha256Hex,
  });

  progress(`${engine}: plain INSERT, batches of ${batch}`);
  const plainInsert = await timed(async () => {
    for (let i = 0; i < events; i += batch) {
      await insertEvents(sql, linked.slice(i, i + batch), { table: "bench_plain" });
    }
  });
  progress(`${engine}: append with the chain, batches of ${batch}`);
  const store = createPostgresAuditStore(sql, { sha256: nativeSha256Hex });
  await store.partitions.ensureFor(drafts.map((d) => d.occurred_at));
  const chainAppend = await timed(async () => {
    for (let i = 0; i < events; i += batch) await store.append(drafts.slice(i, i + batch));
  });
  await store.close();

  progress(`${engine}: plain SELECT of every row, 2000 per query`);
  const plainSelect = await timed(async () => {
    for (let after = 0;;) {
      const rows = await readChainChunk(sql, { afterSeq: after, maxSeq: events, limit: 2000 });
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!.seq;
    }
  });
  progress(`${engine}: full verification (worker pool)`);
  const pool = createWorkerPool({ size: 1, taskTimeoutMs: 300_000, maxQueue: 4 });
  let verified = 0;
  const verify = await timed(async () => {
    const report = await verifyStoredChain(sql, {
      runner: poolWalkRunner(pool),
      publicJwks: [],
      chunkRows: 2000,
    });
    if (!report.ok) throw new Error(`chain broken: ${JSON.stringify(report.first_break)}`);
    verified = report.events_checked;
  });
  await pool.shutdown({ graceMs: 0 });

  await db.pause();
  const exports = [];
  const tenth = new Date(BASE + Math.floor(events / 10) * 1000).toISOString();
  for (const format of ["csv", "ndjson"]) {
    for (const [rows, to] of [[Math.floor(events / 10), tenth], [events, undefined]] as const) {
      progress(`${engine}: export ${rows} rows as ${format} (child processes)`);
      const free = await exportProbe(db.target, { format, to, v8Flags: [] });
      const capped = await exportProbe(db.target, {
        format,
        to,
        v8Flags: [`--max-old-space-size=${HEAP_CAP_MIB}`],
      });
      exports.push({
        format,
        rows,
        megabytes: free.bytes / 1e6,
        peakRssMiB: free.rssPeakBytes / MiB,
        heapRetainedMiB: free.heapRetainedBytes / MiB,
        cappedPeakRssMiB: capped.rssPeakBytes / MiB,
        rowsPerSecond: rows / free.seconds,
      });
    }
  }
  await db.close();
  return {
    engine,
    events,
    batch,
    appendChainPerSecond: events / chainAppend,
    insertPlainPerSecond: events / plainInsert,
    verifyPerSecond: verified / verify,
    selectPlainPerSecond: events / plainSelect,
    export: exports,
  };
}

async function openBenchPostgres(adminUrl: string) {
  const db = await openPostgres(adminUrl, { poolMax: 4 });
  return { sql: db.sql, target: db.url!, pause: () => Promise.resolve(), close: db.close };
}

/** On disk, not in memory: the export child process opens the same data directory. */
async function openBenchPglite() {
  const dataDir = await Deno.makeTempDir({ prefix: "audit-bench-" });
  let embedded: EmbeddedPostgres | undefined = await startEmbeddedPostgres({ dataDir });
  const sql = createSql({ kind: "embedded", host: embedded.host, port: embedded.port });
  return {
    sql,
    target: `pglite:${dataDir}`,
    async pause() { // the child process needs the data directory to itself
      await sql.end({ timeout: 1 });
      await embedded?.stop();
      embedded = undefined;
    },
    async close() {
      await embedded?.stop();
      await Deno.remove(dataDir, { recursive: true });
    },
  };
}

/** Runs the benchmark on the available engines and returns the figures. */
export async function runAuditBench(
  options: { events?: number; batch?: number; engines?: readonly ("postgres" | "pglite")[] } = {},
): Promise<AuditBenchResult[]> {
  const events = options.events ?? 100_000;
  const batch = options.batch ?? 1000;
  const results: AuditBenchResult[] = [];
  for (const engine of options.engines ?? ["postgres", "pglite"]) {
    if (engine === "postgres") {
      const url = configuredUrl("postgres");
      try {
        results.push(
          await benchEngine("postgres", () => openBenchPostgres(url), { events, batch }),
        );
      } catch (error) {
        if ((error as { code?: string }).code !== "ECONNREFUSED") throw error;
        progress(`postgres: none at ${new URL(url).host} (run \`deno task services\`), skipped`);
      }
    } else {
      results.push(await benchEngine("pglite", openBenchPglite, { events, batch }));
    }
  }
  return results;
}

/** The side-by-side tables. */
export function formatAuditBench(results: readonly AuditBenchResult[]): string {
  const n = (value: number) => Math.round(value).toLocaleString("en-US").padStart(10);
  const lines = [
    "engine    operation                        with integrity       plain   cost",
  ];
  for (const r of results) {
    lines.push(
      `${r.engine.padEnd(9)} append, ${String(r.batch).padEnd(5)} per batch (ev/s) ` +
        `${n(r.appendChainPerSecond)}  ${n(r.insertPlainPerSecond)}  ` +
        `${(r.insertPlainPerSecond / r.appendChainPerSecond).toFixed(2)}×`,
      `${r.engine.padEnd(9)} verify vs SELECT (ev/s)          ` +
        `${n(r.verifyPerSecond)}  ${n(r.selectPlainPerSecond)}  ` +
        `${(r.selectPlainPerSecond / r.verifyPerSecond).toFixed(2)}×`,
    );
  }
  lines.push(
    "",
    `engine    export           rows      MB   rows/s  peak RSS  live heap after  peak RSS, ${HEAP_CAP_MIB} MiB heap cap`,
  );
  for (const r of results) {
    for (const e of r.export) {
      lines.push(
        `${r.engine.padEnd(9)} ${e.format.padEnd(7)} ${String(e.rows).padStart(10)} ` +
          `${e.megabytes.toFixed(1).padStart(7)} ${n(e.rowsPerSecond).slice(1)} ` +
          `${e.peakRssMiB.toFixed(0).padStart(5)} MiB ${
            e.heapRetainedMiB.toFixed(1).padStart(10)
          } MiB ` +
          `${e.cappedPeakRssMiB.toFixed(0).padStart(12)} MiB`,
      );
    }
  }
  return lines.join("\n");
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      events: { type: "string", default: "100000" },
      batch: { type: "string", default: "1000" },
      engine: { type: "string", default: "all" },
    },
  });
  const engines = values.engine === "all"
    ? (["postgres", "pglite"] as const)
    : [values.engine as "postgres" | "pglite"];
  const results = await runAuditBench({
    events: Number(values.events),
    batch: Number(values.batch),
    engines,
  });
  console.log(formatAuditBench(results));
}
