/**
 * At scale, on both engines: an intact chain of 100k events verifies with no
 * false positive, and exports of all of it stream as CSV and NDJSON and parse
 * back to the same events (every parsed event still hashes to its stored
 * hash, which covers every field; a sample is also compared field by field).
 * Peak memory of the export is measured by `bench/audit_bench.ts`, not here.
 */
import assert from "node:assert/strict";
import {
  type AuditEvent,
  createExportReader,
  eventHash,
  type ExportFormat,
} from "../../domain/audit/mod.ts";
import { poolWalkRunner } from "../../infra/audit/chain_verification.ts";
import { nativeSha256Hex } from "../../infra/crypto/native_sha256.ts";
import { readChainChunk } from "../../infra/postgres/audit/audit_repository.ts";
import { createWorkerPool } from "../../workers/pool.ts";
import { testOnEachDatabase } from "../support/databases.ts";
import { buildTestApp } from "../support/test_app.ts";
import { authHeader } from "../support/tokens.ts";
import { appendMany, auditDeps, verify } from "./audit_fixture.ts";

const COUNT = 100_000;

await testOnEachDatabase(`audit chain of ${COUNT} events: verify and export`, async (db, t) => {
  await appendMany(db.sql, COUNT, { batch: 5000 });

  await t.step("intact chain: zero false positives", async () => {
    const pool = createWorkerPool({ size: 1, taskTimeoutMs: 60_000, maxQueue: 4 });
    try {
      const report = await verify(db.sql, { runner: poolWalkRunner(pool) });
      assert.equal(report.ok, true, JSON.stringify(report.breaks.slice(0, 5)));
      assert.equal(report.events_checked, COUNT);
      assert.equal(report.break_count, 0);
    } finally {
      await pool.shutdown({ graceMs: 0 });
    }
  });

  const deps = await auditDeps(db.sql, { exportChunkRows: 2000 });
  const { app } = await buildTestApp({ audit: deps });
  const headers = await authHeader("auditor", { sub: "auditor-1" });
  const sample = new Map(
    (await readChainChunk(db.sql, { afterSeq: 0, maxSeq: COUNT, limit: 1000 }))
      .filter((e) => e.seq % 97 === 0)
      .map((e) => [e.seq, e]),
  );

  for (const format of ["csv", "ndjson"] as ExportFormat[]) {
    await t.step(`export as ${format}: streamed, parses back to the same events`, async () => {
      const response = await app.request(`/api/v1/audit/export?format=${format}`, { headers });
      assert.equal(response.status, 200);
      assert.match(
        response.headers.get("content-type")!,
        format === "csv" ? /text\/csv/ : /ndjson/,
      );
      const reader = createExportReader(format);
      let expectedSeq = 1;
      let chunks = 0;
      const check = (events: AuditEvent[]) => {
        for (const event of events) {
          assert.equal(event.seq, expectedSeq++);
          assert.equal(eventHash(event, nativeSha256Hex), event.hash, `seq ${event.seq}`);
          const stored = sample.get(event.seq);
          if (stored) assert.deepEqual(event, stored);
        }
      };
      for await (const text of response.body!.pipeThrough(new TextDecoderStream())) {
        chunks++;
        check(reader.push(text));
      }
      check(reader.end());
      const maxSeq = Number(response.headers.get("x-audit-max-seq"));
      assert.ok(maxSeq >= COUNT, "bounded by the head when the export started");
      assert.equal(expectedSeq - 1, maxSeq, "every event up to that head exported");
      assert.ok(chunks > 10, `streamed in many chunks (${chunks})`);
    });
  }

  await t.step("each export was recorded with its row count", async () => {
    const rows = await db.sql<{ phase: string; rows: number | null }[]>`
          select metadata->>'phase' as phase, (metadata->>'rows')::int as rows
            from audit_log where action = 'audit.export' order by seq`;
    assert.deepEqual([...rows], [
      { phase: "started", rows: null },
      { phase: "completed", rows: COUNT },
      { phase: "started", rows: null },
      { phase: "completed", rows: COUNT + 2 }, // the first export's two events included
    ]);
  });
  await deps.close();
});
