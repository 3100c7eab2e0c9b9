/**
 * Retention of the Postgres log store on both engines: expired day
 * partitions are dropped, expired rows of each category deleted in batches
 * inside the partitions kept, their ids released; a second run does nothing,
 * and released ids may be ingested again while kept ones still deduplicate.
 */
import assert from "node:assert/strict";
import type { LogCategory, LogEvent } from "../../domain/logs/mod.ts";
import { parseConfig } from "../../infra/config/mod.ts";
import { createLogger } from "../../infra/logging/mod.ts";
import type { Sql } from "../../infra/postgres/mod.ts";
import { applyLogRetention, createPostgresLogStore } from "../../infra/postgres/logs/mod.ts";
import { buildLogFeatures } from "../../composition/log_features.ts";
import { databaseEngines, testOnEachDatabase } from "../support/databases.ts";

// Cutoffs: app 2026-05-16T12:00Z, error 2026-03-17T12:00Z, security 2025-06-15T12:00Z.
const NOW = new Date("2026-06-15T12:00:00.000Z");

function event(id: string, category: LogCategory, at: string): LogEvent {
  return {
    "event.id": id,
    "@timestamp": at,
    "event.ingested": at,
    message: `${category} event ${id}`,
    "log.level": category === "error" ? "error" : "info",
    "service.name": "checkout",
    "event.category": category,
  };
}

const EXPIRED = [
  event("old-security", "security", "2025-06-10T08:00:00.000Z"), // whole day dropped
  event("old-app", "app", "2025-06-10T09:00:00.000Z"),
  event("security-before-cutoff", "security", "2025-06-15T11:00:00.000Z"),
  event("app-last-june", "app", "2025-06-15T14:00:00.000Z"),
  event("error-january", "error", "2026-01-10T10:00:00.000Z"),
  event("app-january", "app", "2026-01-10T11:00:00.000Z"),
  event("error-before-cutoff", "error", "2026-03-17T11:00:00.000Z"),
  event("app-before-cutoff", "app", "2026-05-16T10:00:00.000Z"),
  // Seven in one day, five sharing a timestamp: several batches of two.
  ...["a", "b", "c", "d", "e"].map((k) =>
    event(`app-april-${k}`, "app", "2026-04-01T08:00:00.000Z")
  ),
  event("app-april-f", "app", "2026-04-01T09:00:00.000Z"),
  event("app-april-g", "app", "2026-04-01T10:00:00.000Z"),
];

const KEPT = [
  event("security-after-cutoff", "security", "2025-06-15T13:00:00.000Z"),
  event("security-january", "security", "2026-01-10T12:00:00.000Z"),
  event("security-april", "security", "2026-04-01T08:00:00.000Z"),
  event("error-april", "error", "2026-04-01T08:00:00.000Z"),
  event("error-after-cutoff", "error", "2026-03-17T13:00:00.000Z"),
  event("app-at-cutoff", "app", "2026-05-16T12:00:00.000Z"),
  event("error-may", "error", "2026-05-16T09:00:00.000Z"),
  event("app-yesterday", "app", "2026-06-14T10:00:00.000Z"),
  event("error-yesterday", "error", "2026-06-14T10:00:00.000Z"),
  event("security-yesterday", "security", "2026-06-14T10:00:00.000Z"),
];

const KEPT_IDS = KEPT.map((e) => e["event.id"]).sort();

async function ids(sql: Sql, table: "log_events" | "log_event_ids"): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`select event_id as id from ${sql(table)} order by 1`;
  return rows.map((r) => r.id);
}

async function partitions(sql: Sql): Promise<string[]> {
  const rows = await sql<{ name: string }[]>`
    select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
     where i.inhparent = 'log_events'::regclass order by 1`;
  return rows.map((r) => r.name);
}

