/**
 * Search-engine backups in the running service: the service's own snapshot
 * schedule (where the engine has none) and the daily backup verification,
 * as upkeep jobs; plus the settings both share with `setup-es` and
 * `verify-backup`. A failed verification sets the metrics and calls
 * `onVerificationFailed` — the alerting feature's `handle_critical_error`
 * is connected there by the composition root.
 * @module
 */
import {
  type BackupVerification,
  slotAt,
  type SnapshotRetention,
  verifyDailyBackup,
} from "../domain/backups/mod.ts";
import type { Config } from "../infra/config/mod.ts";
import type { Logger } from "../infra/logging/mod.ts";
import type { BackupMetrics } from "../infra/metrics/backup_metrics.ts";
import { EXCLUSIVE_JOBS, runExclusive } from "../infra/postgres/exclusive_run.ts";
import type { Sql } from "../infra/postgres/mod.ts";
import { engineSnapshotSource } from "../infra/search/snapshots/engine_snapshot_source.ts";
import { takeScheduledSnapshot } from "../infra/search/snapshots/scheduled_snapshots.ts";
import { scheduleOwner, type SnapshotSettings } from "../infra/search/snapshots/snapshot_policy.ts";
import type { EngineHttp } from "../infra/search/setup/engine_http.ts";
import type { MaintenanceJob } from "./maintenance.ts";

const TICK_MS = 15_000;
/** Longer than a tick plus any sane clock skew between pods. */
const VERIFY_LOCK_HOLD_MS = 90_000;

/** The snapshot settings of the configuration, or undefined without a repository. */
export function snapshotSettings(config: Config): SnapshotSettings | undefined {
  if (!config.SNAPSHOT_REPOSITORY) return undefined;
  return {
    repository: config.SNAPSHOT_REPOSITORY,
    ...(config.SNAPSHOT_REPOSITORY_TYPE ? { type: config.SNAPSHOT_REPOSITORY_TYPE } : {}),
    ...(config.SNAPSHOT_REPOSITORY_SETTINGS
      ? { settings: config.SNAPSHOT_REPOSITORY_SETTINGS }
      : {}),
    schedule: config.SNAPSHOT_SCHEDULE,
    times: { timeUtc: config.SNAPSHOT_TIME_UTC, everyHours: config.SNAPSHOT_EVERY_HOURS },
    indices: config.SNAPSHOT_INDICES,
    retentionDays: config.SNAPSHOT_RETENTION_DAYS,
    minCount: config.SNAPSHOT_MIN_COUNT,
    maxCount: config.SNAPSHOT_MAX_COUNT,
  };
}

/** Runs the verification once with the configured policy. */
export function verifyConfiguredBackup(
  config: Config,
  http: EngineHttp,
  options: { restore?: boolean; maxAgeHours?: number; say?: (line: string) => void } = {},
): Promise<BackupVerification> {
  return verifyDailyBackup(
    {
      snapshots: engineSnapshotSource(http, config.SNAPSHOT_REPOSITORY!),
      now: () => new Date(),
      ...(options.say ? { say: options.say } : {}),
    },
    {
      maxAgeMs: (options.maxAgeHours ?? config.BACKUP_MAX_AGE_HOURS) * 3_600_000,
      restore: options.restore ?? config.BACKUP_VERIFY_RESTORE,
      runId: crypto.randomUUID().slice(0, 8),
    },
  );
}

/** What the backup jobs need besides configuration. */
export interface BackupJobOptions {
  readonly http: EngineHttp;
  readonly logger: Logger;
  readonly metrics: BackupMetrics;
  /** Postgres shared by the pods: one of them verifies. Without it (embedded), this one does. */
  readonly sql?: Sql;
  /** A failed scheduled verification; the alerting feature connects `handle_critical_error`. */
  readonly onVerificationFailed: (report: BackupVerification) => Promise<void>;
  /** A verification that passed: clears the alert of an earlier failure. */
  readonly onVerified?: (report: BackupVerification) => Promise<void>;
  readonly now?: () => Date;
  /** How long the verifying pod keeps the lock at least (tests shorten it). */
  readonly lockHoldMs?: number;
}

/** The upkeep jobs for search-engine backups; none without a snapshot repository. */
export function backupJobs(config: Config, options: BackupJobOptions): MaintenanceJob[] {
  const settings = snapshotSettings(config);
  if (!settings) return [];
  const now = options.now ?? (() => new Date());
  const jobs: MaintenanceJob[] = [];

  let owner: Promise<string> | undefined;
  let snapshotSlot = 0;
  jobs.push({
    name: "scheduled search snapshots",
    everyMs: settings.schedule === "off" ? 0 : TICK_MS,
    run: async () => {
      owner ??= scheduleOwner(options.http, settings).catch((error) => {
        owner = undefined;
        throw error;
      });
      if ((await owner) !== "service") return;
      const slot = slotAt(now(), settings.times).getTime();
      if (slot <= snapshotSlot) return;
      try {
        const run = await takeScheduledSnapshot(options.http, {
          repository: settings.repository,
          indices: settings.indices,
          slot: new Date(slot),
          retention: retentionOf(settings),
          now: now(),
        });
        snapshotSlot = slot;
        options.metrics.snapshotScheduled(run.outcome);
        if (run.outcome === "taken" || run.deleted.length > 0) {
          options.logger.info(`snapshot ${run.snapshot} ${run.outcome}`, {
            "snapshot.repository": settings.repository,
            "snapshot.deleted": run.deleted,
          });
        }
      } catch (error) {
        options.metrics.snapshotScheduled("failed");
        throw error;
      }
    },
  });

  if (config.BACKUP_VERIFY_TIME_UTC !== "off") {
    const times = { timeUtc: config.BACKUP_VERIFY_TIME_UTC, everyHours: 24 };
    // Verification runs at the next scheduled time, not at every start-up.
    let verifySlot = slotAt(now(), times).getTime();
    jobs.push({
      name: "backup verification",
      everyMs: TICK_MS,
      run: async () => {
        const slot = slotAt(now(), times).getTime();
        if (slot <= verifySlot) return;
        verifySlot = slot;
        const verify = () => verifyConfiguredBackup(config, options.http);
        const outcome = options.sql
          ? await runExclusive(
            options.sql,
            EXCLUSIVE_JOBS.backupVerification,
            options.lockHoldMs ?? VERIFY_LOCK_HOLD_MS,
            verify,
          )
          : { skipped: false as const, result: await verify() };
        if (outcome.skipped) return;
        const report = outcome.result;
        options.metrics.verified(report);
        if (report.ok) {
          options.logger.info("backup verified", {
            "snapshot.repository": report.repository,
            "snapshot.name": report.snapshot?.name,
          });
          await options.onVerified?.(report);
        } else {
          options.logger.error("backup verification failed", {
            "snapshot.repository": report.repository,
            "event.reason": report.reason,
          });
          await options.onVerificationFailed(report);
        }
      },
    });
  }
  return jobs;
}

function retentionOf(settings: SnapshotSettings): SnapshotRetention {
  return {
    expireAfterMs: settings.retentionDays * 86_400_000,
    minCount: settings.minCount,
    maxCount: settings.maxCount,
  };
}
