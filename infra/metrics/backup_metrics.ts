import client from "prom-client";
import type { BackupVerification } from "../../domain/backups/mod.ts";

/**
 * Backup verification and scheduled snapshot metrics (SPEC S14). The gauges
 * carry the repository as a label, so they have no sample at all (rather
 * than a misleading 0) until the first verification ran.
 */
export function registerBackupMetrics(registry: client.Registry) {
  const success = new client.Gauge({
    name: "backup_verification_success",
    help: "1 when the last backup verification of this instance passed, 0 when it failed",
    labelNames: ["repository"] as const,
    registers: [registry],
  });
  const lastVerified = new client.Gauge({
    name: "backup_last_verified_timestamp_seconds",
    help: "When a backup verification last passed (Unix seconds)",
    labelNames: ["repository"] as const,
    registers: [registry],
  });
  const newestAge = new client.Gauge({
    name: "backup_newest_snapshot_age_seconds",
    help: "Age of the newest finished snapshot at the last verification",
    labelNames: ["repository"] as const,
    registers: [registry],
  });
  const verifications = new client.Counter({
    name: "backup_verifications_total",
    help: "Backup verifications by result (ok, failed)",
    labelNames: ["result"] as const,
    registers: [registry],
  });
  const snapshots = new client.Counter({
    name: "backup_scheduled_snapshots_total",
    help: "Snapshots of the service's own schedule by outcome (taken, exists, failed)",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });
  return {
    verified(report: BackupVerification): void {
      const labels = { repository: report.repository };
      success.set(labels, report.ok ? 1 : 0);
      verifications.inc({ result: report.ok ? "ok" : "failed" });
      if (report.ok) lastVerified.set(labels, Date.parse(report.verified_at) / 1000);
      if (report.snapshot) newestAge.set(labels, report.snapshot.age_hours * 3600);
    },
    snapshotScheduled(outcome: "taken" | "exists" | "failed"): void {
      snapshots.inc({ outcome });
    },
  };
}

export type BackupMetrics = ReturnType<typeof registerBackupMetrics>;
