/**
 * One rule evaluator across replicas: the instance holding a session-level
 * Postgres advisory lock on a connection of its own is the leader. When it
 * dies its connection closes, the lock is freed, and the next instance to
 * ask takes it over.
 * @module
 */
import type postgres from "postgres";
import type { LeaderLock } from "../../../domain/alerts/mod.ts";
import type { Sql } from "../client.ts";

/** The lock's key: stable across versions so old and new pods exclude each other. */
const EVALUATOR_LOCK = "logging-audit:alert-rule-evaluator";

export function createAdvisoryLeaderLock(sql: Sql, key = EVALUATOR_LOCK): LeaderLock {
  let conn: postgres.ReservedSql | undefined;
  let held = false;
  const drop = () => {
    const c = conn;
    conn = undefined;
    held = false;
    c?.release();
  };
  return {
    async hold() {
      try {
        if (held && conn) {
          await conn`select 1`; // still our session: still our lock
          return true;
        }
        conn ??= await sql.reserve();
        const [row] = await conn<{ locked: boolean }[]>`
          select pg_try_advisory_lock(hashtextextended(${key}, 0)) as locked`;
        held = row?.locked === true;
        return held;
      } catch {
        drop(); // a broken session holds nothing
        return false;
      }
    },
    async release() {
      if (held && conn) {
        await conn`select pg_advisory_unlock(hashtextextended(${key}, 0))`.catch(() => {});
      }
      drop();
    },
  };
}

/** The embedded database serves one instance: it always leads. */
export const soleInstanceLock: LeaderLock = {
  hold: () => Promise.resolve(true),
  release: () => Promise.resolve(),
};
