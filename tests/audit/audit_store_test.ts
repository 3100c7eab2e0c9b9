/**
 * The Postgres audit store on both engines: round trip, repository reads,
 * idempotency, fail-closed appends, concurrent appenders, partitions made on
 * demand, and the audit migration's down script.
 */
import assert from "node:assert/strict";
import { isAppError } from "../../domain/errors/mod.ts";
import { nativeSha256Hex } from "../../infra/crypto/native_sha256.ts";
import {
  countByActionType,
  findByResource,
  findByUserAndAction,
  findPage,
} from "../../infra/postgres/audit/audit_repository.ts";
import { createPostgresAuditStore } from "../../infra/postgres/audit/audit_store.ts";
import { createSql, migrateDown, migrateUp } from "../../infra/postgres/mod.ts";
import { testOnEachDatabase } from "../support/databases.ts";
import { createCheckpointStore } from "../../infra/postgres/audit/checkpoint_store.ts";
import { appendMany, draft, resetAuditSchema, testKeys, verify } from "./audit_fixture.ts";

const sha256 = nativeSha256Hex;

await testOnEachDatabase("audit store", async (db, t) => {
  const sql = db.sql;

  await t.step("append and read back: every field survives", async () => {
    await resetAuditSchema(sql);
    const store = createPostgresAuditStore(sql, { sha256 });
    const drafts = Array.from({ length: 40 }, (_, i) => draft(i));
    const outcomes = await store.append(drafts);
    assert.deepEqual(outcomes.map((o) => o.status), drafts.map(() => "created"));
    assert.deepEqual(
      outcomes.map((o) => o.status === "created" && o.seq),
      drafts.map((_, i) => i + 1),
    );
    const stored = (await findPage(sql, {}, { limit: 100 })).reverse();
    for (const [i, event] of stored.entries()) {
      const { seq: _s, recorded_at: _r, prev_hash: _p, hash: _h, ...content } = event;
      assert.deepEqual(content, drafts[i]);
    }
    assert.equal((await verify(sql)).ok, true);
    await store.close();
  });

  await t.step(
    "repository reads: by user and action, by resource, counts by type",
    async () => {
      const drafts = Array.from({ length: 40 }, (_, i) => draft(i)); // what the step above stored
      const seqsWhere = (keep: (d: ReturnType<typeof draft>) => boolean) =>
        drafts.flatMap((d, i) => (keep(d) ? [i + 1] : [])).reverse();
      const countBy = (keep: (d: ReturnType<typeof draft>) => boolean) => {
        const counts: Record<string, number> = {};
        for (const d of drafts.filter(keep)) {
          counts[d.action_type] = (counts[d.action_type] ?? 0) + 1;
        }
        return counts;
      };
      const u4Updates = (d: ReturnType<typeof draft>) =>
        d.actor.id === "u-4" && d.action === "document.update";
      assert.deepEqual(
        (await findByUserAndAction(sql, {
          userId: "u-4",
          action: "document.update",
          limit: 10,
        }))
          .map((e) => e.seq),
        seqsWhere(u4Updates),
      );
      const doc7 = (d: ReturnType<typeof draft>) => d.resource.id === "doc-7";
      assert.deepEqual(
        (await findByResource(sql, {
          resourceType: "document",
          resourceId: "doc-7",
          limit: 10,
        }))
          .map((e) => e.seq),
        seqsWhere(doc7),
      );
      const u3 = (d: ReturnType<typeof draft>) => d.actor.id === "u-3";
      const firstPage = await findPage(sql, { actor_id: "u-3" }, { limit: 1 });
      const secondPage = await findPage(sql, { actor_id: "u-3" }, {
        beforeSeq: firstPage[0]!.seq,
        limit: 10,
      });
      assert.deepEqual([...firstPage, ...secondPage].map((e) => e.seq), seqsWhere(u3));
      assert.deepEqual(await countByActionType(sql, {}), countBy(() => true));
      assert.deepEqual(await countByActionType(sql, { actor_id: "u-3" }), countBy(u3));
      const from = "2026-01-15T00:00:10.000Z", to = "2026-01-15T00:00:20.000Z";
      assert.deepEqual(
        await countByActionType(sql, { from, to }),
        countBy((d) => d.occurred_at >= from && d.occurred_at < to),
      );
    },
  );

  await t.step(
    "idempotent by event id: retry is a duplicate, other content a conflict",
    async () => {
      await resetAuditSchema(sql);
      const store = createPostgresAuditStore(sql, { sha256 });
      const event = draft(1);
      const [first] = await store.append([event]);
      const [again] = await store.append([{ ...event, recorded_by: "another-pod" }]);
      const [clash] = await store.append([{ ...event, outcome: "failure" }]);
      assert.equal(first?.status, "created");
      assert.deepEqual(again, { ...first, status: "duplicate" });
      assert.deepEqual(clash, { status: "conflict", id: event.id });
      const inBatch = draft(2);
      const outcomes = await store.append([inBatch, inBatch, { ...inBatch, action: "x.y" }]);
      assert.deepEqual(outcomes.map((o) => o.status), ["created", "duplicate", "conflict"]);
      const [count] = await sql<{ n: string }[]>`select count(*) as n from audit_log`;
      assert.equal(Number(count?.n), 2);
      await store.close();
    },
  );

  await t.step(
    "fail closed: a failed transaction stores nothing; the retry stores once",
    async () => {
      await resetAuditSchema(sql);
      await sql.unsafe(`
          create function test_fail() returns trigger language plpgsql as
            $$ begin raise exception 'disk full'; end $$;
          create trigger test_fail before update on audit_chain_head
            for each row execute function test_fail();`);
      const store = createPostgresAuditStore(sql, { sha256 });
      const drafts = Array.from({ length: 1500 }, (_, i) => draft(i));
      await assert.rejects(
        store.append(drafts),
        (e) => isAppError(e) && e.code === "AUDIT_STORE_UNAVAILABLE",
      );
      const counts = async () =>
        (await sql<{ rows: string; ids: string }[]>`
            select (select count(*) from audit_log) as rows, (select count(*) from audit_event_ids) as ids`)[
          0
        ];
      assert.deepEqual({ ...await counts() }, { rows: "0", ids: "0" });
      await sql.unsafe(
        "drop trigger test_fail on audit_chain_head; drop function test_fail();",
      );
      const retried = await store.append(drafts);
      assert.ok(retried.every((o) => o.status === "created"));
      const again = await store.append(drafts);
      assert.ok(again.every((o) => o.status === "duplicate"));
      assert.deepEqual({ ...await counts() }, { rows: "1500", ids: "1500" });
      assert.equal((await verify(sql)).ok, true);
      await store.close();
    },
  );

  await t.step("fail closed: database unreachable → AUDIT_STORE_UNAVAILABLE", async () => {
    const dead = createSql({ kind: "url", url: "postgres://u:p@127.0.0.1:9/none", poolMax: 1 });
    const store = createPostgresAuditStore(dead, { sha256 });
    await assert.rejects(store.append([draft(1)]), (e) => isAppError(e) && e.status === 503);
    await assert.rejects(
      store.head(),
      (e) => isAppError(e) && e.code === "AUDIT_STORE_UNAVAILABLE",
    );
    await dead.end({ timeout: 0 });
  });

  await t.step("concurrent appenders produce one gapless, valid chain", async () => {
    await resetAuditSchema(sql);
    // Postgres: separate connections, as separate pods would have. PGlite is one session,
    // so its appenders share it.
    const clients = db.engine === "postgres"
      ? Array.from({ length: 4 }, () => createSql({ kind: "url", url: db.url!, poolMax: 2 }))
      : Array.from({ length: 4 }, () => sql);
    const stores = clients.map((client) => createPostgresAuditStore(client, { sha256 }));
    let i = 0;
    await Promise.all(
      stores.flatMap((store) =>
        Array.from(
          { length: 25 },
          () => store.append(Array.from({ length: 8 }, () => draft(i++))),
        )
      ),
    );
    const seqs = (await sql<{ seq: string }[]>`select seq from audit_log order by seq`).map((
      r,
    ) => Number(r.seq));
    assert.deepEqual(seqs, Array.from({ length: 800 }, (_, k) => k + 1));
    const report = await verify(sql);
    assert.equal(report.ok, true, JSON.stringify(report.breaks));
    assert.equal(report.events_checked, 800);
    for (const store of stores) await store.close();
    if (db.engine === "postgres") {
      for (const client of clients) await client.end({ timeout: 1 });
    }
  });

  await t.step("a month with no partition yet gets one on demand", async () => {
    await resetAuditSchema(sql);
    const store = createPostgresAuditStore(sql, { sha256 });
    await store.append([draft(1, { occurred_at: "2021-05-04T03:02:01.000Z" })]);
    const [row] = await sql<
      { name: string }[]
    >`select tableoid::regclass::text as name from audit_log`;
    assert.equal(row?.name, "audit_log_2021_05");
    await store.close();
  });

  await t.step(
    "periodic checkpoints: only when the head moved and the interval passed",
    async () => {
      await resetAuditSchema(sql);
      let now = new Date("2026-03-01T00:00:00.000Z");
      const checkpoints = createCheckpointStore(sql, {
        keys: await testKeys(),
        now: () => now,
      });
      const hour = 3_600_000;
      assert.equal(await checkpoints.createIfDue(hour), undefined, "empty chain");
      await appendMany(sql, 3);
      assert.equal((await checkpoints.createIfDue(hour))?.head_seq, 3);
      now = new Date(now.getTime() + 2 * hour);
      assert.equal(await checkpoints.createIfDue(hour), undefined, "head did not move");
      await appendMany(sql, 2, { from: 3 });
      now = new Date(now.getTime() + hour / 2);
      assert.equal(
        (await checkpoints.createIfDue(hour))?.head_seq,
        5,
        "moved, and an hour since",
      );
      await appendMany(sql, 1, { from: 5 });
      assert.equal(await checkpoints.createIfDue(hour), undefined, "too soon after the last");
    },
  );

  await t.step("every migration goes down and up again", async () => {
    const reverted = await migrateDown(sql, 100);
    assert.ok(reverted >= 2);
    const [left] = await sql<{ n: string }[]>`
          select count(*) as n from pg_tables where tablename like 'audit%'`;
    assert.equal(Number(left?.n), 0);
    assert.equal(await migrateUp(sql), reverted);
  });
});
