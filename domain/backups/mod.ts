export {
  BackupSourceError,
  type RestoreOutcome,
  type SnapshotInfo,
  type SnapshotSource,
} from "./ports.ts";
export {
  type BackupCheck,
  type BackupCheckName,
  type BackupDeps,
  type BackupPolicy,
  type BackupVerification,
  verifyDailyBackup,
} from "./verify_daily_backup.ts";
export {
  expiredSnapshots,
  scheduledSnapshotName,
  slmCron,
  slotAt,
  slotHours,
  type SnapshotRetention,
  type SnapshotTimes,
  standardCron,
} from "./snapshot_schedule.ts";
