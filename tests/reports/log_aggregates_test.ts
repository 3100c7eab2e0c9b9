/**
 * The log-store counts reports use, alike on the three stores: the Postgres
 * store (both engines), OpenSearch, and Elasticsearch's client through the
 * test proxy.
 */
import assert from "node:assert/strict";
import type { LogAggregates } from "../../domain/reports/mod.ts";
import { createPostgresLogAggregates } from "../../infra/postgres/logs/log_aggregates.ts";
import { createPostgresLogStore } from "../../infra/postgres/logs/mod.ts";
import { createEngineLogAggregates } from "../../infra/search/logs/log_aggregates.ts";
import { testOnEachDatabase } from "../support/databases.ts";
import { integration } from "../support/services.ts";
import { openEngineStore } from "../logs/engine_stores.ts";
import { seedLogs, WEEK } from "./report_fixture.ts";

const RANGE = { from: new Date(WEEK), to: new Date(WEEK + 7 * 86_400_000) };

async function expectCounts(aggregates: LogAggregates) {
  assert.deepEqual(await aggregates.subjectCounts("u-42", RANGE), [
    { service: "auth", category: "security", count: 2 },
    { service: "checkout", category: "app", count: 3 },
  ]);
  assert.deepEqual(await aggregates.subjectCounts("nobody", RANGE), []);
  assert.deepEqual(await aggregates.securityCounts(RANGE), [
    { action: "user.login", outcome: "failure", count: 5 },
    { action: "user.login", outcome: "success", count: 2 },
  ]);
  assert.deepEqual(
    await aggregates.securityCounts({ from: RANGE.to, to: new Date(RANGE.to.getTime() + 1) }),
    [],
  );
}

await testOnEachDatabase("log counts for reports: Postgres store", async (db) => {
  await createPostgresLogStore(db.sql).ingest(seedLogs());
  await expectCounts(createPostgresLogAggregates(db.sql));
});

for (const engine of ["opensearch", "elasticsearch"] as const) {
  await integration(`log counts for reports: ${engine}`, [engine], async (urls) => {
    const opened = await openEngineStore(engine, urls[engine]);
    try {
      await opened.store.ingest(seedLogs());
      await opened.store.refresh();
      await expectCounts(createEngineLogAggregates(opened.search, opened.namespace));
    } finally {
      await opened.close();
    }
  });
}
