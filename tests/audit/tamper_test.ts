/**
 * Tampering with the stored chain by SQL (triggers switched off, as a
 * database superuser could) is detected at the exact seq with the right kind,
 * on both engines. Also: the append-only triggers themselves.
 */
import assert from "node:assert/strict";
import { type AuditEvent, eventHash } from "../../domain/audit/mod.ts";
import * as jose from "jose";
import { poolWalkRunner } from "../../infra/audit/chain_verification.ts";
import { signCheckpoint } from "../../infra/audit/checkpoint_jws.ts";
import { nativeSha256Hex } from "../../infra/crypto/native_sha256.ts";
import { auditColumns, type AuditRow, rowToEvent } from "../../infra/postgres/audit/audit_rows.ts";
import { createCheckpointStore } from "../../infra/postgres/audit/checkpoint_store.ts";
import type { Sql } from "../../infra/postgres/mod.ts";
import { createWorkerPool } from "../../workers/pool.ts";
import { testOnEachDatabase } from "../support/databases.ts";
import { appendMany, resetAuditSchema, tamper, testKeys, verify } from "./audit_fixture.ts";

async function row(sql: Sql, seq: number): Promise<AuditEvent> {
  const [found] = await sql<AuditRow[]>`select ${
    auditColumns(sql)
  } from audit_log where seq = ${seq}`;
  return rowToEvent(found!);
}

/** Rewrites the row at `seq` with `changes`, recomputing its hash as a careful forger would. */
async function rewrite(
  tx: Sql,
  event: AuditEvent,
  changes: Partial<AuditEvent>,
): Promise<AuditEvent> {
  const next = { ...event, ...changes };
  const hash = eventHash(next, nativeSha256Hex);
  await tx`
    update audit_log set action = ${next.action}, prev_hash = ${next.prev_hash}, hash = ${hash}
     where seq = ${event.seq}`;
  return { ...next, hash };
}

async function insertRow(tx: Sql, event: AuditEvent): Promise<void> {
  await tx`
    insert into audit_log (seq, id, occurred_at, recorded_at, recorded_by, tenant_id, actor_id,
      actor_type, action, action_type, resource_type, resource_id, outcome, metadata, prev_hash, hash)
    values (${event.seq}, ${event.id}, ${event.occurred_at}, ${event.recorded_at},
      ${event.recorded_by}, ${event.tenant_id}, ${event.actor.id}, ${event.actor.type},
      ${event.action}, ${event.action_type}, ${event.resource.type}, ${event.resource.id},
      ${event.outcome}, ${tx.json(event.metadata as never)}, ${event.prev_hash}, ${event.hash})`;
}

/** A clean, self-consistent forged event linked after `prev`. */
function forge(prev: AuditEvent, seq: number, occurredAt: string): AuditEvent {
  const unsigned = {
    ...prev,
    seq,
    id: crypto.randomUUID(),
    occurred_at: occurredAt,
    actor: { id: "attacker", type: "user" as const, ip: null, user_agent: null },
    reason: null,
    request_id: null,
    trace_id: null,
    changes: null,
    metadata: { forged: true },
    action: "permission.grant",
    action_type: "permission_change" as const,
    prev_hash: prev.hash,
  };
  return { ...unsigned, hash: eventHash(unsigned, nativeSha256Hex) };
}

const EVENTS = 200;

