/**
 * Verifies the audit chain offline: walks every event, checks every hash and
 * link, the signed checkpoints and the retention records, and names the first
 * broken seq with the kind of break.
 *
 *   logging-audit verify-audit                   the database (DATABASE_URL, or DATA_DIR)
 *   logging-audit verify-audit --file x.ndjson   an export file (CSV or NDJSON)
 *
 * Options:
 *   --database-url URL   instead of DATABASE_URL
 *   --file PATH          verify this export; checkpoints and retention records still
 *                        come from the database unless --no-database
 *   --format csv|ndjson  format of --file when its name does not say
 *   --partial            the export was filtered: missing seqs are expected
 *   --jwks PATH          trusted public keys (the JSON of GET /api/v1/audit/signing-keys);
 *                        default: the configured or development signing key
 *   --checkpoints PATH   checkpoints (the JSON of GET /api/v1/audit/checkpoints)
 *   --no-database        do not open a database (file mode only)
 *   --json               print the full report as JSON
 *
 * Exit status: 0 intact, 1 broken, 2 bad usage or an error.
 */
import type { Checkpoint, ExportFormat, RetentionGap, WalkReport } from "../domain/audit/mod.ts";
import { poolWalkRunner } from "../infra/audit/chain_verification.ts";
import { checkCheckpointSignatures, type StoredCheckpoint } from "../infra/audit/checkpoint_jws.ts";
import { formatOfFile, verifyExportFile } from "../infra/audit/export_file_verification.ts";
import { verifyStoredChain } from "../infra/audit/stored_chain_verifier.ts";
import { loadConfigOrExit } from "../infra/config/mod.ts";
import { readRetentionGaps } from "../infra/postgres/audit/audit_repository.ts";
import { readAllCheckpoints } from "../infra/postgres/audit/checkpoint_store.ts";
import { createWorkerPool } from "../workers/pool.ts";
import { openTaskDatabase, type TaskDatabase } from "./_task_database.ts";
import { trustedPublicKeys } from "./_trusted_keys.ts";
import { parseOptions, UsageError } from "./command_line.ts";

/** A run that could not check anything (exit status 2, like bad usage). */
class CannotVerify extends Error {
  override name = "CannotVerify";
}

function options(args: readonly string[]) {
  return parseOptions(args, {
    "database-url": { type: "string" },
    file: { type: "string" },
    format: { type: "string" },
    partial: { type: "boolean", default: false },
    jwks: { type: "string" },
    checkpoints: { type: "string" },
    "no-database": { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  });
}

/** Runs `verify-audit`; resolves with 0 (intact), 1 (broken) or 2 (could not verify). */
export async function run(argv: readonly string[]): Promise<number> {
  const args = options(argv);
  if (args["no-database"] && !args.file) throw new UsageError("--no-database needs --file");
  const formatName = args.file ? (args.format ?? formatOfFile(args.file)) : undefined;
  if (args.file && formatName !== "csv" && formatName !== "ndjson") {
    throw new UsageError("--format must be csv or ndjson");
  }
  const format = formatName as ExportFormat | undefined;

  const config = loadConfigOrExit();
  const readJson = async (path: string) => JSON.parse(await Deno.readTextFile(path)) as unknown;
  const publicJwks = await trustedPublicKeys(args.jwks, () => config);

  let database: TaskDatabase | undefined;
  const pool = createWorkerPool({ size: 1, taskTimeoutMs: 300_000, maxQueue: 4 });
  let report: WalkReport & { source: string };
  try {
    if (!args["no-database"]) {
      database = await openTaskDatabase(config, args["database-url"]).catch((error) => {
        throw new CannotVerify(error instanceof Error ? error.message : String(error));
      });
    }
    const sql = database?.sql;
    if (sql) {
      const [found] = await sql<
        { table: string | null }[]
      >`select to_regclass('audit_log')::text as table`;
      if (!found?.table) {
        throw new CannotVerify(
          "no audit trail in this database: apply the migrations first (`logging-audit migrate up`)",
        );
      }
    }
    const runner = poolWalkRunner(pool);
    if (args.file && format) {
      const stored: StoredCheckpoint[] = args.checkpoints
        ? toStored(await readJson(args.checkpoints))
        : sql
        ? await readAllCheckpoints(sql)
        : [];
      const gaps: RetentionGap[] = sql ? await readRetentionGaps(sql) : [];
      const started = performance.now();
      const walked = await verifyExportFile(args.file, {
        format,
        runner,
        claims: await checkCheckpointSignatures(stored, publicJwks),
        gaps,
        partial: args.partial,
      });
      report = { ...walked, source: args.file };
      console.error(
        `walked ${walked.events_checked} events in ${Math.round(performance.now() - started)} ms`,
      );
    } else {
      const walked = await verifyStoredChain(sql!, {
        runner,
        publicJwks,
        chunkRows: config.AUDIT_READ_CHUNK_ROWS,
      });
      report = { ...walked, source: "database" };
      console.error(`walked ${walked.events_checked} events in ${walked.duration_ms} ms`);
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    console.error(
      error instanceof CannotVerify ? message : `verification failed to run: ${message}`,
    );
    return 2;
  } finally {
    await pool.shutdown({ graceMs: 0 });
    await database?.close();
  }
  printReport(report, args.json);
  return report.ok ? 0 : 1;
}

function printReport(report: WalkReport & { source: string }, json: boolean): void {
  if (json) {
    console.log(JSON.stringify(report, null, 2));
  } else if (report.ok) {
    console.log(
      `INTACT  ${report.events_checked} events up to seq ${report.last_seq}; ` +
        `checkpoints ${report.checkpoints.matched}/${report.checkpoints.checked} matched` +
        (report.retention_gaps_crossed
          ? `; ${report.retention_gaps_crossed} retention gap(s)`
          : ""),
    );
  } else {
    const first = report.first_break!;
    console.log(`BROKEN  first break at seq ${first.seq}: ${first.kind} (${first.detail})`);
    for (const more of report.breaks.slice(1, 10)) {
      console.log(`        seq ${more.seq}: ${more.kind} (${more.detail})`);
    }
    if (report.break_count > 10) console.log(`        … ${report.break_count - 10} more`);
  }
}

function toStored(json: unknown): StoredCheckpoint[] {
  const items = Array.isArray(json) ? json : (json as { items?: unknown }).items;
  if (!Array.isArray(items)) {
    throw new UsageError("--checkpoints: expected a JSON array or { items: [...] }");
  }
  return (items as Checkpoint[]).map((c) => ({
    id: c.id,
    head_seq: c.head_seq,
    head_hash: c.head_hash,
    jws: c.jws,
  }));
}
