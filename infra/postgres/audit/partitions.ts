/**
 * Monthly partitions of `audit_log`. The service creates them ahead of time
 * (a few months forward, on start and hourly) and on demand for an event
 * dated in a month that has none yet (a late or back-filled event).
 * @module
 */
import type { Sql } from "../client.ts";

/** The first instant (UTC) of the month of `iso`, as `YYYY-MM`. */
export function monthKey(iso: string): string {
  return iso.slice(0, 7);
}

/**
 * Remembers which months exist so the append path asks the database only for
 * new ones; `forget` after a partition may have been dropped (retention).
 */
export function createPartitionKeeper(sql: Sql) {
  const known = new Set<string>();

  async function ensureMonths(months: Iterable<string>): Promise<void> {
    const missing = [...new Set(months)].filter((m) => !known.has(m));
    if (missing.length === 0) return;
    const starts = missing.map((m) => `${m}-01T00:00:00.000Z`);
    await sql`select audit_ensure_partition(at) from unnest(${starts}::timestamptz[]) as at`;
    for (const m of missing) known.add(m);
  }

  return {
    ensureMonths,
    /** Makes sure the partitions for events at these ISO timestamps exist. */
    ensureFor(timestamps: readonly string[]): Promise<void> {
      return ensureMonths(timestamps.map(monthKey));
    },
    /** Creates this month's partition and the next `monthsAhead` ones. */
    ensureAhead(now: Date, monthsAhead: number): Promise<void> {
      const months: string[] = [];
      for (let i = 0; i <= monthsAhead; i++) {
        const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i, 1));
        months.push(d.toISOString().slice(0, 7));
      }
      return ensureMonths(months);
    },
    forget(): void {
      known.clear();
    },
  };
}

export type PartitionKeeper = ReturnType<typeof createPartitionKeeper>;
