/**
 * Appending to the chain. Every writer, in every pod, takes the same
 * transaction-scoped advisory lock before reading the head, so links are
 * made one batch at a time: no two events get the same seq, no seq is
 * skipped, no fork. The batch, its ids and the new head are written in that
 * one transaction: all of it or nothing.
 * @module
 */
import {
  type AppendOutcome,
  type AuditEvent,
  type AuditEventDraft,
  clientContent,
  linkEvents,
  type Sha256Hex,
} from "../../../domain/audit/mod.ts";
import {
  auditColumns,
  type AuditRow,
  insertEvents,
  type Queryable,
  rowToEvent,
} from "./audit_rows.ts";
import { readHead } from "./audit_repository.ts";

/** The advisory lock every appender holds while it links and stores a batch. */
export const AUDIT_CHAIN_LOCK = 7_310_482_521;

/** Options of {@linkcode appendLinked}. */
export interface AppendOptions {
  readonly now: () => Date;
  readonly sha256: Sha256Hex;
}

/**
 * Links and stores `drafts` inside the caller's transaction `tx`. Drafts
 * whose id is already stored (or appears earlier in the batch) are not
 * stored again: same content is a `duplicate` (a retry), other content a
 * `conflict`. Returns one outcome per draft, in order, and the new head.
 */
export async function appendLinked(
  tx: Queryable,
  drafts: readonly AuditEventDraft[],
  options: AppendOptions,
): Promise<{ outcomes: AppendOutcome[]; stored: AuditEvent[] }> {
  await tx`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
  const head = await readHead(tx);

  const earlier = await storedWithIds(tx, [...new Set(drafts.map((d) => d.id))]);
  const firstIndex = new Map<string, number>();
  const fresh: AuditEventDraft[] = [];
  drafts.forEach((draft, index) => {
    if (earlier.has(draft.id) || firstIndex.has(draft.id)) return;
    firstIndex.set(draft.id, index);
    fresh.push(draft);
  });
  const stored = linkEvents(head, fresh, {
    recordedAt: options.now().toISOString(),
    sha256: options.sha256,
  });
  const storedById = new Map(stored.map((e) => [e.id, e]));

  const outcomes = drafts.map((draft, index): AppendOutcome => {
    const event = storedById.get(draft.id);
    if (event && firstIndex.get(draft.id) === index) {
      return { status: "created", id: event.id, seq: event.seq, hash: event.hash };
    }
    const prior = earlier.get(draft.id) ?? storedById.get(draft.id)!;
    return clientContent(prior) === clientContent(draft)
      ? { status: "duplicate", id: prior.id, seq: prior.seq, hash: prior.hash }
      : { status: "conflict", id: draft.id };
  });

  const last = stored[stored.length - 1];
  if (last) {
    await insertEvents(tx, stored);
    await tx`
      insert into audit_event_ids (id, seq, occurred_at)
      select * from unnest(
        ${stored.map((e) => e.id)}::uuid[],
        ${stored.map((e) => e.seq)}::int8[],
        ${stored.map((e) => e.occurred_at)}::timestamptz[])`;
    await tx`update audit_chain_head set seq = ${last.seq}, hash = ${last.hash}, updated_at = now()`;
  }
  return { outcomes, stored };
}

async function storedWithIds(
  tx: Queryable,
  ids: readonly string[],
): Promise<Map<string, AuditEvent>> {
  if (ids.length === 0) return new Map();
  const keys = await tx<{ seq: string; occurred_at: Date }[]>`
    select seq, occurred_at from audit_event_ids where id = any(${ids}::uuid[])`;
  if (keys.length === 0) return new Map();
  const rows = await tx<AuditRow[]>`
    select ${auditColumns(tx)} from audit_log
     where (seq, occurred_at) in (
       select * from unnest(${keys.map((k) => k.seq)}::int8[],
                            ${keys.map((k) => k.occurred_at.toISOString())}::timestamptz[]))`;
  return new Map(rows.map((row) => [row.id, rowToEvent(row)]));
}