await testOnEachDatabase("audit chain: tampering is detected at the exact seq", async (db, t) => {
  const sql = db.sql;
  const keys = await testKeys();
  const checkpoints = createCheckpointStore(sql, { keys });

  async function fresh(): Promise<void> {
    await resetAuditSchema(sql);
    await appendMany(sql, 150, { batch: 50 });
    await checkpoints.create("on_demand"); // signs seq 150
    await appendMany(sql, EVENTS - 150, { batch: 50, from: 150 });
  }

  async function expectBreak(seq: number, kind: string) {
    const report = await verify(sql);
    assert.equal(report.ok, false, "a break must be reported");
    assert.deepEqual(
      { seq: report.first_break?.seq, kind: report.first_break?.kind },
      { seq, kind },
      JSON.stringify(report.breaks),
    );
    return report;
  }

  await t.step("append-only: UPDATE, DELETE and TRUNCATE are rejected", async () => {
    await resetAuditSchema(sql);
    await appendMany(sql, 10);
    await checkpoints.create("on_demand");
    for (
      const statement of [
        sql`update audit_log set action = 'x.y' where seq = 3`,
        sql`delete from audit_log where seq = 3`,
        sql`truncate audit_log`,
        sql`delete from audit_event_ids`,
        sql`delete from audit_checkpoints`,
        sql`update audit_checkpoints set head_seq = 1`,
      ]
    ) {
      await assert.rejects(statement, (error: { code?: string }) => error.code === "AUD01");
    }
    const partition = (await sql<{ name: string }[]>`
          select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
           where i.inhparent = 'audit_log'::regclass limit 1`)[0]!.name;
    await assert.rejects(
      sql`truncate ${sql(partition)}`,
      (e: { code?: string }) => e.code === "AUD01",
    );
    await assert.rejects(
      sql`delete from ${sql(partition)} where seq = 1`,
      (e: { code?: string }) => e.code === "AUD01",
    );
    const [count] = await sql<{ n: string }[]>`select count(*) as n from audit_log`;
    assert.equal(Number(count?.n), 10);
    assert.equal((await verify(sql)).ok, true);
  });

  await t.step("intact chain with a checkpoint: no break", async () => {
    await fresh();
    const report = await verify(sql);
    assert.equal(report.ok, true, JSON.stringify(report.breaks));
    assert.equal(report.events_checked, EVENTS);
    assert.deepEqual(report.checkpoints, { checked: 1, matched: 1, pruned: 0 });
  });

  await t.step("edited row (hash left as it was)", async () => {
    await fresh();
    await tamper(sql, (tx) => tx`update audit_log set outcome = 'denied' where seq = 57`);
    await expectBreak(57, "edited");
  });

  await t.step("edited row with a recomputed hash", async () => {
    await fresh();
    const target = await row(sql, 57);
    await tamper(sql, (tx) => rewrite(tx, target, { action: "document.delete" }));
    await expectBreak(57, "edited");
  });

  await t.step("deleted row", async () => {
    await fresh();
    await tamper(sql, (tx) => tx`delete from audit_log where seq = 57`);
    await expectBreak(57, "deleted");
  });

  await t.step("forged row inserted at a used seq (correctly linked and hashed)", async () => {
    await fresh();
    const prev = await row(sql, 56);
    const forged = forge(prev, 57, "2026-01-15T00:00:56.500Z");
    await tamper(sql, (tx) => insertRow(tx, forged));
    await expectBreak(57, "inserted");
  });

  await t.step("forged row appended past the recorded head", async () => {
    await fresh();
    const last = await row(sql, EVENTS);
    await tamper(sql, (tx) => insertRow(tx, forge(last, EVENTS + 1, last.occurred_at)));
    await expectBreak(EVENTS + 1, "inserted");
  });

  await t.step("two rows swapped", async () => {
    await fresh();
    await tamper(sql, async (tx) => {
      await tx`update audit_log set seq = 1000000 where seq = 40`;
      await tx`update audit_log set seq = 40 where seq = 90`;
      await tx`update audit_log set seq = 90 where seq = 1000000`;
    });
    const report = await expectBreak(40, "reordered");
    assert.ok(report.breaks.some((b) => b.seq === 90 && b.kind === "reordered"));
  });

  await t.step("two adjacent rows swapped", async () => {
    await fresh();
    await tamper(sql, async (tx) => {
      await tx`update audit_log set seq = 1000000 where seq = 70`;
      await tx`update audit_log set seq = 70 where seq = 71`;
      await tx`update audit_log set seq = 71 where seq = 1000000`;
    });
    await expectBreak(70, "reordered");
  });

  await t.step("rehashed chain after an edit: only the checkpoint shows it", async () => {
    await fresh();
    await tamper(sql, async (tx) => {
      let prev = await row(tx, 119);
      for (let seq = 120; seq <= EVENTS; seq++) {
        const event = await row(tx, seq);
        prev = await rewrite(tx, event, {
          prev_hash: prev.hash,
          ...(seq === 120 ? { action: "document.delete" } : {}),
        });
      }
      await tx`update audit_chain_head set hash = ${prev.hash}`;
    });
    await expectBreak(150, "checkpoint_mismatch");
  });

  await t.step("tail cut and head rewound: the checkpoint shows it", async () => {
    await resetAuditSchema(sql);
    await appendMany(sql, 190, { batch: 50 });
    await checkpoints.create("on_demand");
    await appendMany(sql, 10, { from: 190 });
    const newTail = await row(sql, 180);
    await tamper(sql, async (tx) => {
      await tx`delete from audit_log where seq > 180`;
      await tx`update audit_chain_head set seq = 180, hash = ${newTail.hash}`;
    });
    await expectBreak(181, "deleted");
  });

  await t.step("tail cut, head left alone", async () => {
    await fresh();
    await tamper(sql, (tx) => tx`delete from audit_log where seq > 190`);
    await expectBreak(191, "deleted");
  });

  await t.step("checkpoint signed by an unknown key", async () => {
    await fresh();
    const head = await row(sql, EVENTS);
    const { privateKey } = await jose.generateKeyPair("EdDSA", { crv: "Ed25519" });
    const jws = await signCheckpoint({ keyId: keys.keyId, privateKey }, {
      chain: "audit_log",
      seq: head.seq,
      hash: head.hash,
      signed_at: new Date().toISOString(),
      reason: "on_demand",
    });
    await sql`
          insert into audit_checkpoints (head_seq, head_hash, signed_at, key_id, reason, jws)
          values (${head.seq}, ${head.hash}, now(), ${keys.keyId}, 'on_demand', ${jws})`;
    await expectBreak(EVENTS, "checkpoint_mismatch");
  });

  await t.step("verification in the worker pool gives the same result", async () => {
    await fresh();
    await tamper(sql, (tx) => tx`delete from audit_log where seq = 123`);
    const pool = createWorkerPool({ size: 1, taskTimeoutMs: 30_000, maxQueue: 4 });
    try {
      const report = await verify(sql, { runner: poolWalkRunner(pool) });
      assert.deepEqual(report.first_break, (await verify(sql)).first_break);
      assert.equal(report.first_break?.seq, 123);
    } finally {
      await pool.shutdown({ graceMs: 0 });
    }
  });
});
