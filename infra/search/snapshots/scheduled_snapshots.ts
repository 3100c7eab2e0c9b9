/**
 * The service's own snapshot schedule, for engines without one (OpenSearch
 * without the index-management plugin) or by choice (`SNAPSHOT_SCHEDULE=
 * service`): one snapshot per slot, named after the slot so that every pod
 * asks for the same name and the engine keeps only the first request; then
 * the retention of SLM (age, minimum and maximum count) on the snapshots of
 * that name prefix.
 * @module
 */
import {
  expiredSnapshots,
  scheduledSnapshotName,
  type SnapshotRetention,
} from "../../../domain/backups/mod.ts";
import type { EngineHttp } from "../setup/engine_http.ts";
import { engineSnapshotSource, reasonOf } from "./engine_snapshot_source.ts";

/** What one scheduled run did. */
export interface ScheduledSnapshotRun {
  readonly snapshot: string;
  /** `taken`, or `exists` when another pod (or an earlier run) took it. */
  readonly outcome: "taken" | "exists";
  readonly deleted: readonly string[];
}

/**
 * Takes the snapshot of `slot` unless it exists (another pod, or an earlier
 * tick, took it), then applies the retention. Throws when the snapshot could
 * not be started; the caller tries again on its next tick.
 */
export async function takeScheduledSnapshot(
  http: EngineHttp,
  options: {
    readonly repository: string;
    readonly indices: readonly string[];
    readonly slot: Date;
    readonly retention: SnapshotRetention;
    readonly now: Date;
  },
): Promise<ScheduledSnapshotRun> {
  const repo = encodeURIComponent(options.repository);
  const snapshot = scheduledSnapshotName(options.repository, options.slot);
  let outcome: ScheduledSnapshotRun["outcome"] = "exists";
  const existing = await http.request("GET", `/_snapshot/${repo}/${snapshot}`);
  if (existing.status === 404) {
    const answer = await http.request("PUT", `/_snapshot/${repo}/${snapshot}`, {
      indices: options.indices.join(","),
      ignore_unavailable: true,
      include_global_state: false,
      metadata: { taken_by: "logging-audit-service", slot: options.slot.toISOString() },
    });
    if (answer.status < 300) {
      outcome = "taken";
    } else if (!/already exists|already in[- ]progress/i.test(JSON.stringify(answer.body))) {
      // Not taken (e.g. another snapshot running on an engine without concurrent snapshots):
      // the caller tries again on its next tick.
      throw new Error(`snapshot ${snapshot}: ${reasonOf(answer)}`);
    }
  } else if (existing.status >= 300) {
    throw new Error(`snapshot ${snapshot}: ${reasonOf(existing)}`);
  }
  const snapshots = await engineSnapshotSource(http, options.repository).list();
  const deleted: string[] = [];
  for (
    const name of expiredSnapshots(snapshots, options.repository, options.retention, options.now)
  ) {
    const removed = await http.request("DELETE", `/_snapshot/${repo}/${encodeURIComponent(name)}`);
    // Another pod deleting the same snapshot first is not a failure.
    if (removed.status < 300) deleted.push(name);
  }
  return { snapshot, outcome, deleted };
}
