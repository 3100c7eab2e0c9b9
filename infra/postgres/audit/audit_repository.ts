/**
 * Reads of the audit trail (the plan's repository functions 3.1): plain
 * functions over the driver, returning domain events. Every read is a short
 * keyset query on `seq`, served by the per-partition indexes of migration
 * 0002; `occurred_at` bounds also prune whole partitions.
 * @module
 */
import type {
  AuditEvent,
  AuditFilter,
  ChainHead,
  RetentionGap,
} from "../../../domain/audit/mod.ts";
import { auditColumns, type AuditRow, type Queryable, rowToEvent } from "./audit_rows.ts";

/** `where` conditions of a filter, as one SQL fragment. */
function matching(sql: Queryable, filter: AuditFilter) {
  const conditions = [
    filter.actor_id !== undefined && sql`actor_id = ${filter.actor_id}`,
    filter.tenant_id !== undefined && sql`tenant_id = ${filter.tenant_id}`,
    filter.from !== undefined && sql`occurred_at >= ${filter.from}::timestamptz`,
    filter.to !== undefined && sql`occurred_at < ${filter.to}::timestamptz`,
    filter.action !== undefined && sql`action = ${filter.action}`,
    filter.action_type !== undefined && sql`action_type = ${filter.action_type}`,
    filter.resource_type !== undefined && sql`resource_type = ${filter.resource_type}`,
    filter.resource_id !== undefined && sql`resource_id = ${filter.resource_id}`,
    filter.outcome !== undefined && sql`outcome = ${filter.outcome}`,
  ].filter((c) => c !== false);
  return conditions.reduce((all, c) => sql`${all} and ${c}`, sql`true`);
}

/** One page of a keyset-paginated read: events below `beforeSeq`, at most `limit`. */
interface PageOptions {
  readonly beforeSeq?: number | undefined;
  readonly limit: number;
}

/** A page of events within an optional time range. */
interface TimedPage extends PageOptions {
  readonly from?: string;
  readonly to?: string;
}

/** Events matching `filter`, newest first, below `beforeSeq` (keyset pagination). */
export async function findPage(
  sql: Queryable,
  filter: AuditFilter,
  options: PageOptions,
): Promise<AuditEvent[]> {
  const rows = await sql<AuditRow[]>`
    select ${auditColumns(sql)} from audit_log
     where ${matching(sql, filter)}
       ${options.beforeSeq === undefined ? sql`` : sql`and seq < ${options.beforeSeq}`}
     order by seq desc
     limit ${options.limit}`;
  return rows.map(rowToEvent);
}

/** What a user did with one action (`find_by_user_and_action`), newest first. */
export function findByUserAndAction(
  sql: Queryable,
  query: TimedPage & { readonly userId: string; readonly action: string },
): Promise<AuditEvent[]> {
  return findPage(sql, {
    actor_id: query.userId,
    action: query.action,
    from: query.from,
    to: query.to,
  }, query);
}

/** Everything done to one resource (`find_by_resource`), newest first. */
export function findByResource(
  sql: Queryable,
  query: TimedPage & { readonly resourceType: string; readonly resourceId: string },
): Promise<AuditEvent[]> {
  return findPage(sql, {
    resource_type: query.resourceType,
    resource_id: query.resourceId,
    from: query.from,
    to: query.to,
  }, query);
}

/** Event counts per action type (`count_by_action_type`), for summaries. */
export async function countByActionType(
  sql: Queryable,
  filter: AuditFilter,
): Promise<Record<string, number>> {
  const rows = await sql<{ action_type: string; count: string }[]>`
    select action_type, count(*) as count from audit_log
     where ${matching(sql, filter)}
     group by action_type
     order by action_type`;
  return Object.fromEntries(rows.map((r) => [r.action_type, Number(r.count)]));
}

/** One chunk of an export: `afterSeq < seq <= maxSeq`, in chain order. */
export async function exportChunk(
  sql: Queryable,
  filter: AuditFilter,
  options: { readonly afterSeq: number; readonly maxSeq: number; readonly limit: number },
): Promise<AuditEvent[]> {
  const rows = await sql<AuditRow[]>`
    select ${auditColumns(sql)} from audit_log
     where seq > ${options.afterSeq} and seq <= ${options.maxSeq} and ${matching(sql, filter)}
     order by seq
     limit ${options.limit}`;
  return rows.map(rowToEvent);
}

/**
 * One chunk of the chain for verification, after `afterSeq`. Unlike an
 * export it must not miss a forged second row sharing a seq, so a chunk never
 * ends in the middle of a seq: rows of the last seq are left to the next one.
 */
export async function readChainChunk(
  sql: Queryable,
  options: { readonly afterSeq: number; readonly maxSeq: number; readonly limit: number },
): Promise<AuditEvent[]> {
  const rows = (await sql<AuditRow[]>`
    select ${auditColumns(sql)} from audit_log
     where seq > ${options.afterSeq} and seq <= ${options.maxSeq}
     order by seq, occurred_at
     limit ${options.limit}`).map(rowToEvent);
  if (rows.length < options.limit) return rows;
  const lastSeq = rows[rows.length - 1]!.seq;
  const whole = rows.filter((e) => e.seq !== lastSeq);
  return whole.length > 0 ? whole : rows;
}

/** The head recorded next to the chain. */
export async function readHead(sql: Queryable): Promise<ChainHead> {
  const [head] = await sql<{ seq: string; hash: string }[]>`select seq, hash from audit_chain_head`;
  if (!head) throw new Error("audit_chain_head is empty: migration 0002 not applied?");
  return { seq: Number(head.seq), hash: head.hash };
}

/**
 * The lowest seq stored beyond the recorded head, or null. Head and rows are
 * read by one statement, so concurrent appends cannot make it a false alarm.
 */
export async function firstSeqBeyondHead(sql: Queryable): Promise<number | null> {
  const [row] = await sql<{ seq: string | null }[]>`
    select min(seq) as seq from audit_log where seq > (select seq from audit_chain_head)`;
  return row?.seq == null ? null : Number(row.seq);
}

/** Every run of seqs removed by retention, in seq order. */
export async function readRetentionGaps(sql: Queryable): Promise<RetentionGap[]> {
  const rows = await sql<
    { first_seq: string; last_seq: string; prev_hash: string; last_hash: string }[]
  >`select first_seq, last_seq, prev_hash, last_hash from audit_retention_gaps order by first_seq`;
  return rows.map((r) => ({
    first_seq: Number(r.first_seq),
    last_seq: Number(r.last_seq),
    prev_hash: r.prev_hash,
    last_hash: r.last_hash,
  }));
}
