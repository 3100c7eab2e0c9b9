import type { SnapshotInfo, SnapshotSource } from "./ports.ts";

/** The checks, in the order they run. */
export type BackupCheckName = "exists" | "recent" | "completed" | "readable" | "restore";

/** One check's outcome. */
export interface BackupCheck {
  readonly check: BackupCheckName;
  readonly ok: boolean;
  readonly detail: string;
}

/** The plan's `verify_daily_backup` result. */
export interface BackupVerification {
  readonly ok: boolean;
  readonly repository: string;
  readonly snapshot?: {
    readonly name: string;
    readonly started_at: string;
    readonly age_hours: number;
    readonly indices: number;
  };
  readonly checks: readonly BackupCheck[];
  /** The first failed check's detail. */
  readonly reason?: string;
  readonly verified_at: string;
}

/** What the verification needs. */
export interface BackupDeps {
  readonly snapshots: SnapshotSource;
  readonly now: () => Date;
  /** Progress lines (the task prints them). */
  readonly say?: (line: string) => void;
}

/** How strict to be. */
export interface BackupPolicy {
  /** The newest snapshot must have started less than this long ago. */
  readonly maxAgeMs: number;
  /** Also restore one index under a scratch name and compare document counts. */
  readonly restore: boolean;
  /** Name prefix of scratch indices (dropped after the check, and leftovers at the start). */
  readonly scratchPrefix?: string;
  /** A suffix making the scratch name unique to this run. */
  readonly runId: string;
}

const SCRATCH_PREFIX = "restore-verify-";

/**
 * Verifies the newest snapshot of the repository (the plan's
 * BackupVerificationService): it exists, started recently enough, completed
 * with no failed shard, its shard metadata is readable from the repository,
 * and — when asked — one index restored under a scratch name holds the same
 * number of documents as the live index, after which the copy is dropped.
 * Every check is reported; the first failure is the `reason`.
 */
export async function verifyDailyBackup(
  deps: BackupDeps,
  policy: BackupPolicy,
): Promise<BackupVerification> {
  const say = deps.say ?? (() => {});
  const now = deps.now();
  const checks: BackupCheck[] = [];
  const done = (snapshot?: SnapshotInfo): BackupVerification => {
    const failed = checks.find((c) => !c.ok);
    return {
      ok: failed === undefined,
      repository: deps.snapshots.repository,
      ...(snapshot
        ? {
          snapshot: {
            name: snapshot.name,
            started_at: snapshot.startedAt.toISOString(),
            age_hours: round((now.getTime() - snapshot.startedAt.getTime()) / 3_600_000),
            indices: snapshot.indices.length,
          },
        }
        : {}),
      checks,
      ...(failed ? { reason: `${failed.check}: ${failed.detail}` } : {}),
      verified_at: now.toISOString(),
    };
  };
  const record = (check: BackupCheckName, ok: boolean, detail: string) => {
    checks.push({ check, ok, detail });
    say(`  ${ok ? "✓" : "✗"} ${check}: ${detail}`);
  };

  say(`repository ${deps.snapshots.repository}`);
  let snapshots: SnapshotInfo[];
  try {
    snapshots = await deps.snapshots.list();
  } catch (error) {
    record("exists", false, `the repository cannot be read: ${message(error)}`);
    return done();
  }
  const finished = snapshots.filter((s) => s.state !== "IN_PROGRESS")
    .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
  const newest = finished[0];
  if (!newest) {
    record("exists", false, "the repository holds no finished snapshot");
    return done();
  }
  const running = snapshots.length - finished.length;
  record(
    "exists",
    true,
    `${newest.name} of ${newest.startedAt.toISOString()} (${finished.length} finished` +
      (running ? `, ${running} in progress)` : ")"),
  );

  const ageMs = now.getTime() - newest.startedAt.getTime();
  record(
    "recent",
    ageMs <= policy.maxAgeMs,
    `${round(ageMs / 3_600_000)} h old (limit ${round(policy.maxAgeMs / 3_600_000)} h)`,
  );

  const completed = newest.state === "SUCCESS" && newest.shards.failed === 0;
  record(
    "completed",
    completed,
    completed
      ? `SUCCESS, ${newest.shards.total} shards, none failed`
      : `${newest.state}, ${newest.shards.failed} of ${newest.shards.total} shards failed` +
        (newest.failures.length ? ` (${newest.failures.slice(0, 3).join("; ")})` : ""),
  );

  try {
    const unreadable = await deps.snapshots.unreadable(newest.name);
    record("readable", !unreadable, unreadable ?? "shard metadata of every index readable");
  } catch (error) {
    record("readable", false, message(error));
  }

  if (policy.restore) {
    const outcome = await restoreAndCount(deps.snapshots, newest, policy, say).catch((error) => ({
      ok: false,
      detail: message(error),
    }));
    record("restore", outcome.ok, outcome.detail);
  }
  return done(newest);
}

/** Restores one index of `snapshot` under a scratch name, counts it, drops it. */
async function restoreAndCount(
  source: SnapshotSource,
  snapshot: SnapshotInfo,
  policy: BackupPolicy,
  say: (line: string) => void,
): Promise<{ ok: boolean; detail: string }> {
  const prefix = policy.scratchPrefix ?? SCRATCH_PREFIX;
  for (const leftover of await source.scratchIndices(prefix)) {
    say(`  dropping ${leftover}, left by an earlier run`);
    await source.dropIndex(leftover);
  }
  const live = await source.liveIndices();
  const candidates = snapshot.indices.filter((i) => !i.startsWith("."));
  const stable = candidates.filter((i) => live.counts.has(i) && !live.writeIndices.has(i));
  const index = pickIndex(stable, live.counts) ?? pickIndex(candidates, live.counts) ??
    snapshot.indices[0];
  if (!index) return { ok: false, detail: "the snapshot holds no index to restore" };
  const scratch = `${prefix}${policy.runId}`;
  say(`  restoring ${index} as ${scratch}`);
  try {
    const restored = await source.restore(snapshot.name, index, scratch);
    if (restored.failedShards > 0) {
      return {
        ok: false,
        detail: `restoring ${index}: ${restored.failedShards} of ${restored.totalShards} ` +
          "shards failed (data files of the snapshot are missing or damaged)",
      };
    }
    if (restored.count === undefined) {
      return { ok: false, detail: `restored ${index}, but the copy cannot be counted` };
    }
    const liveCount = live.counts.get(index);
    if (liveCount === undefined) {
      return {
        ok: true,
        detail: `restored ${index}: ${restored.count} documents (no live index to compare with)`,
      };
    }
    if (live.writeIndices.has(index)) {
      // Still written to: documents may have arrived since the snapshot.
      return {
        ok: restored.count <= liveCount,
        detail: `restored ${index} (still written to): ${restored.count} documents, ` +
          `live ${liveCount}`,
      };
    }
    return {
      ok: restored.count === liveCount,
      detail: `restored ${index}: ${restored.count} documents, live ${liveCount}` +
        (restored.count === liveCount ? " (equal)" : " (different)"),
    };
  } finally {
    await source.dropIndex(scratch).catch(() => {});
  }
}

/** The newest-named index with documents, else the newest-named. */
function pickIndex(
  indices: readonly string[],
  counts: ReadonlyMap<string, number>,
): string | undefined {
  const sorted = [...indices].sort().reverse();
  return sorted.find((i) => (counts.get(i) ?? 0) > 0) ?? sorted[0];
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
