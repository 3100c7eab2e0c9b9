/** One snapshot as the repository lists it. */
export interface SnapshotInfo {
  readonly name: string;
  /** SUCCESS, PARTIAL, FAILED, IN_PROGRESS or INCOMPATIBLE. */
  readonly state: string;
  readonly startedAt: Date;
  readonly indices: readonly string[];
  readonly shards: { readonly total: number; readonly failed: number };
  /** Reasons the engine gave for failed shards. */
  readonly failures: readonly string[];
}

/** What restoring one index under another name gave. */
export interface RestoreOutcome {
  readonly failedShards: number;
  readonly totalShards: number;
  /** Documents in the restored copy; undefined when it could not be counted. */
  readonly count?: number;
}

/**
 * A snapshot repository of the search engine, as backup verification needs
 * it. Methods throw `BackupSourceError` when the engine refuses or cannot be
 * reached; the verification turns that into a failed check with the reason.
 */
export interface SnapshotSource {
  readonly repository: string;
  /** Every snapshot of the repository (a missing repository throws). */
  list(): Promise<SnapshotInfo[]>;
  /** Reads the snapshot's shard-level metadata from the repository; the reason when it cannot. */
  unreadable(name: string): Promise<string | undefined>;
  /** Live indices with their document counts, and which are data-stream write indices. */
  liveIndices(): Promise<
    { counts: ReadonlyMap<string, number>; writeIndices: ReadonlySet<string> }
  >;
  /** Restores `index` of `snapshot` as `as` (no aliases, no replicas) and counts it. */
  restore(snapshot: string, index: string, as: string): Promise<RestoreOutcome>;
  /** Scratch indices left by earlier runs (by prefix). */
  scratchIndices(prefix: string): Promise<string[]>;
  dropIndex(name: string): Promise<void>;
}

/** The engine refused or could not be reached. */
export class BackupSourceError extends Error {
  override name = "BackupSourceError";
}
