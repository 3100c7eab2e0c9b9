/**
 * Retention of the Postgres log store, by the same table as the search
 * engines' lifecycle policies (`LOG_RETENTION_DAYS`). Day partitions wholly
 * older than the longest retention are dropped; inside younger ones, the rows
 * of each category past its own cutoff are deleted in bounded batches, each
 * one short statement that also releases the rows' event ids, so no lock or
 * transaction is held long (the embedded PGlite runs one statement at a
 * time). Then ids older than the longest retention go, whatever is left of
 * them. A second run finds nothing to do; an id whose event is gone may be
 * ingested again.
 * @module
 */
import type postgres from "postgres";
import { LOG_CATEGORIES, type LogCategory, logRetentionCutoffs } from "../../../domain/logs/mod.ts";
import type { Sql } from "../client.ts";

const DAY_MS = 86_400_000;

/** Rows per delete statement: small enough to keep each one short. */
const LOG_RETENTION_BATCH_ROWS = 5_000;

/** The only partition names retention acts on (`log_events_ensure_partition` makes them). */
const DAY_PARTITION = /^log_events_(\d{4})(\d{2})(\d{2})$/;

/** What a retention run removed. */
export interface LogRetentionResult {
  /** Per category, the instant before which its events expired. */
  readonly cutoffs: Readonly<Record<LogCategory, string>>;
  /** Day partitions dropped whole, oldest first. */
  readonly droppedPartitions: readonly string[];
  /** Rows deleted inside the partitions kept, per category. */
  readonly deletedRows: Readonly<Record<LogCategory, number>>;
  /** Event ids released (with their rows, or older than every retention). */
  readonly releasedIds: number;
}

/** Options of {@linkcode applyLogRetention}. */
export interface LogRetentionOptions {
  readonly now?: () => Date;
  readonly batchRows?: number;
  /** Called after each partition dropped and each partition cleared of a category. */
  readonly onProgress?: (message: string, fields: Record<string, unknown>) => void;
}

interface DayPartition {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/** The day partitions of `log_events`, oldest first; other names are left alone. */
async function dayPartitions(sql: Sql): Promise<DayPartition[]> {
  const rows = await sql<{ name: string }[]>`
    select c.relname as name
      from pg_inherits i join pg_class c on c.oid = i.inhrelid
     where i.inhparent = 'log_events'::regclass
     order by c.relname`;
  const days: DayPartition[] = [];
  for (const { name } of rows) {
    const match = DAY_PARTITION.exec(name);
    if (!match) continue;
    const [, y, m, d] = match.map(Number);
    const start = Date.UTC(y!, m! - 1, d!);
    if (new Date(start).toISOString().slice(0, 10) !== `${match[1]}-${match[2]}-${match[3]}`) {
      continue; // not a real day, so not one of ours
    }
    days.push({ name, start, end: start + DAY_MS });
  }
  return days;
}

/**
 * Deletes the rows of `category` older than `cutoff` from one partition, a
 * batch per statement, walking forward in time so no batch rereads the last.
 */
async function deleteExpired(
  sql: Sql,
  partition: string,
  expiry: { category: LogCategory; cutoff: Date; batchRows: number },
): Promise<{ rows: number; ids: number }> {
  const { category, cutoff, batchRows } = expiry;
  const table = sql(partition);
  let from: string | null = null;
  let rows = 0;
  let ids = 0;
  for (;;) {
    const after: postgres.PendingQuery<postgres.Row[]> = from === null
      ? sql`true`
      : sql`ts >= ${from}::timestamptz`;
    const [batch] = await sql<{ rows: number; ids: number; last: string | null }[]>`
      with gone as (
        delete from ${table}
         where ctid = any(array(
           select ctid from ${table}
            where category = ${category} and ts < ${cutoff} and ${after}
            order by ts
            limit ${batchRows}))
        returning event_id, ts
      ), released as (
        delete from log_event_ids where event_id in (select event_id from gone)
        returning 1
      )
      select (select count(*)::int from gone) as rows,
             (select count(*)::int from released) as ids,
             (select max(ts)::text from gone) as last`;
    rows += batch?.rows ?? 0;
    ids += batch?.ids ?? 0;
    if (!batch || batch.rows < batchRows) return { rows, ids };
    from = batch.last;
  }
}

/** Deletes ids older than `before` in batches; their events are gone everywhere. */
async function releaseIdsBefore(sql: Sql, before: Date, batchRows: number): Promise<number> {
  let released = 0;
  for (;;) {
    const gone = await sql`
      delete from log_event_ids
       where event_id = any(array(
         select event_id from log_event_ids where ts < ${before} limit ${batchRows}))`;
    released += gone.count;
    if (gone.count < batchRows) return released;
  }
}

/** Lock wait allowed to a partition drop before it gives way (see {@linkcode dropPartition}). */
const DROP_LOCK_TIMEOUT = "3s";

/**
 * Drops one day partition, unless that would wait long for its lock: the
 * drop locks the parent table too, and a drop queued behind a long search
 * would hold up every insert and search of `log_events` meanwhile. A busy
 * partition is left for the next run; returns whether it was dropped.
 */
async function dropPartition(sql: Sql, partition: string): Promise<boolean> {
  try {
    await sql.begin(async (tx) => {
      await tx`select set_config('lock_timeout', ${DROP_LOCK_TIMEOUT}, true)`;
      await tx`drop table if exists ${tx(partition)}`;
    });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "55P03") return false; // lock_not_available
    throw error;
  }
}

/** Applies the retention of SPEC S5.1 to `log_events` and `log_event_ids` at `now`. */
export async function applyLogRetention(
  sql: Sql,
  options: LogRetentionOptions = {},
): Promise<LogRetentionResult> {
  const now = (options.now ?? (() => new Date()))();
  const batchRows = options.batchRows ?? LOG_RETENTION_BATCH_ROWS;
  const progress = options.onProgress ?? (() => {});
  const cutoffs = logRetentionCutoffs(now);
  // Before this instant every category has expired: the longest retention.
  const horizon = Math.min(...LOG_CATEGORIES.map((c) => cutoffs[c].getTime()));

  const droppedPartitions: string[] = [];
  const deletedRows = Object.fromEntries(LOG_CATEGORIES.map((category) => [category, 0])) as Record<
    LogCategory,
    number
  >;
  let releasedIds = 0;
  for (const partition of await dayPartitions(sql)) {
    if (partition.end <= horizon) {
      if (await dropPartition(sql, partition.name)) {
        droppedPartitions.push(partition.name);
        progress("log retention dropped a day partition", {
          "log_retention.partition": partition.name,
        });
      } else {
        progress("log retention left a busy day partition for the next run", {
          "log_retention.partition": partition.name,
        });
      }
      continue;
    }
    for (const category of LOG_CATEGORIES) {
      const cutoff = cutoffs[category];
      if (partition.start >= cutoff.getTime()) continue;
      const removed = await deleteExpired(sql, partition.name, { category, cutoff, batchRows });
      deletedRows[category] += removed.rows;
      releasedIds += removed.ids;
      if (removed.rows > 0) {
        progress("log retention deleted expired events", {
          "log_retention.partition": partition.name,
          "event.category": category,
          "log_retention.rows": removed.rows,
        });
      }
    }
  }
  releasedIds += await releaseIdsBefore(sql, new Date(horizon), batchRows);

  return {
    cutoffs: Object.fromEntries(
      LOG_CATEGORIES.map((category) => [category, cutoffs[category].toISOString()]),
    ) as Record<LogCategory, string>,
    droppedPartitions,
    deletedRows,
    releasedIds,
  };
}
