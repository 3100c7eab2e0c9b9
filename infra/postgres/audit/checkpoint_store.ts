/**
 * Signed checkpoints in `audit_checkpoints` (append-only like the chain):
 * created on demand, periodically (only when the head moved), and by
 * retention before it removes anything.
 * @module
 */
import {
  auditStoreError,
  type Checkpoint,
  type CheckpointService,
} from "../../../domain/audit/mod.ts";
import { type CheckpointKeys, signCheckpoint } from "../../audit/mod.ts";
import type { Metrics } from "../../metrics/mod.ts";
import type { Sql } from "../client.ts";
import type { Queryable } from "./audit_rows.ts";
import { readHead } from "./audit_repository.ts";

/** Serialises checkpoint creation across pods (periodic ones must not double up). */
const CHECKPOINT_LOCK = 7_310_482_522;

interface CheckpointRow {
  readonly id: string;
  readonly head_seq: string;
  readonly head_hash: string;
  readonly signed_at: Date;
  readonly key_id: string;
  readonly reason: Checkpoint["reason"];
  readonly jws: string;
}

function toCheckpoint(row: CheckpointRow): Checkpoint {
  return {
    id: Number(row.id),
    head_seq: Number(row.head_seq),
    head_hash: row.head_hash,
    signed_at: row.signed_at.toISOString(),
    key_id: row.key_id,
    reason: row.reason,
    jws: row.jws,
  };
}

/**
 * Signs the current head and stores the checkpoint, inside `tx`. The caller
 * decides what else the transaction holds (retention runs it under the
 * chain lock, right before its own event).
 */
export async function insertCheckpoint(
  tx: Queryable,
  keys: Pick<CheckpointKeys, "keyId" | "privateKey">,
  options: { readonly reason: Checkpoint["reason"]; readonly now: Date },
): Promise<Checkpoint> {
  const head = await readHead(tx);
  const signedAt = options.now.toISOString();
  const jws = await signCheckpoint(keys, {
    chain: "audit_log",
    seq: head.seq,
    hash: head.hash,
    signed_at: signedAt,
    reason: options.reason,
  });
  const [row] = await tx<CheckpointRow[]>`
    insert into audit_checkpoints (head_seq, head_hash, signed_at, key_id, reason, jws)
    values (${head.seq}, ${head.hash}, ${signedAt}, ${keys.keyId}, ${options.reason}, ${jws})
    returning *`;
  return toCheckpoint(row!);
}

/** Every checkpoint, for verification, in seq order. */
export async function readAllCheckpoints(sql: Queryable): Promise<Checkpoint[]> {
  const rows = await sql<CheckpointRow[]>`select * from audit_checkpoints order by head_seq, id`;
  return rows.map(toCheckpoint);
}

/** The checkpoint service over Postgres. */
export function createCheckpointStore(
  sql: Sql,
  options: { readonly keys: CheckpointKeys; readonly now?: () => Date; readonly metrics?: Metrics },
): CheckpointService & {
  /** A periodic checkpoint, unless the head has not moved or one was made within `minGapMs`. */
  createIfDue(minGapMs: number): Promise<Checkpoint | undefined>;
} {
  const now = options.now ?? (() => new Date());
  const failClosed = (error: unknown): never => {
    throw auditStoreError(error);
  };
  const counted = (checkpoint: Checkpoint) => {
    options.metrics?.auditCheckpointsTotal.inc({ reason: checkpoint.reason });
    return checkpoint;
  };

  return {
    create: (reason) =>
      sql.begin(async (tx) => {
        await tx`select pg_advisory_xact_lock(${CHECKPOINT_LOCK})`;
        return counted(await insertCheckpoint(tx, options.keys, { reason, now: now() }));
      }).catch(failClosed),

    createIfDue: (minGapMs) =>
      sql.begin(async (tx) => {
        await tx`select pg_advisory_xact_lock(${CHECKPOINT_LOCK})`;
        const [last] = await tx<{ head_seq: string; signed_at: Date }[]>`
          select head_seq, signed_at from audit_checkpoints order by id desc limit 1`;
        const head = await readHead(tx);
        if (head.seq === 0) return undefined;
        if (last && Number(last.head_seq) === head.seq) return undefined;
        if (last && now().getTime() - last.signed_at.getTime() < minGapMs) return undefined;
        return counted(
          await insertCheckpoint(tx, options.keys, { reason: "periodic", now: now() }),
        );
      }),

    list: async ({ beforeId, limit }) => {
      const rows = await sql<CheckpointRow[]>`
        select * from audit_checkpoints
         ${beforeId === undefined ? sql`` : sql`where id < ${beforeId}`}
         order by id desc limit ${limit}`.catch(failClosed);
      return rows.map(toCheckpoint);
    },

    get: async (id) => {
      const [row] = await sql<CheckpointRow[]>`select * from audit_checkpoints where id = ${id}`
        .catch(failClosed);
      return row ? toCheckpoint(row) : undefined;
    },

    publicKeys: () => ({ keys: options.keys.publicJwks.map((k) => ({ ...k })) }),
  };
}
