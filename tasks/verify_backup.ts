/**
 * Verifies the newest snapshot of the search engine's repository (the
 * service runs the same check daily at BACKUP_VERIFY_TIME_UTC):
 *
 *   logging-audit verify-backup                 exists, recent, completed, readable
 *   logging-audit verify-backup --restore       … and one index restored and counted
 *
 * Options:
 *   --restore / --no-restore   override BACKUP_VERIFY_RESTORE
 *   --max-age-hours H          override BACKUP_MAX_AGE_HOURS
 *   --json                     print the report as JSON
 *   --metrics-file PATH        write backup_verification_success and
 *                              backup_last_verified_timestamp_seconds in the Prometheus
 *                              text format (for a node exporter's textfile collector)
 *
 * Uses ELASTICSEARCH_URL (+ credentials) and SNAPSHOT_REPOSITORY.
 * Exit status: 0 verified, 1 a check failed, 2 bad usage or nothing to verify.
 */
import client from "prom-client";
import { verifyConfiguredBackup } from "../composition/backups.ts";
import type { BackupVerification } from "../domain/backups/mod.ts";
import { loadConfigOrExit } from "../infra/config/mod.ts";
import { registerBackupMetrics } from "../infra/metrics/backup_metrics.ts";
import { openTaskSearchEngine } from "./_task_search_engine.ts";
import { parseOptions, UsageError } from "./command_line.ts";

function options(args: readonly string[]) {
  return parseOptions(args, {
    restore: { type: "boolean" },
    "no-restore": { type: "boolean" },
    "max-age-hours": { type: "string" },
    json: { type: "boolean", default: false },
    "metrics-file": { type: "string" },
  });
}

/** Runs `verify-backup`. */
export async function run(args: readonly string[]): Promise<number> {
  const values = options(args);
  if (values.restore && values["no-restore"]) {
    throw new UsageError("--restore and --no-restore contradict each other");
  }
  const maxAgeHours = values["max-age-hours"] === undefined
    ? undefined
    : Number(values["max-age-hours"]);
  if (maxAgeHours !== undefined && !(maxAgeHours > 0 && maxAgeHours <= 24 * 366)) {
    throw new UsageError("--max-age-hours must be a number of hours above 0");
  }

  const config = loadConfigOrExit();
  const search = config.SNAPSHOT_REPOSITORY ? openTaskSearchEngine(config, 120_000) : undefined;
  if (!search) {
    console.error(
      "nothing to verify: set ELASTICSEARCH_URL and SNAPSHOT_REPOSITORY (see `setup-es`)",
    );
    return 2;
  }
  const quiet = values.json;
  const say = (line: string) => (quiet ? console.error(line) : console.log(line));
  say(`verify-backup: ${search.host}`);
  let report: BackupVerification;
  try {
    report = await verifyConfiguredBackup(config, search.http, {
      ...(values.restore ? { restore: true } : values["no-restore"] ? { restore: false } : {}),
      ...(maxAgeHours !== undefined ? { maxAgeHours } : {}),
      say,
    });
  } finally {
    await search.close();
  }
  if (values["metrics-file"]) await writeMetrics(values["metrics-file"], report);
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else console.log(report.ok ? "VERIFIED" : `FAILED  ${report.reason}`);
  return report.ok ? 0 : 1;
}

/** The report as Prometheus text, written whole (a temporary file renamed into place). */
async function writeMetrics(path: string, report: BackupVerification): Promise<void> {
  const registry = new client.Registry();
  registerBackupMetrics(registry).verified(report);
  const temporary = `${path}.${crypto.randomUUID().slice(0, 8)}.tmp`;
  await Deno.writeTextFile(temporary, await registry.metrics());
  await Deno.rename(temporary, path);
}
