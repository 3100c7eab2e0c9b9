/**
 * Retention: the one way audit rows leave the database. Whole months older
 * than the retention period are dropped, in one transaction that first signs
 * a checkpoint of the head, then appends an `audit.retention` event saying
 * what will go, then calls `audit_drop_expired_partitions`, which refuses to
 * run without those two and records each removed run of seqs (with the
 * hashes around it) so the chain still verifies across the hole.
 * @module
 */
import {
  type AuditEventDraft,
  auditRetentionCutoff,
  DEFAULT_TENANT,
  type Sha256Hex,
} from "../../../domain/audit/mod.ts";
import type { CheckpointKeys } from "../../audit/mod.ts";
import type { Sql } from "../client.ts";
import { appendLinked, AUDIT_CHAIN_LOCK } from "./chain_appender.ts";
import { insertCheckpoint } from "./checkpoint_store.ts";
import type { PartitionKeeper } from "./partitions.ts";

/** What a retention run removed. */
export interface RetentionResult {
  readonly cutoff: string;
  readonly dropped: readonly { readonly partition: string; readonly rows: number }[];
  readonly checkpointId?: number;
  readonly eventSeq?: number;
}

/** Options of {@linkcode applyRetention}. */
export interface RetentionOptions {
  readonly keys: Pick<CheckpointKeys, "keyId" | "privateKey">;
  readonly retentionDays: number;
  readonly sha256: Sha256Hex;
  readonly partitions: PartitionKeeper;
  readonly newId: () => string;
  readonly now?: () => Date;
}

/** Month partitions wholly older than `cutoff`, with their row counts. */
async function expiredPartitions(sql: Sql, cutoff: string) {
  const names = await sql<{ name: string }[]>`
    select c.relname as name
      from pg_inherits i join pg_class c on c.oid = i.inhrelid
     where i.inhparent = 'audit_log'::regclass
       and c.relname ~ '^audit_log_[0-9]{4}_[0-9]{2}$'
       and (to_date(substr(c.relname, 11), 'YYYY_MM') + interval '1 month') at time zone 'UTC'
           <= ${cutoff}::timestamptz
     order by c.relname`;
  const counted: { partition: string; rows: number }[] = [];
  for (const { name } of names) {
    const [row] = await sql<{ n: string }[]>`select count(*) as n from ${sql(name)}`;
    counted.push({ partition: name, rows: Number(row?.n ?? 0) });
  }
  return counted;
}

/** Drops expired months, if any; does nothing (and records nothing) otherwise. */
export async function applyRetention(
  sql: Sql,
  options: RetentionOptions,
): Promise<RetentionResult> {
  const now = (options.now ?? (() => new Date()))();
  const cutoff = new Date(auditRetentionCutoff(now.getTime(), options.retentionDays))
    .toISOString();
  const expired = await expiredPartitions(sql, cutoff);
  if (expired.length === 0) return { cutoff, dropped: [] };

  await options.partitions.ensureFor([now.toISOString()]);
  const result = await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`; // the head must not move under us
    const checkpoint = await insertCheckpoint(tx, options.keys, { reason: "retention", now });
    const draft: AuditEventDraft = {
      id: options.newId(),
      occurred_at: now.toISOString(),
      tenant_id: DEFAULT_TENANT,
      recorded_by: "system",
      actor: { id: "retention", type: "system", ip: null, user_agent: null },
      action: "audit.retention",
      action_type: "retention",
      resource: { type: "audit_log", id: null },
      outcome: "success",
      reason: `older than ${options.retentionDays} days`,
      request_id: null,
      trace_id: null,
      changes: null,
      metadata: {
        cutoff,
        checkpoint_id: checkpoint.id,
        checkpoint_seq: checkpoint.head_seq,
        partitions: expired.map((e) => ({ name: e.partition, rows: e.rows })),
      },
    };
    const { stored } = await appendLinked(tx, [draft], { now: () => now, sha256: options.sha256 });
    const eventSeq = stored[0]!.seq;
    const dropped = await tx<{ partition_name: string; row_count: string }[]>`
      select * from audit_drop_expired_partitions(${cutoff}::timestamptz, ${checkpoint.id}, ${eventSeq})`;
    return {
      cutoff,
      dropped: dropped.map((d) => ({ partition: d.partition_name, rows: Number(d.row_count) })),
      checkpointId: checkpoint.id,
      eventSeq,
    };
  });
  options.partitions.forget();
  return result;
}
