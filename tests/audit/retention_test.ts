/**
 * Retention on both engines: whole expired months are dropped through the
 * one function, after a signed checkpoint and an audit event of its own, and
 * the chain still verifies across the removed seqs.
 */
import assert from "node:assert/strict";
import { nativeSha256Hex } from "../../infra/crypto/native_sha256.ts";
import { createCheckpointStore } from "../../infra/postgres/audit/checkpoint_store.ts";
import { createPartitionKeeper } from "../../infra/postgres/audit/partitions.ts";
import { applyRetention } from "../../infra/postgres/audit/retention.ts";
import { testOnEachDatabase } from "../support/databases.ts";
import {
  appendMany,
  draft,
  newId,
  resetAuditSchema,
  tamper,
  testKeys,
  verify,
} from "./audit_fixture.ts";

const NOW = new Date("2026-06-15T00:00:00.000Z");
const at = (iso: string) => (i: number) => draft(i, { occurred_at: iso });

await testOnEachDatabase("audit retention", async (db, t) => {
  const sql = db.sql;
  const keys = await testKeys();
  const checkpoints = createCheckpointStore(sql, { keys, now: () => NOW });
  const retain = () =>
    applyRetention(sql, {
      keys,
      retentionDays: 100, // cutoff 2026-03-07: January and February go
      sha256: nativeSha256Hex,
      partitions: createPartitionKeeper(sql),
      newId,
      now: () => NOW,
    });

  await t.step("drops expired months, records why, and the chain still verifies", async () => {
    await resetAuditSchema(sql);
    await appendMany(sql, 20, { make: at("2026-01-10T00:00:00.000Z") });
    await checkpoints.create("on_demand"); // seq 20: inside a run that will go
    await appendMany(sql, 10, { from: 20, make: at("2026-01-20T00:00:00.000Z") });
    await checkpoints.create("on_demand"); // seq 30: the last of that run
    await appendMany(sql, 20, { from: 30, make: at("2026-06-01T00:00:00.000Z") });
    await appendMany(sql, 5, { from: 50, make: at("2026-02-03T00:00:00.000Z") }); // late arrivals
    await appendMany(sql, 10, { from: 55, make: at("2026-06-02T00:00:00.000Z") });

    const result = await retain();
    assert.deepEqual(result.dropped, [
      { partition: "audit_log_2026_01", rows: 30 },
      { partition: "audit_log_2026_02", rows: 5 },
    ]);
    assert.equal(result.eventSeq, 66);

    const gaps = await sql<{ first_seq: string; last_seq: string }[]>`
          select first_seq, last_seq from audit_retention_gaps order by first_seq`;
    assert.deepEqual(gaps.map((g) => [Number(g.first_seq), Number(g.last_seq)]), [[1, 30], [
      51,
      55,
    ]]);
    const [event] = await sql<{ seq: string; checkpoint_seq: number; actor_type: string }[]>`
          select seq, (metadata->>'checkpoint_seq')::int as checkpoint_seq, actor_type
            from audit_log where action = 'audit.retention'`;
    assert.deepEqual({ ...event }, { seq: "66", checkpoint_seq: 65, actor_type: "system" });
    const [counts] = await sql<{ rows: string; ids: string }[]>`
          select (select count(*) from audit_log) as rows, (select count(*) from audit_event_ids) as ids`;
    assert.deepEqual({ ...counts }, { rows: "31", ids: "31" });

    const report = await verify(sql);
    assert.equal(report.ok, true, JSON.stringify(report.breaks));
    assert.equal(report.events_checked, 31);
    assert.equal(report.retention_gaps_crossed, 2);
    assert.deepEqual(report.checkpoints, { checked: 3, matched: 2, pruned: 1 });
  });

  await t.step("nothing expired: nothing recorded", async () => {
    const result = await retain();
    assert.deepEqual(result.dropped, []);
    const [row] = await sql<{ n: string }[]>`select count(*) as n from audit_checkpoints`;
    assert.equal(Number(row?.n), 3);
  });

  await t.step("a deletion next to a retention gap is still caught", async () => {
    await tamper(sql, (tx) => tx`delete from audit_log where seq = 31`);
    const report = await verify(sql);
    assert.deepEqual(
      { seq: report.first_break?.seq, kind: report.first_break?.kind },
      { seq: 31, kind: "deleted" },
    );
  });

  await t.step(
    "the drop function refuses to run without its checkpoint and event",
    async () => {
      await resetAuditSchema(sql);
      await appendMany(sql, 5, { make: at("2026-01-10T00:00:00.000Z") });
      const checkpoint = await checkpoints.create("on_demand");
      await assert.rejects(
        sql`select * from audit_drop_expired_partitions('2026-03-07'::timestamptz, ${checkpoint.id}, 6)`,
        (error: { code?: string }) => error.code === "AUD02",
      );
      const [row] = await sql<{ n: string }[]>`select count(*) as n from audit_log`;
      assert.equal(Number(row?.n), 5);
    },
  );
});