await testOnEachDatabase("log store retention", async (db, t) => {
  const sql = db.sql;
  const store = createPostgresLogStore(sql);
  const progress: string[] = [];
  const retain = () =>
    applyLogRetention(sql, {
      now: () => NOW,
      batchRows: 2,
      onProgress: (message, fields) =>
        progress.push(`${message} ${fields["log_retention.partition"]}`),
    });

  await t.step("drops expired days, deletes expired rows and releases their ids", async () => {
    const stored = await store.ingest([...EXPIRED, ...KEPT]);
    assert.ok(stored.every((o) => o.status === "created"));
    // Not day partitions of the store, however old: left alone.
    await sql`create table log_events_archive partition of log_events
                  for values from ('2024-01-01') to ('2024-02-01')`;
    await sql`create table log_events_20241399 partition of log_events
                  for values from ('2024-03-01') to ('2024-03-02')`;
    // An id whose event is already gone, older than every retention.
    await sql`insert into log_event_ids (event_id, ts) values ('orphan', '2025-01-01T00:00:00Z')`;

    const result = await retain();
    assert.deepEqual(result.cutoffs, {
      app: "2026-05-16T12:00:00.000Z",
      error: "2026-03-17T12:00:00.000Z",
      security: "2025-06-15T12:00:00.000Z",
    });
    assert.deepEqual(result.droppedPartitions, ["log_events_20250610"]);
    assert.deepEqual(result.deletedRows, { app: 10, error: 2, security: 1 });
    assert.equal(result.releasedIds, 13 + 2 + 1);

    assert.deepEqual(await ids(sql, "log_events"), KEPT_IDS);
    assert.deepEqual(await ids(sql, "log_event_ids"), KEPT_IDS);
    assert.deepEqual(await partitions(sql), [
      "log_events_20241399",
      "log_events_20250615",
      "log_events_20260110",
      "log_events_20260317",
      "log_events_20260401",
      "log_events_20260516",
      "log_events_20260614",
      "log_events_archive",
    ]);
    assert.ok(progress.includes("log retention dropped a day partition log_events_20250610"));
    assert.ok(progress.includes("log retention deleted expired events log_events_20260401"));
  });

  await t.step("a second run finds nothing to do", async () => {
    const result = await retain();
    assert.deepEqual(result.droppedPartitions, []);
    assert.deepEqual(result.deletedRows, { app: 0, error: 0, security: 0 });
    assert.equal(result.releasedIds, 0);
    assert.deepEqual(await ids(sql, "log_events"), KEPT_IDS);
  });

  await t.step("released ids are ingested again; kept ids still deduplicate", async () => {
    // The store saw 2025-06-10 before it was dropped: it must create it again.
    const again = await store.ingest([EXPIRED[1]!, EXPIRED[4]!, KEPT[0]!, KEPT[7]!]);
    assert.deepEqual(again.map((o) => o.status), [
      "created",
      "created",
      "duplicate",
      "duplicate",
    ]);
    assert.deepEqual(
      await ids(sql, "log_events"),
      [...KEPT_IDS, "error-january", "old-app"].sort(),
    );
  });
});

await testOnEachDatabase(
  "the log features schedule retention and log what it removed",
  async (db) => {
    const dataDir = await Deno.makeTempDir({ prefix: "log-retention-" });
    try {
      const lines: string[] = [];
      const logger = createLogger({
        level: "info",
        serviceName: "test",
        write: (line) => lines.push(line),
      });
      const features = await buildLogFeatures(parseConfig({ DATA_DIR: dataDir }), {
        sql: db.sql,
      }, { logger });
      assert.deepEqual(features.maintenance.map((job) => job.name), ["log retention"]);

      const day = 86_400_000;
      const at = (daysAgo: number) => new Date(Date.now() - daysAgo * day).toISOString();
      await features.store.ingest([
        event("app-40-days", "app", at(40)),
        event("error-40-days", "error", at(40)),
      ]);
      await features.maintenance[0]!.run();
      assert.deepEqual(await ids(db.sql, "log_events"), ["error-40-days"]);

      const summary = lines.map((l) => JSON.parse(l))
        .find((l) => l.message === "log retention removed expired events");
      assert.ok(summary, lines.join("\n"));
      assert.deepEqual(summary["log_retention.deleted_rows"], { app: 1, error: 0, security: 0 });
      assert.equal(summary["log_retention.released_ids"], 1);
    } finally {
      await Deno.remove(dataDir, { recursive: true });
    }
  },
);

const postgresEngine = (await databaseEngines()).find((engine) => engine.name === "postgres")!;

Deno.test({
  name: "[postgres] a day partition busy under a long query is left for the next run",
  ignore: !postgresEngine.available,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    await using db = await postgresEngine.open({ migrate: true, poolMax: 3 });
    const store = createPostgresLogStore(db.sql);
    await store.ingest([event("old-security", "security", "2025-06-10T08:00:00.000Z")]);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    // A reader holding the table, as a long search would.
    const reader = db.sql.begin(async (tx) => {
      await tx`lock table log_events in access share mode`;
      locked();
      await released;
    });
    await isLocked;
    const progress: string[] = [];
    const busy = await applyLogRetention(db.sql, {
      now: () => NOW,
      onProgress: (message) => progress.push(message),
    });
    assert.deepEqual(busy.droppedPartitions, []);
    assert.ok(progress.includes("log retention left a busy day partition for the next run"));
    release();
    await reader;
    const next = await applyLogRetention(db.sql, { now: () => NOW });
    assert.deepEqual(next.droppedPartitions, ["log_events_20250610"]);
  },
});
