/**
 * Runs a job in one pod only: the pod that takes a Postgres advisory lock
 * runs it, the others skip. The lock is held at least `minHoldMs`, so pods
 * whose timers fire a little apart (clock skew, tick phase) still see it
 * taken and do not run the job a second time.
 * @module
 */
import type { Sql } from "./client.ts";

/** Lock keys of the service's exclusive jobs (one 64-bit key each). */
export const EXCLUSIVE_JOBS = {
  backupVerification: 7_283_001_001n,
} as const;

/**
 * Runs `job` if this process gets the lock; resolves with its result, or
 * `{ skipped: true }` when another process holds it.
 */
export async function runExclusive<T>(
  sql: Sql,
  key: bigint,
  minHoldMs: number,
  job: () => Promise<T>,
): Promise<{ skipped: false; result: T } | { skipped: true }> {
  const connection = await sql.reserve();
  try {
    const [row] = await connection<{ locked: boolean }[]>`
      select pg_try_advisory_lock(${String(key)}::bigint) as locked`;
    if (!row?.locked) return { skipped: true };
    const started = performance.now();
    try {
      const result = await job();
      const left = minHoldMs - (performance.now() - started);
      if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
      return { skipped: false, result };
    } finally {
      await connection`select pg_advisory_unlock(${String(key)}::bigint)`;
    }
  } finally {
    connection.release();
  }
}
